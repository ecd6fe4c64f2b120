"""Figures as residents read them: 19000 → "1.9 万", 100.00 → "100"."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def wan(number):
    if number is None:
        return ""
    if number < 10000:
        return str(number)
    text = f"{Decimal(number) / 10000:.1f}".removesuffix(".0")
    return f"{text} 万"


@register.filter
def yuan(amount):
    if amount is None:
        return ""
    return f"{Decimal(amount).normalize():f}"


@register.filter
def year_month(day):
    return f"{day.year} 年 {day.month} 月" if day else ""

"""A person for the self-check, from the page's form or the API's JSON; bad input says why.

Nothing here is stored or logged: the values live only for the request that carries them.
"""

import datetime
import re

from django import forms

from services.models import Venue

from .models import ASSISTANCE, DISABILITY_CATEGORIES
from .rules import Person, today

OLDEST = 130  # years; an older birth is a typing slip
_BIRTH = re.compile(r"([0-9]{4})-([0-9]{2})")  # ASCII digits: \d would take "١٩٤١" too
# What the API's description declares: a real month (one after this month is still a 400).
BIRTH_PATTERN = r"^[0-9]{4}-(?:0[1-9]|1[0-2])$"
FIELDS = {
    "birth",
    "hukou_street",
    "disability_grade",
    "disability_category",
    "assistance",
    "veteran",
    "retired",
}


class BadInput(ValueError):
    """Input that cannot describe a person; the message is in Chinese, for the user."""


def street_choices():
    """[(street centre code, street name)] of the district's street centres."""
    return [
        (code, name or code)
        for code, name in Venue.objects.streets()
        .order_by("code")
        .values_list("code", "street_name")
    ]


def birth_month(year, month, day=None):
    """The first day of the birth month, checked: a real month, not in the future, not absurd."""
    day = day or today()
    if not 1 <= month <= 12:
        raise BadInput("出生月份必须是 1 到 12。")
    birth = datetime.date(year, month, 1) if 1 <= year <= 9999 else None
    if birth is None or birth > day:
        raise BadInput("出生年月不能晚于本月。")
    if day.year - year > OLDEST:
        raise BadInput(f"出生年份不能早于 {day.year - OLDEST} 年。")
    return birth


def person_from_json(data, day=None):
    """A Person from the API's JSON object; raises BadInput naming the field that is wrong."""
    if not isinstance(data, dict):
        raise BadInput("请求体必须是 JSON 对象。")
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        raise BadInput(f"不认识的字段：{'、'.join(map(str, unknown))}。")
    raw = data.get("birth")
    match = _BIRTH.fullmatch(raw) if isinstance(raw, str) else None
    if match is None:
        raise BadInput('birth 必须是“年-月”格式的文字，例如 "1941-05"。')
    birth = birth_month(int(match[1]), int(match[2]), day)
    street = data.get("hukou_street")
    if street is not None:
        if not isinstance(street, str) or street not in dict(street_choices()):
            raise BadInput("hukou_street 不是二七区街道便民服务中心的编码；非二七区户籍请填 null。")
    grade = data.get("disability_grade")
    if grade is not None and (type(grade) is not int or not 1 <= grade <= 4):
        raise BadInput("disability_grade 必须是 1 到 4 的整数（一级最重），没有残疾人证请填 null。")
    category = data.get("disability_category")
    if category is not None:
        if category not in DISABILITY_CATEGORIES:
            raise BadInput(
                f"disability_category 必须是以下之一：{'、'.join(DISABILITY_CATEGORIES)}。"
            )
        if grade is None:
            raise BadInput("填写 disability_category 时，请同时填写 disability_grade。")
    assistance = data.get("assistance")
    # isinstance first: a JSON object or list is not hashable, and `in dict` would raise.
    if assistance is not None and (
        not isinstance(assistance, str) or assistance not in dict(ASSISTANCE)
    ):
        raise BadInput('assistance 必须是 "低保"、"特困"、"低收入" 或 null。')
    flags = {}
    for name in ("veteran", "retired"):
        value = data.get(name, False)
        if not isinstance(value, bool):
            raise BadInput(f"{name} 必须是 true 或 false。")
        flags[name] = value
    return Person(
        birth=birth,
        hukou_street=street,
        disability_grade=grade,
        disability_category=category,
        assistance=assistance,
        **flags,
    )


NOT_ERQI = "none"


class CheckForm(forms.Form):
    birth_year = forms.IntegerField(
        label="出生年份",
        min_value=1,
        max_value=9999,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "如 1941"}),
        error_messages={"required": "请填写出生年份。", "invalid": "出生年份请填数字，如 1941。"},
    )
    birth_month = forms.TypedChoiceField(
        label="出生月份",
        coerce=int,
        choices=[("", "请选择")] + [(m, f"{m} 月") for m in range(1, 13)],
        error_messages={"required": "请选择出生月份。", "invalid_choice": "请选择 1 到 12 月。"},
    )
    hukou_street = forms.ChoiceField(
        label="户籍所在地",
        error_messages={"required": "请选择户籍所在地。", "invalid_choice": "请从列表中选择。"},
    )
    disability_grade = forms.TypedChoiceField(
        label="残疾人证",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "没有残疾人证")] + [(g, f"{g} 级") for g in range(1, 5)],
        error_messages={"invalid_choice": "请从列表中选择残疾等级。"},
    )
    disability_category = forms.ChoiceField(
        label="残疾类别",
        required=False,
        choices=[("", "不填")] + [(c, f"{c}残疾") for c in DISABILITY_CATEGORIES],
        error_messages={"invalid_choice": "请从列表中选择残疾类别。"},
    )
    assistance = forms.ChoiceField(
        label="救助身份",
        required=False,
        choices=[("", "都不是")] + ASSISTANCE,
        error_messages={"invalid_choice": "请从列表中选择。"},
    )
    veteran = forms.BooleanField(label="是退役军人或其他优抚对象", required=False)
    retired = forms.BooleanField(label="已退休，领取职工养老金", required=False)

    def __init__(self, *args, streets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hukou_street"].choices = (
            [("", "请选择")] + streets + [(NOT_ERQI, "不是二七区户籍")]
        )

    def clean(self):
        data = super().clean()
        year, month = data.get("birth_year"), data.get("birth_month")
        if year is not None and month is not None:
            try:
                data["birth"] = birth_month(year, month)
            except BadInput as error:
                self.add_error("birth_year", str(error))
        if data.get("disability_category") and not data.get("disability_grade"):
            self.add_error("disability_category", "填写残疾类别时，请同时选择残疾等级。")
        return data

    def person(self):
        data = self.cleaned_data
        street = data["hukou_street"]
        return Person(
            birth=data["birth"],
            hukou_street=None if street == NOT_ERQI else street,
            disability_grade=data["disability_grade"],
            disability_category=data["disability_category"] or None,
            assistance=data["assistance"] or None,
            veteran=data["veteran"],
            retired=data["retired"],
        )

"""The data office edits benefit rules here: validated, with a 试算 table and a history."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join

from services.admin.history import ScopedHistoryAdmin
from services.models import Venue

from .models import AgeBand, Benefit, Qualifier
from .rules import overlapping_bands
from .templatetags.benefits_tags import yuan
from .trial import GROUP_LABELS, trial


class AgeBandFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        ranges = [
            (form.cleaned_data["min_age"], form.cleaned_data.get("max_age"))
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("min_age") is not None
        ]
        clashes = overlapping_bands(ranges)
        if clashes:
            (a, b), *_ = clashes
            upper = "以上" if a[1] is None else f"–{a[1]}"
            raise forms.ValidationError(
                f"年龄段重叠：{a[0]}{upper} 周岁与从 {b[0]} 周岁起的年龄段重叠。每个年龄只能属于一个年龄段。"
            )


class AgeBandInline(admin.TabularInline):
    model = AgeBand
    formset = AgeBandFormSet
    extra = 0


class QualifierInline(admin.TabularInline):
    model = Qualifier
    extra = 0


class BenefitForm(forms.ModelForm):
    """Rules across fields of the admin form; the admin builds the fields from its fieldsets."""

    def clean(self):
        data = super().clean()
        streets = data.get("streets")
        if data.get("hukou") == Benefit.Hukou.STREETS and not streets:
            self.add_error("streets", "户籍要求为“指定街道户籍”时，请至少选择一个街道。")
        if data.get("hukou") != Benefit.Hukou.STREETS and streets:
            self.add_error("streets", "只有“指定街道户籍”才选择街道；否则请清空。")
        return data


@admin.register(Benefit)
class BenefitAdmin(ScopedHistoryAdmin):
    """The data office's (ScopedHistoryAdmin: can_edit is the data office); the history page
    lists the bands' and qualifiers' changes too, as a matter's lists its parts'. Saving bumps
    the data generation (ScopedMixin), so cached pages show the new rules."""

    form = BenefitForm
    history_parts = (
        (
            AgeBand,
            "benefit",
            lambda row, names: AgeBand(min_age=row.min_age, max_age=row.max_age).label,
        ),
        (Qualifier, "benefit", lambda row, names: Qualifier.describe(row)),
    )
    inlines = [AgeBandInline, QualifierInline]
    list_display = ["name", "matter", "mode", "audience", "beneficiaries_count", "amounts_verified"]
    list_filter = ["mode", "audience", "amounts_verified"]
    search_fields = ["name", "matter__name", "matter__code"]
    autocomplete_fields = ["matter"]
    filter_horizontal = ["streets"]
    readonly_fields = ["trial_table"]
    fieldsets = [
        (None, {"fields": ["matter", "name", "summary", "mode", "audience", "position"]}),
        (
            "条件（须同时满足；下方“符合情形”满足其一即可）",
            {
                "fields": [
                    "hukou",
                    "streets",
                    "veteran",
                    "retired",
                    "excludes_assisted",
                    "check_reason",
                ]
            },
        ),
        (
            "金额与发放",
            {
                "fields": [
                    "amount_per_month",
                    "amount_note",
                    "amounts_verified",
                    "starts",
                    "payment_method",
                    "legal_basis",
                ]
            },
        ),
        (
            "公布的已享受人数（免申即享）",
            {
                "fields": [
                    "beneficiaries_count",
                    "beneficiaries_label",
                    "beneficiaries_as_of",
                    "beneficiaries_source",
                    "beneficiaries_source_url",
                ]
            },
        ),
        ("试算（按已保存的规则，以今天为准）", {"fields": ["trial_table"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("matter")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "streets":
            kwargs["queryset"] = Venue.objects.streets().order_by("code")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description="示例人员试算")
    def trial_table(self, benefit):
        if benefit.pk is None:
            return "保存后显示试算结果。"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    text,
                    f"{person.birth:%Y-%m}",
                    _person_text(person),
                    GROUP_LABELS[outcome.group if outcome else None],
                    _amount(outcome),
                    f"{outcome.starts:%Y-%m}" if outcome and outcome.starts else "",
                )
                for text, person, outcome in trial(benefit)
            ),
        )
        return format_html(
            '<table class="trial"><thead><tr><th scope="col">示例</th><th scope="col">出生年月</th>'
            '<th scope="col">情况</th><th scope="col">结果</th><th scope="col">每月金额</th>'
            '<th scope="col">起始月</th></tr></thead><tbody>{}</tbody></table>',
            rows,
        )


def _person_text(person):
    parts = [f"二七区户籍（{person.hukou_street}）" if person.hukou_street else "非二七区户籍"]
    if person.disability_grade:
        parts.append(f"{person.disability_grade} 级{person.disability_category or ''}残疾")
    if person.assistance:
        parts.append(person.assistance)
    if person.veteran:
        parts.append("退役军人")
    if person.retired:
        parts.append("已退休")
    return "，".join(parts)


def _amount(outcome):
    if outcome is None or outcome.amount_per_month is None:
        return ""
    return f"{yuan(outcome.amount_per_month)} 元"

"""The 搜索分析 page (/admin/search/): what residents search for, what finds nothing, what
nobody opens, and adding a synonym or a matter's everyday name from there in one step."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from ..actions import synonym_add
from ..models import Matter, Synonym
from ..roles import is_data_office
from ..search import insights
from ..search.expand import split_words


class RangeForm(forms.Form):
    start = forms.DateField(
        label="从", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="到", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class SynonymForm(forms.Form):
    term = forms.CharField(label="群众说法", max_length=Synonym._meta.get_field("term").max_length)
    target = forms.CharField(
        label="对应的规范用词或事项编码",
        max_length=Synonym._meta.get_field("expansions").max_length,
        help_text="如“生育 出生”，或一个事项编码（把这个说法加为该事项的俗称）",
    )

    def clean(self):
        data = super().clean()
        target = (data.get("target") or "").strip()
        matter = Matter.objects.filter(code=target).only("name").first() if target else None
        data["words"] = [matter.name] if matter else split_words(target)
        if not split_words(data.get("term", "")) or not data["words"]:
            raise ValidationError("请填写群众说法和对应的规范用词（或事项编码）。")
        return data


def search_insights_view(request):
    if not is_data_office(request.user):
        raise PermissionDenied
    if request.method == "POST":
        return _add_synonym(request)
    period = RangeForm(request.GET or None)
    start = end = None
    if period.is_valid():
        start, end = period.cleaned_data["start"], period.cleaned_data["end"]
    elif request.GET:
        messages.error(request, "日期格式不对，已显示全部记录。")
    context = {
        **admin.site.each_context(request),
        "title": "搜索分析",
        "period": period,
        "report": insights.report(start, end),
        "synonym_form": SynonymForm(),
        "today": datetime.date.today(),
    }
    return TemplateResponse(request, "admin/search_insights.html", context)


def _add_synonym(request):
    form = SynonymForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, "；".join(error))
    else:
        term, words = form.cleaned_data["term"], form.cleaned_data["words"]
        try:
            added = synonym_add(term=term, words=words, note="搜索分析页添加")
        except ValidationError as e:
            messages.error(request, "；".join(e.messages))
        else:
            if added is None:
                messages.info(request, f"“{term}”已经对应这些词，没有改动。")
            else:
                messages.success(
                    request, f"已添加：{added.term} → {added.expansions}。下一次搜索即可找到。"
                )
    back = request.POST.get("back", "")
    return redirect(
        f"{request.path}?{back}" if back.isascii() and "\n" not in back else request.path
    )

"""Forms of 人民帮办: the resident's request, the staff's request for a caller, tracking."""

import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from services import ratelimit as login_limit
from services.models import Matter, Venue

from .models import Category, Channel, Rating

PHONE = re.compile(r"^1[3-9]\d{9}$")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
NUMBER = re.compile(r"^BB\d{14}$")


def _clean_text(value):
    return CONTROL.sub("", value or "").strip()


class RequestForm(forms.Form):
    """The public form at /help/: field names are fixed by the issue (name, phone, street, …)."""

    name = forms.CharField(label="姓名", max_length=32)
    phone = forms.CharField(
        label="手机号码",
        max_length=11,
        help_text="11 位手机号，用于联系您和查询进度",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}),
    )
    street = forms.ChoiceField(label="所在街道（乡镇）")
    community = forms.ChoiceField(label="所在社区（村）", required=False)
    address = forms.CharField(
        label="详细地址",
        max_length=120,
        required=False,
        help_text="需要上门时必填，如 某小区 3 号楼 2 单元",
    )
    category = forms.ChoiceField(label="服务类别", choices=[("", "请选择"), *Category.choices])
    need = forms.CharField(
        label="需要帮您办什么",
        min_length=5,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="用自己的话说，如：老人行动不便，想办理高龄津贴",
    )
    matter = forms.CharField(
        label="相关事项（可不填）",
        max_length=200,
        required=False,
        help_text="事项名称或编码",
        widget=forms.TextInput(attrs={"list": "matter-options", "autocomplete": "off"}),
    )
    door_to_door = forms.BooleanField(label="需要上门服务", required=False)
    preferred_time = forms.CharField(
        label="方便的时间（可不填）", max_length=60, required=False, help_text="如 工作日上午"
    )
    consent = forms.BooleanField(
        label="我同意工作人员为办理本次帮办使用以上个人信息",
        error_messages={"required": "请勾选同意使用个人信息，否则无法为您办理。"},
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by form-filling robots.
    website = forms.CharField(label="网址（请勿填写）", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        streets = Venue.objects.streets().order_by("code")
        self.streets = {v.code: v for v in streets}
        self.fields["street"].choices = [("", "请选择")] + [
            (v.code, v.street_name or v.name) for v in streets
        ]
        stations = Venue.objects.at_level(Venue.Level.COMMUNITY_STATION).order_by(
            "parent__code", "code"
        )
        self.stations = {v.code: v for v in stations}
        names = {v.pk: v.street_name or v.name for v in streets}
        groups = {}
        for v in stations:
            groups.setdefault(names.get(v.parent_id, "其他"), []).append((v.code, v.name))
        self.fields["community"].choices = [("", "不清楚 / 不选")] + list(groups.items())
        for name in ("name", "phone", "street", "category", "need"):
            self.fields[name].error_messages["required"] = f"请填写{self.fields[name].label}。"
        self.fields["street"].error_messages["invalid_choice"] = "请从列表中选择所在街道。"
        self.fields["community"].error_messages["invalid_choice"] = "请从列表中选择所在社区。"
        self.fields["category"].error_messages["invalid_choice"] = "请从列表中选择服务类别。"

    def clean_name(self):
        name = _clean_text(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError("请填写姓名。")
        return name

    def clean_phone(self):
        phone = re.sub(r"[\s-]", "", self.cleaned_data["phone"])
        if not PHONE.match(phone):
            raise forms.ValidationError("请填写 11 位手机号码，如 13800001234。")
        return phone

    def clean_need(self):
        return _clean_text(self.cleaned_data["need"])

    def clean_address(self):
        return _clean_text(self.cleaned_data["address"])

    def clean_preferred_time(self):
        return _clean_text(self.cleaned_data["preferred_time"])

    def clean_matter(self):
        text = _clean_text(self.cleaned_data["matter"])
        if not text:
            return None
        found = Matter.objects.filter(code=text).first() or Matter.objects.filter(name=text).first()
        if found is None:
            raise forms.ValidationError("没有找到这个事项，请从提示中选择，或不填。")
        return found

    def clean(self):
        data = super().clean()
        street = self.streets.get(data.get("street") or "")
        community = self.stations.get(data.get("community") or "")
        data["street"], data["community"] = street, community
        if street and community and community.parent_id != street.pk:
            self.add_error("community", "所选社区不属于所选街道，请重新选择。")
        if data.get("door_to_door") and not data.get("address"):
            self.add_error("address", "需要上门服务时，请填写详细地址。")
        return data

    @property
    def is_robot(self):
        return bool(self.data.get("website"))

    def request_fields(self):
        data = self.cleaned_data
        fields = ["name", "phone", "street", "community", "address", "category", "need"]
        fields += ["matter", "door_to_door", "preferred_time", "consent"]
        return {name: data[name] for name in fields}


class StaffRequestForm(RequestForm):
    """Staff file a request for a caller or a visitor: the channel is theirs to say."""

    channel = forms.ChoiceField(
        label="来源渠道", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    field_order = ["channel"]


class TrackForm(forms.Form):
    number = forms.CharField(label="受理编号", max_length=20, help_text="如 BB20260311123456")
    phone_last4 = forms.CharField(
        label="手机号后四位",
        max_length=4,
        min_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_number(self):
        number = self.cleaned_data["number"].strip().upper()
        if not NUMBER.match(number):
            raise forms.ValidationError("受理编号是 BB 加 14 位数字，请核对。")
        return number

    def clean_phone_last4(self):
        digits = self.cleaned_data["phone_last4"].strip()
        if not digits.isdigit() or len(digits) != 4:
            raise forms.ValidationError("请填写手机号的后四位数字。")
        return digits


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="您对这次帮办满意吗？",
        choices=Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "请选择一个评价等级。",
            "invalid_choice": "请选择一个评价等级。",
        },
    )
    comment = forms.CharField(
        label="意见或建议（可不填）",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_comment(self):
        return _clean_text(self.cleaned_data["comment"])


class VisitForm(forms.Form):
    at = forms.DateTimeField(
        label="上门时间",
        required=False,
        help_text="不填即为现在",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"invalid": "上门时间格式不对，如 2026-03-11 10:00。"},
    )
    done = forms.CharField(
        label="这次办了什么",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请写明这次上门办了什么。"},
    )

    def clean_done(self):
        return _clean_text(self.cleaned_data["done"])


class LoginForm(login_limit.LimitedLoginMixin, AuthenticationForm):
    """The workbench login, limited like the admin's (services/ratelimit.py)."""

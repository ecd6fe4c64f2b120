from django import forms

from .models import Question


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="您的问题",
        min_length=5,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="5–500 字。问题答复后会公开，请不要写姓名、电话、证件号等个人信息。",
        error_messages={
            "required": "请写下您的问题。",
            "min_length": "问题太短了，请至少写 %(limit_value)d 个字。",
            "max_length": "问题太长了，请不超过 %(limit_value)d 个字（现在 %(show_value)d 个字）。",
        },
    )
    asker = forms.ChoiceField(
        label="您是",
        choices=Question.Asker.choices,
        initial=Question.Asker.PERSON,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择个人或企业。", "invalid_choice": "请选择个人或企业。"},
    )
    contact = forms.CharField(
        label="联系方式（选填）",
        required=False,
        max_length=50,
        help_text="电话或邮箱，只给答复的工作人员看，不公开；答复后即删除。",
        error_messages={"max_length": "联系方式请不超过 %(limit_value)d 个字。"},
    )
    # A field people never see: a bot that fills it in is thanked, and nothing is stored.
    website = forms.CharField(label="网址（请勿填写）", required=False)

    def clean_text(self):
        return " ".join(self.cleaned_data["text"].split())

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))

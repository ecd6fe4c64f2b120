"""No silent lost edits: the change forms of matters and venues carry the version they were
opened at (services/versions.py). A save from a form opened before someone else's save is
refused, with what changed meanwhile, and the form keeps what this user typed: saving again
re-applies it on top of the other's changes (the form now carries the new version).
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from .. import versions
from .history import part_changes

VERSION_FIELD = "version"
CHANGES_LISTED = 10


def version_token(model, pk):
    """ "<when this form was opened>|<the record's version then>"."""
    obj = versions.current(model, pk)
    stored = versions.version_of(obj) if obj is not None else ""
    return f"{timezone.now().isoformat()}|{stored}"


def _opened_at(token):
    when, _, stored = (token or "").partition("|")
    try:
        opened = datetime.datetime.fromisoformat(when)
    except ValueError:
        return None, ""
    return (opened if timezone.is_aware(opened) else None), stored


class VersionedForm(forms.ModelForm):
    """The base form of a versioned admin: `version` is a hidden field of its own fieldset."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    model_admin = None  # set by VersionedAdminMixin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is not None:
            self.initial[VERSION_FIELD] = version_token(type(self.instance), self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        posted = self.data.get(VERSION_FIELD)
        if self.instance.pk is not None and posted:  # a form without one is not ours
            self._check_version(posted)
        return cleaned

    def _check_version(self, posted):
        model, pk = type(self.instance), self.instance.pk
        stored = versions.current(model, pk, lock=True)
        now = versions.version_of(stored) if stored is not None else ""
        opened, seen = _opened_at(posted)
        if opened is not None and seen == now:
            return
        # Saving again applies what this user typed over the newer version: on purpose now.
        self.data = self.data.copy()
        self.data[VERSION_FIELD] = version_token(model, pk)
        raise ValidationError(self._conflict_messages(opened), code="stale")

    def _conflict_messages(self, opened):
        what = self.instance._meta.verbose_name
        lines = [
            f"您打开这个页面之后，这条{what}已被他人修改，您的修改尚未保存。"
            "下面是期间的修改；您填写的内容仍在表单中：核对后再次点击“保存”，将以您的内容为准；"
            "如要保留他人的修改，请重新打开本页再改。"
        ]
        if opened is None:
            return lines
        parts = ((type(self.instance), None, lambda r, names: str(r)),)
        parts += tuple(self.model_admin.history_parts)
        changes, total = part_changes(parts, self.instance.pk, since=opened)
        for change in changes[:CHANGES_LISTED]:
            who = change["who"] or "系统"
            when = timezone.localtime(change["when"]).strftime("%m-%d %H:%M")
            detail = "；".join(change["changes"])
            lines.append(
                f"{when} {who} {change['action']}{change['kind']}“{change['what']}”"
                + (f"：{detail}" if detail else "")
            )
        if total > CHANGES_LISTED:
            lines.append(f"……另有 {total - CHANGES_LISTED} 处修改，见“历史”。")
        return lines


class VersionedAdminMixin:
    """For a ScopedHistoryAdmin: its change form (and revert form) carries the version."""

    form = VersionedForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = type(
            "Versioned" + self.model.__name__ + "Form",
            (super().get_form(request, obj, change=change, **kwargs),),
            {"model_admin": self},
        )
        if obj is None or not self.has_change_permission(request, obj):  # nothing to save
            form.base_fields = {k: v for k, v in form.base_fields.items() if k != VERSION_FIELD}
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and self.has_change_permission(request, obj):
            fieldsets.append((None, {"fields": (VERSION_FIELD,), "classes": ("hidden",)}))
        return fieldsets

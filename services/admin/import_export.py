"""Catalogue import (upload → preview → confirm) and export, on the matter list in the admin.

The file format and all the checking live in services.catalogue_io, the writes in
services.actions; this is only the web side.
The uploaded file waits for the confirm step in a private temporary directory, under a random
token kept in the uploader's session; the confirm step checks the file again before applying.
"""

import contextlib
import io
import json
import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from ..actions import catalogue_import
from ..catalogue_io import (
    COLUMNS,
    FORMATS,
    LIFE_COLUMNS,
    LIFE_SHEET,
    ImportFileError,
    export_life_rows,
    format_of,
    plan_import,
    read_table,
    write_catalogue,
    write_csv,
)
from ..roles import is_data_office
from ..uploads import upload_limit

SESSION_KEY = "catalogue_import"
CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def can_import(user):
    """Only the data office edits every department's matters, so only it may import."""
    return is_data_office(user) and user.has_perms(
        ["services.add_matter", "services.change_matter"]
    )


def stash_dir():
    folder = Path(
        getattr(settings, "CATALOGUE_IMPORT_DIR", Path(tempfile.gettempdir()) / "erqi-imports")
    )
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def stash(request, data, fmt, name, plan, life=None):
    """Keep an uploaded file (and its life-event CSV, `life`) until it is confirmed; returns
    the token for the confirm form."""
    folder = stash_dir()
    for old in folder.iterdir():  # forgotten previews
        with contextlib.suppress(OSError):  # another request may be removing it too
            if old.stat().st_mtime < time.time() - 86400:
                old.unlink()
    token = secrets.token_hex(16)
    (folder / f"{token}{fmt}").write_bytes(data)
    if life is not None:
        (folder / f"{token}{LIFE_SUFFIX}").write_bytes(life)
    # The versions of the matters as previewed: kept beside the file (the session stays small).
    (folder / f"{token}.json").write_text(json.dumps(plan.versions()))
    request.session[SESSION_KEY] = {
        "token": token,
        "fmt": fmt,
        "name": name,
        "fingerprint": plan.fingerprint(),
        "life": life is not None,
    }
    return token


def unstash(request, token):
    """(path, what the session kept) for the file this user previewed under `token`, or None."""
    kept = request.session.get(SESSION_KEY) or {}
    if not token or kept.get("token") != token or kept.get("fmt") not in FORMATS:
        return None
    file = stash_dir() / f"{kept['token']}{kept['fmt']}"
    life = life_of(file, kept)
    return (file, kept) if file.exists() and (life is None or life.exists()) else None


LIFE_SUFFIX = "-life.csv"


def life_of(file, kept):
    """The stashed life-event CSV beside `file`, or None."""
    return file.with_name(file.stem + LIFE_SUFFIX) if kept.get("life") else None


def previewed_versions(file):
    try:
        return json.loads(file.with_suffix(".json").read_text())
    except (OSError, ValueError):
        return {}


def discard(file):
    file.unlink(missing_ok=True)
    file.with_suffix(".json").unlink(missing_ok=True)
    file.with_name(file.stem + LIFE_SUFFIX).unlink(missing_ok=True)


CODES_NAMED = 20
ERRORS_SHOWN = 500


def changed_meanwhile_message(plan, previewed):
    """Which matters someone else changed between the preview and the confirmation."""
    codes = plan.changed_since(previewed)
    text = "预览之后目录已有变化，未做任何修改。请核对下面新的预览，确认后再导入。"
    if codes:
        named = "、".join(codes[:CODES_NAMED]) + ("等" if len(codes) > CODES_NAMED else "")
        text += f"期间被他人修改或新建的事项（{len(codes)} 个）：{named}。"
    return text


class UploadForm(forms.Form):
    file = forms.FileField(
        label="目录文件",
        help_text=f"CSV 或 XLSX，每个事项一行，列见导入格式说明；XLSX 的“{LIFE_SHEET}”工作表是一件事",
    )
    life_file = forms.FileField(
        label="一件事文件（CSV，可选）",
        required=False,
        help_text="目录是 CSV 时，一件事在另一个 CSV 文件里（导出的 …-life-events.csv）；"
        "不传则一件事保持不变",
    )

    def __init__(self, *args, too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        if too_large:  # the file was dropped as it arrived: say why, not that it is missing
            self.fields["file"].required = False

    def clean_file(self):
        if self.too_large:
            raise forms.ValidationError(too_large_message())
        upload = self.cleaned_data["file"]
        try:
            self.fmt = format_of(upload.name)
        except ImportFileError as e:
            raise forms.ValidationError(e.messages) from e
        if upload.size > upload_limit():
            raise forms.ValidationError(too_large_message())
        return upload

    def clean_life_file(self):
        upload = self.cleaned_data.get("life_file")
        if upload is None:
            return None
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(
                "一件事文件请用 .csv 文件（XLSX 目录的一件事在同一文件里）。"
            )
        if upload.size > upload_limit():
            raise forms.ValidationError(too_large_message())
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("life_file") and getattr(self, "fmt", None) == ".xlsx":
            self.add_error(
                "life_file", f"XLSX 目录的一件事请放在同一文件的“{LIFE_SHEET}”工作表中。"
            )
        return cleaned


def too_large_message():
    return f"文件超过 {upload_limit() // (1024 * 1024)} MB，请分批导入。"


class CatalogueIOMixin:
    """Add to MatterAdmin's bases: import/ and export/ pages, buttons, an export action."""

    change_list_template = "admin/services/matter/change_list_io.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name=f"{name}_import"),
            path("export/", view(self.export_view), name=f"{name}_export"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {"can_import_catalogue": can_import(request.user), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_actions(self, request):
        found = super().get_actions(request)
        if self.has_view_permission(request):
            found["export_selected"] = (
                type(self).export_selected,
                "export_selected",
                "导出所选事项（XLSX，可再导入）",
            )
        return found

    def export_selected(self, request, queryset):
        return self._export(queryset, ".xlsx")

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        fmt = ".csv" if request.GET.get("format") == "csv" else ".xlsx"
        if fmt == ".csv" and request.GET.get("part") == "life":
            return self._export_life_csv()
        return self._export(None, fmt)

    def _export_life_csv(self):
        response = HttpResponse(content_type=CONTENT_TYPES[".csv"])
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="erqi-life-events-{stamp}.csv"'
        write_csv(export_life_rows(), response)
        return response

    def _export(self, matters, fmt):
        response = HttpResponse(content_type=CONTENT_TYPES[fmt])
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="erqi-catalogue-{stamp}{fmt}"'
        write_catalogue(response, fmt, matters)
        return response

    def import_view(self, request):
        if not can_import(request.user):
            raise PermissionDenied
        if request.method == "POST" and "confirm" in request.POST:
            return self._import_confirm(request)
        posted = request.method == "POST"
        form = UploadForm(
            request.POST if posted else None,
            request.FILES if posted else None,
            too_large=getattr(request, "upload_too_large", False),  # see services/uploads.py
        )
        if posted and form.is_valid():
            upload, life_upload = form.cleaned_data["file"], form.cleaned_data["life_file"]
            data = upload.read()
            life = life_upload.read() if life_upload else None
            try:
                life_file = io.BytesIO(life) if life is not None else None
                plan = plan_import(read_table(io.BytesIO(data), form.fmt, life_file))
            except ImportFileError as e:
                form.add_error("file", e.messages)
            else:
                token = stash(request, data, form.fmt, upload.name, plan, life) if plan.ok else ""
                return self._render_preview(request, plan, upload.name, token)
        headers = [h for _, h in COLUMNS]
        context = {"form": form, "title": "导入事项目录", "headers": headers}
        context["life_headers"] = [h for _, h in LIFE_COLUMNS]
        return self._render(request, "import.html", context)

    def _import_confirm(self, request):
        found = unstash(request, request.POST.get("token"))
        if found is None:
            messages.error(request, "预览已过期或不属于您，请重新上传文件。")
            return HttpResponseRedirect(reverse("admin:services_matter_import"))
        file, kept = found
        name = kept["name"]
        try:
            life = life_of(file, kept)
            plan = catalogue_import(
                file=file,
                fmt=kept["fmt"],
                by=request.user,
                expected=kept["fingerprint"],
                life_file=life,
            )
        except ImportFileError as e:
            messages.error(request, "；".join(e.messages))
            return HttpResponseRedirect(reverse("admin:services_matter_import"))
        previewed = previewed_versions(file)
        if not plan.applied:  # the data changed since the preview: nothing was written
            messages.warning(request, changed_meanwhile_message(plan, previewed))
            life = life.read_bytes() if life is not None else None
            data = file.read_bytes()
            token = stash(request, data, kept["fmt"], name, plan, life) if plan.ok else ""
            discard(file)
            return self._render_preview(request, plan, name, token)
        discard(file)
        request.session.pop(SESSION_KEY, None)
        messages.success(request, f"已导入“{name}”：{plan.summary()}。")
        return HttpResponseRedirect(reverse("admin:services_matter_changelist"))

    def _render_preview(self, request, plan, name, token):
        context = {"plan": plan, "filename": name, "token": token, "form": UploadForm()}
        context["title"] = f"导入预览：{name}"
        context["error_rows"] = len({e.row for e in plan.errors})
        # A file of 20000 bad rows must not become a page of a million lines.
        context["errors_shown"] = plan.errors[:ERRORS_SHOWN]
        context["errors_hidden"] = max(0, len(plan.errors) - ERRORS_SHOWN)
        context["life_writes"] = [r for r in plan.life_rows if r.action != "unchanged"]
        context["life_unchanged"] = len(plan.life_with("unchanged"))
        return self._render(request, "import_preview.html", context)

    def _render(self, request, template, context):
        context = {**self.admin_site.each_context(request), "opts": self.opts, **context}
        return TemplateResponse(request, f"admin/services/matter/{template}", context)

"""Catalogue import (upload → preview → confirm) and export, on the matter list in the admin.

The file format and all the checking live in services.catalogue_io, the writes in
services.actions; this is only the web side.
The uploaded file waits for the confirm step in a private temporary directory, under a random
token kept in the uploader's session; the confirm step checks the file again before applying.
"""

import contextlib
import io
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
    ImportFileError,
    format_of,
    plan_import,
    read_table,
    write_catalogue,
)
from ..roles import is_data_office

MAX_UPLOAD = 10 * 1024 * 1024
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


def stash(request, data, fmt, name, plan):
    """Keep an uploaded file until it is confirmed; returns the token for the confirm form."""
    folder = stash_dir()
    for old in folder.iterdir():  # forgotten previews
        with contextlib.suppress(OSError):  # another request may be removing it too
            if old.stat().st_mtime < time.time() - 86400:
                old.unlink()
    token = secrets.token_hex(16)
    (folder / f"{token}{fmt}").write_bytes(data)
    request.session[SESSION_KEY] = {
        "token": token,
        "fmt": fmt,
        "name": name,
        "fingerprint": plan.fingerprint(),
    }
    return token


def unstash(request, token):
    """(path, what the session kept) for the file this user previewed under `token`, or None."""
    kept = request.session.get(SESSION_KEY) or {}
    if not token or kept.get("token") != token or kept.get("fmt") not in FORMATS:
        return None
    file = stash_dir() / f"{kept['token']}{kept['fmt']}"
    return (file, kept) if file.exists() else None


class UploadForm(forms.Form):
    file = forms.FileField(
        label="目录文件", help_text="CSV 或 XLSX，每个事项一行，列见导入格式说明"
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.fmt = format_of(upload.name)
        except ImportFileError as e:
            raise forms.ValidationError(e.messages) from e
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("文件超过 10 MB，请分批导入。")
        return upload


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
        return self._export(None, fmt)

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
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                plan = plan_import(read_table(io.BytesIO(data), form.fmt))
            except ImportFileError as e:
                form.add_error("file", e.messages)
            else:
                token = stash(request, data, form.fmt, upload.name, plan) if plan.ok else ""
                return self._render_preview(request, plan, upload.name, token)
        headers = [h for _, h in COLUMNS]
        context = {"form": form, "title": "导入事项目录", "headers": headers}
        return self._render(request, "import.html", context)

    def _import_confirm(self, request):
        found = unstash(request, request.POST.get("token"))
        if found is None:
            messages.error(request, "预览已过期或不属于您，请重新上传文件。")
            return HttpResponseRedirect(reverse("admin:services_matter_import"))
        file, kept = found
        name = kept["name"]
        try:
            plan = catalogue_import(
                file=file, fmt=kept["fmt"], by=request.user, expected=kept["fingerprint"]
            )
        except ImportFileError as e:
            messages.error(request, "；".join(e.messages))
            return HttpResponseRedirect(reverse("admin:services_matter_import"))
        if not plan.applied:  # the data changed since the preview: nothing was written
            messages.warning(request, "预览之后目录已有变化，未做任何修改。请核对新的预览。")
            token = stash(request, file.read_bytes(), kept["fmt"], name, plan) if plan.ok else ""
            file.unlink(missing_ok=True)
            return self._render_preview(request, plan, name, token)
        file.unlink(missing_ok=True)
        request.session.pop(SESSION_KEY, None)
        messages.success(request, f"已导入“{name}”：{plan.summary()}。")
        return HttpResponseRedirect(reverse("admin:services_matter_changelist"))

    def _render_preview(self, request, plan, name, token):
        context = {"plan": plan, "filename": name, "token": token, "form": UploadForm()}
        context["title"] = f"导入预览：{name}"
        context["error_rows"] = len({e.row for e in plan.errors})
        return self._render(request, "import_preview.html", context)

    def _render(self, request, template, context):
        context = {**self.admin_site.each_context(request), "opts": self.opts, **context}
        return TemplateResponse(request, f"admin/services/matter/{template}", context)

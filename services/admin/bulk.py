"""Bulk actions on the change lists, written once: each applies one function of
services/actions.py to the selected rows this user may edit and reports what it did."""

from django.contrib import admin, messages

from .reports import report_to_messages


class BulkMixin:
    """`editable()` for the bulk actions: the selected rows in this user's scope; the others are
    reported and left alone. `scope(user, queryset)` narrows to them."""

    scope = None
    skipped_message = "有 {n} 条记录不在您的管理范围内，未作处理。"

    def editable(self, request, queryset):
        allowed = self.scope(request.user, queryset)
        skipped = queryset.count() - allowed.count()
        if skipped:
            self.message_user(request, self.skipped_message.format(n=skipped), messages.WARNING)
        return allowed


def bulk_action(name, write, rows, *, description, done):
    """An admin action named `name` calling `write(<rows>=editable rows, by=user)`."""

    def action(modeladmin, request, queryset):
        chosen = modeladmin.editable(request, queryset)
        report = write(**{rows: chosen, "by": request.user})
        report_to_messages(modeladmin, request, report, done)

    action.__name__ = action.__qualname__ = name
    return admin.action(description=description, permissions=["change"])(action)

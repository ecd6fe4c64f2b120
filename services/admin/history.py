"""History: each object's audit trail, with its parts' changes (materials, hours, links…) on
the same page, and reverting to an earlier version only for whoever may edit the object."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from ..roles import is_data_office
from .scoping import ScopedMixin

PART_CHANGES_SHOWN = 200
HISTORY_ACTIONS = {"+": "新增", "~": "修改", "-": "删除"}


def _shown(field, value, names):
    if value is None or value == "":
        return "（空）"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        return names.get((field.name, value), str(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def part_changes(parts, parent_pk, *, since=None):
    """The history of a record's parts (materials, hours, links…), newest first, with who, when
    and what changed field by field: one query per part model, and one per related model named.

    A part whose foreign key is None is the record itself. With `since`, only the changes made
    after that moment are listed (compared with the versions before it)."""
    rows = []
    for model, parent_field, label in parts:
        recorded = {f.attname for f in model.history.model._meta.concrete_fields}
        fields = [
            f
            for f in model._meta.concrete_fields
            if f.name not in ("id", parent_field) and f.editable and f.attname in recorded
        ]
        lookup = {f"{parent_field}_id": parent_pk} if parent_field else {"id": parent_pk}
        history = list(
            model.history.filter(**lookup)
            .select_related("history_user")
            .order_by("id", "history_date", "history_id")
        )
        names = {}
        for field in fields:
            if field.is_relation:
                pks = {getattr(r, field.attname) for r in history}
                for obj in field.related_model._default_manager.filter(pk__in=pks):
                    names[(field.name, obj.pk)] = str(obj)
        previous = {}
        for record in history:
            before = previous.get(record.id)
            previous[record.id] = record
            changes = []
            # A change to a row whose earlier version was never recorded (e.g. loaded from the
            # demo fixture) shows its new values only: the old ones are unknown.
            unknown_before = record.history_type == "~" and before is None
            if unknown_before:
                changes.append("此前的版本没有记录，修改后为：")
            for field in fields:
                new = getattr(record, field.attname)
                old = None if before is None else getattr(before, field.attname)
                if record.history_type == "~" and before is not None and old == new:
                    continue
                if record.history_type == "-":
                    continue
                if record.history_type == "+" or unknown_before:
                    changes.append(f"{field.verbose_name}：{_shown(field, new, names)}")
                else:
                    old_text, new_text = _shown(field, old, names), _shown(field, new, names)
                    changes.append(f"{field.verbose_name}：{old_text} → {new_text}")
            if record.history_type == "~" and not changes:
                continue  # a save that changed nothing
            rows.append(
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "kind": model._meta.verbose_name,
                    "what": label(record, names),
                    "action": HISTORY_ACTIONS.get(record.history_type, record.history_type),
                    "changes": changes,
                }
            )
    if since is not None:
        rows = [row for row in rows if row["when"] > since]
    rows.sort(key=lambda row: row["when"], reverse=True)
    return rows[:PART_CHANGES_SHOWN], len(rows)


def same_values(obj, current):
    """Whether saving obj would change no stored field (auto_now stamps aside)."""
    return all(
        getattr(obj, f.attname) == getattr(current, f.attname)
        for f in obj._meta.concrete_fields
        if not getattr(f, "auto_now", False)
    )


MAX_ID = 2**63 - 1  # the largest id a database column holds: larger ones exist nowhere


def is_number(text):
    """Whether `text` can be a row's id: ASCII digits, within 64 bits."""
    text = str(text)
    return text.isascii() and text.isdigit() and int(text) <= MAX_ID


class ScopedHistoryAdmin(ScopedMixin, SimpleHistoryAdmin):
    """History from each object's page; reverting needs the right to change that object.

    A revert saves the old version through the same form as the change page, so the fields that
    are read-only for this user keep their current values (see save_model).
    """

    def save_model(self, request, obj, form, change):
        current = self.model._default_manager.filter(pk=obj.pk).first() if change else None
        if current is not None:
            self._keep_read_only_fields(request, obj, current)
            if same_values(obj, current) and self.can_edit(request.user, obj):
                return  # nothing changed: no history row (the inlines are saved on their own)
        super().save_model(request, obj, form, change)

    def _keep_read_only_fields(self, request, obj, current):
        # The form leaves read-only fields out, so a revert would write the old version's values.
        for name in self.get_readonly_fields(request, current):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # an admin method such as handled_matters
            if field.concrete and not field.many_to_many:
                setattr(obj, field.attname, getattr(current, field.attname))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not (is_number(unquote(object_id)) and is_number(version_id)):
            raise Http404("没有找到这条记录。")
        obj = self.get_object(request, unquote(object_id))
        if obj is None and not is_data_office(request.user):
            raise Http404("没有找到这条记录，或您无权查看。")
        # simple_history saves a POSTed revert with only a view check: require change here.
        if request.method == "POST" and not self.has_change_permission(request, obj):
            raise PermissionDenied
        if obj is not None and not self.has_view_permission(request, obj):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    # (part model, its foreign key to this model, label(historical row, related names)):
    # their changes are listed on this model's history page too.
    history_parts = ()
    object_history_template = "admin/services/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        if not is_number(unquote(object_id)):
            raise Http404("没有找到这条记录。")
        if self.history_parts:
            shown, total = part_changes(self.history_parts, int(unquote(object_id)))
            extra_context = {
                **(extra_context or {}),
                "part_changes": shown,
                "part_changes_total": total,
                "part_kinds": "、".join(m._meta.verbose_name for m, _, _ in self.history_parts),
            }
        if self.get_object(request, unquote(object_id)) is None and not is_data_office(
            request.user
        ):
            raise Http404("没有找到这条记录，或您无权查看。")
        return super().history_view(request, object_id, extra_context)

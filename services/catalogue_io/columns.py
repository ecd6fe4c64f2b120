"""The catalogue file's format: its columns, the words it uses, and its structured cells.

One row per matter; see docs/import-format.md. Shared by reading, planning and export.
"""

import re
from dataclasses import dataclass

from ..models import Handling, Material, Matter

FORMATS = (".csv", ".xlsx")
MAX_ROWS = 20000

COLUMNS = [
    ("code", "事项编码"),
    ("code_is_demo", "演示编码"),
    ("name", "事项名称"),
    ("department", "实施部门"),
    ("kind", "事项类型"),
    ("audience", "服务对象"),
    ("themes", "主题分类"),
    ("conditions", "受理条件"),
    ("basis", "设定依据"),
    ("handling_type", "办件类型"),
    ("legal_days", "法定时限（工作日）"),
    ("promised_days", "承诺时限（工作日）"),
    ("fee", "收费标准"),
    ("visits", "到现场次数"),
    ("scope", "通办范围"),
    ("online_url", "网上办理地址"),
    ("consult_phone", "咨询电话"),
    ("instant", "即来即办"),
    ("no_application", "免申即享"),
    ("self_service", "7×24 自助"),
    ("delegated_to_street", "下沉街道"),
    ("cross_province", "跨省通办"),
    ("keywords", "关键词"),
    ("materials", "申请材料"),
    ("steps", "办理流程"),
    ("handlings", "办理地点"),
]
HEADER = dict(COLUMNS)
FLAGS = ["instant", "no_application", "self_service", "delegated_to_street", "cross_province"]
FLAGS.append("code_is_demo")  # yes/no like the flags: the code is not yet an official one
# Columns a file may leave out (older exports): read as empty, i.e. 否.
OPTIONAL = {"code_is_demo"}
TEXTS = ["name", "conditions", "basis", "fee", "online_url", "consult_phone", "keywords"]
CHOICES = {
    "kind": Matter.Kind,
    "audience": Matter.Audience,
    "handling_type": Matter.HandlingType,
    "scope": Matter.Scope,
}
# The Matter fields a row sets (besides code, themes and the child lists).
SCALARS = ["name", "department_id", *CHOICES, "conditions", "basis", "legal_days"]
SCALARS += ["promised_days", "fee", "visits", "online_url", "consult_phone", *FLAGS, "keywords"]
DEFAULTS = {"fee": "不收费", "visits": "1", "scope": Matter.Scope.LOCAL.label}

YES, NO = "是", "否"
REQUIREMENT_OUT = {"required": "必要", "conditional": "容缺"}
MODE_OUT = {"full": "全流程办理", "accept": "受理", "assist": "帮办代办"}
ALIASES = {
    Material.Requirement: {"容缺": "conditional", "特定情形需要": "conditional"},
    Handling.Mode: {"全流程": "full", "收件": "accept", "受理": "accept", "帮办代办": "assist"},
}
ALIASES[Handling.Mode] |= {"咨询": "assist", "帮办": "assist", "代办": "assist"}
FIELD_SEPS = "|｜"
LIST_SEPS = ";；、,，\n"
VENUE_SEPS = ";；\n"


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong type, unreadable, or bad headers."""

    def __init__(self, messages):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("；".join(self.messages))


MATERIAL_FIELDS = ["name", "requirement", "form", "copies", "source", "condition"]
MATERIAL_FIELDS += ["form_url", "sample_url"]


def split_cell(text, record_seps, field_seps=FIELD_SEPS):
    """Records of fields from a structured cell; `\\` escapes a separator, `\\n` is a newline."""
    records, fields, buf = [], [], []
    chars = iter(text)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            if nxt == "n":
                buf.append("\n")
            elif nxt == "\\" or (nxt and nxt in field_seps + record_seps):
                buf.append(nxt)
            else:
                buf.append("\\" + nxt)
        elif ch in field_seps:
            fields.append("".join(buf).strip())
            buf = []
        elif ch in record_seps:
            fields.append("".join(buf).strip())
            records.append(fields)
            fields, buf = [], []
        else:
            buf.append(ch)
    fields.append("".join(buf).strip())
    records.append(fields)
    return [r for r in records if any(r)]


def join_cell(records, record_sep, specials):
    # A backslash is doubled only where the reader would otherwise take it as an escape.
    lone = re.compile(r"\\(?=[n\\\n" + re.escape(specials) + "]|$)")

    def escape(value):
        value = lone.sub(r"\\\\", value.replace("\r\n", "\n")).replace("\n", "\\n")
        for ch in specials:
            value = value.replace(ch, "\\" + ch)
        return value

    return record_sep.join(FIELD_SEPS[1].join(escape(v) for v in r) for r in records)


def trim(fields, keep):
    fields = list(fields)
    while len(fields) > keep and fields[-1] == "":
        fields.pop()
    return fields


@dataclass
class RowError:
    row: int
    column: str
    message: str
    sheet: str = ""  # "一件事" for the life-event sheet or file; "" for the matters

    def __str__(self):
        where = f"“{self.sheet}”" if self.sheet else ""
        return f"{where}第 {self.row} 行［{self.column}］：{self.message}"


SHOWN_CHARS = 30


def excerpt(text, limit=SHOWN_CHARS):
    """At most `limit` characters of a cell, for messages: never a whole (maybe huge) cell."""
    text = str(text).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


# A spreadsheet takes a CSV cell that begins with one of these as a formula (OWASP's list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text):
    """A CSV cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP).
    Apostrophes already in front of such a cell get one more, so that unescape_formula() gives
    back exactly the original: "=1" → "'=1", "'=1" → "''=1", "'a" stays "'a"."""
    return "'" + text if text.lstrip("'").startswith(FORMULA_TRIGGERS) else text


def unescape_formula(text):
    """The inverse of escape_formula(), applied to every CSV cell read."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text

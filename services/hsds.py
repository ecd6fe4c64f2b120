"""The directory as an Open Referral HSDS 3.0 tabular data package (datapackage.json + CSVs).

Tables (HSDS 3.0 names): organization ← departments, service ← matters, location ← venues,
service_at_location ← where each matter is handled, schedule ← weekly opening hours,
phone ← department, consultation and venue phones, address ← venue addresses. Identifiers
are UUIDs derived (uuid5) from the records' own codes, so they stay the same across exports
and across databases loaded with the same data.
"""

import csv
import io
import json
import uuid
import zipfile
from collections import defaultdict

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.renderers import BaseRenderer
from rest_framework.views import APIView

from .api_schema import JsonErrors
from .caching import Policy, per_generation
from .models import Department, Handling, Matter, OpeningPeriod, Venue

HSDS_VERSION = "3.0"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:erqi-service-directory:hsds")
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
BEIJING = "+08:00"

# Each table's columns: (name, type, required). Types are HSDS's (string, number); `uuid`
# marks a string holding an identifier.
TABLES = {
    "organization": [
        ("id", "uuid", True),
        ("name", "string", True),
        ("alternate_name", "string", False),
        ("description", "string", True),
    ],
    "service": [
        ("id", "uuid", True),
        ("organization_id", "uuid", True),
        ("name", "string", True),
        ("description", "string", False),
        ("url", "string", False),
        ("status", "string", True),
        ("application_process", "string", False),
        ("fees_description", "string", False),
        ("eligibility_description", "string", False),
        ("last_modified", "string", False),
    ],
    "location": [
        ("id", "uuid", True),
        ("location_type", "string", True),
        ("name", "string", False),
        ("description", "string", False),
        ("latitude", "number", False),
        ("longitude", "number", False),
        ("external_identifier", "string", False),
        ("external_identifier_type", "string", False),
    ],
    "service_at_location": [
        ("id", "uuid", True),
        ("service_id", "uuid", True),
        ("location_id", "uuid", True),
        ("description", "string", False),
    ],
    "schedule": [
        ("id", "uuid", True),
        ("location_id", "uuid", False),
        ("freq", "string", False),
        ("byday", "string", False),
        ("opens_at", "string", False),
        ("closes_at", "string", False),
        ("timezone", "number", False),
        ("description", "string", False),
    ],
    "phone": [
        ("id", "uuid", True),
        ("location_id", "uuid", False),
        ("service_id", "uuid", False),
        ("organization_id", "uuid", False),
        ("number", "string", True),
        ("type", "string", False),
        ("description", "string", False),
    ],
    "address": [
        ("id", "uuid", True),
        ("location_id", "uuid", False),
        ("address_1", "string", True),
        ("city", "string", True),
        ("region", "string", False),
        ("state_province", "string", True),
        ("postal_code", "string", True),
        ("country", "string", True),
        ("address_type", "string", True),
    ],
}
FOREIGN_KEYS = {
    ("service", "organization_id"): "organization",
    ("service_at_location", "service_id"): "service",
    ("service_at_location", "location_id"): "location",
    ("schedule", "location_id"): "location",
    ("phone", "location_id"): "location",
    ("phone", "service_id"): "service",
    ("phone", "organization_id"): "organization",
    ("address", "location_id"): "location",
}


def uid(table, *key):
    return str(uuid.uuid5(NAMESPACE, "|".join([table, *map(str, key)])))


def organizations():
    for d in Department.objects.order_by("position", "code"):
        yield {
            "id": uid("organization", d.code),
            "name": d.name,
            "alternate_name": d.short_name,
            "description": f"二七区政务服务事项的实施部门（{d.kind}）。",
        }


def _steps(matter):
    return "；".join(f"{s.position}. {s.name}：{s.description}" for s in matter.steps.all())


def services():
    matters = Matter.objects.select_related("department").prefetch_related("steps")
    for m in matters.order_by("code"):
        yield {
            "id": uid("service", m.code),
            "organization_id": uid("organization", m.department.code),
            "name": m.name,
            "description": f"{m.get_kind_display()}，服务对象：{m.get_audience_display()}；"
            f"事项编码 {m.code}。",
            "url": m.online_url,
            "status": "active",
            "application_process": _steps(m),
            "fees_description": m.fee,
            "eligibility_description": m.conditions,
            "last_modified": m.updated_at.isoformat(),
        }


def locations():
    for v in Venue.objects.order_by("code"):
        yield {
            "id": uid("location", v.code),
            "location_type": "physical",
            "name": v.name,
            "description": f"{v.get_level_display()}；{v.hours_note}".rstrip("；"),
            "latitude": v.latitude,
            "longitude": v.longitude,
            "external_identifier": v.code,
            "external_identifier_type": "二七区政务服务场所编码",
        }


def services_at_locations():
    links = Handling.objects.select_related("matter", "venue").order_by(
        "matter__code", "venue__code"
    )
    for h in links:
        where = f"{h.get_mode_display()}" + (f"；{h.window}" if h.window else "")
        yield {
            "id": uid("service_at_location", h.matter.code, h.venue.code),
            "service_id": uid("service", h.matter.code),
            "location_id": uid("location", h.venue.code),
            "description": where,
        }


def schedules():
    """One row per venue and time span, the weekdays it applies to in `byday`."""
    spans = defaultdict(list)
    for p in OpeningPeriod.objects.select_related("venue").order_by("venue__code", "weekday"):
        spans[(p.venue.code, p.opens, p.closes)].append(WEEKDAYS[p.weekday])
    for (code, opens, closes), days in sorted(spans.items()):
        yield _schedule(code, days, f"{opens:%H:%M}", f"{closes:%H:%M}", "")
    for v in Venue.objects.filter(always_open=True).order_by("code"):
        yield _schedule(v.code, WEEKDAYS, "00:00", "23:59", "7×24 小时开放")


def _schedule(code, days, opens, closes, note):
    return {
        "id": uid("schedule", code, ",".join(days), opens, closes),
        "location_id": uid("location", code),
        "freq": "WEEKLY",
        "byday": ",".join(days),
        "opens_at": opens + BEIJING,
        "closes_at": closes + BEIJING,
        "timezone": 8,
        "description": note or "法定节假日休息，调休上班日照常开放",
    }


def phones():
    for d in Department.objects.exclude(phone="").order_by("code"):
        yield _phone(uid("phone", "organization", d.code), d.phone, organization=d.code)
    for m in Matter.objects.exclude(consult_phone="").order_by("code"):
        yield _phone(uid("phone", "service", m.code), m.consult_phone, service=m.code)
    for v in Venue.objects.exclude(phone="").order_by("code"):
        yield _phone(uid("phone", "location", v.code), v.phone, location=v.code)


def _phone(id_, number, *, organization="", service="", location=""):
    return {
        "id": id_,
        "location_id": uid("location", location) if location else "",
        "service_id": uid("service", service) if service else "",
        "organization_id": uid("organization", organization) if organization else "",
        "number": number,
        "type": "voice",
        "description": "咨询电话",
    }


def addresses():
    for v in Venue.objects.order_by("code"):
        yield {
            "id": uid("address", v.code),
            "location_id": uid("location", v.code),
            "address_1": v.address,
            "city": "郑州市",
            "region": "二七区",
            "state_province": "河南省",
            "postal_code": "450000",
            "country": "CN",
            "address_type": "physical",
        }


ROWS = {
    "organization": organizations,
    "service": services,
    "location": locations,
    "service_at_location": services_at_locations,
    "schedule": schedules,
    "phone": phones,
    "address": addresses,
}


def table_schema(table):
    fields = []
    for name, kind, required in TABLES[table]:
        field = {"name": name, "type": "number" if kind == "number" else "string"}
        if kind == "uuid":
            field["format"] = "uuid"
        field["constraints"] = {"required": required, **({"unique": True} if name == "id" else {})}
        fields.append(field)
    keys = [
        {"fields": column, "reference": {"resource": target, "fields": "id"}}
        for (source, column), target in FOREIGN_KEYS.items()
        if source == table
    ]
    return {"fields": fields, "primaryKey": "id", "foreignKeys": keys}


def datapackage():
    return {
        "name": "erqi-service-directory",
        "title": "二七区政务服务目录（HSDS 3.0）",
        "profile": "tabular-data-package",
        "version": HSDS_VERSION,
        "resources": [
            {
                "name": table,
                "path": f"{table}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(table),
            }
            for table in TABLES
        ],
    }


def csv_text(table):
    out = io.StringIO()
    columns = [name for name, _, _ in TABLES[table]]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in ROWS[table]():
        writer.writerow(row)
    return out.getvalue()


def files():
    """{file name: text} of the whole package."""
    texts = {"datapackage.json": json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n"}
    texts.update({f"{table}.csv": csv_text(table) for table in TABLES})
    return texts


def write_directory(path):
    path.mkdir(parents=True, exist_ok=True)
    written = files()
    for name, text in written.items():
        (path / name).write_text(text, encoding="utf-8")
    return sorted(written)


def zip_bytes():
    """The package as a zip; a fixed timestamp per entry so that the same data gives the
    same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files().items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()


# Kept in each process until the data changes, whatever the page cache drops: the zip costs
# seconds of CPU (30 s at 100×), far more than its room (1–11 MB).
_zip_of_generation = per_generation(zip_bytes)


class ZipRenderer(BaseRenderer):
    media_type = "application/zip"
    format = "zip"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


@extend_schema(
    summary="开放数据：HSDS 3.0 数据包",
    description=(
        "整个目录（部门、事项、服务场所、办理地点、开放时间、电话、地址）按 Open Referral "
        "HSDS 3.0 表格数据包导出：datapackage.json 和各表 CSV，打成一个 zip。"
        "标识符为由编码派生的 UUID，每次导出都相同。数据一有改动，下载即是新的。"
    ),
    responses={
        (200, "application/zip"): OpenApiResponse(
            response=OpenApiTypes.BINARY, description="HSDS 3.0 表格数据包（zip）"
        )
    },
)
class HsdsDownload(JsonErrors, APIView):
    """/api/v1/hsds.zip. Building it reads the whole directory (seconds of CPU for the demo),
    so the answer is cached on the data generation like every public answer (ETag, 304)."""

    cache_policy = Policy(page=False, params=())  # no parameter: one entry per generation
    renderer_classes = [ZipRenderer]

    def get(self, request):
        response = HttpResponse(_zip_of_generation(), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="erqi-hsds-3.0.zip"'
        return response

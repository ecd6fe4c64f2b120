"""export_hsds and /api/v1/hsds.zip write the directory as an Open Referral HSDS 3.0 tabular
data package that keeps the specification's rules."""

import csv
import io
import json
import re
import zipfile

import pytest
from django.core.cache import cache
from django.core.management import call_command

from services.actions import generation_bump
from services.models import Department, Generation, Handling, Matter, Venue
from tests import factories

pytestmark = pytest.mark.django_db

# Facts from the HSDS 3.0 specification (openreferral/specification, schema/*.json): the
# tables exported here, each table's required fields, and the enumerations of their fields.
REQUIRED = {
    "organization": {"id", "name", "description"},
    "service": {"id", "name", "status"},
    "location": {"id", "location_type"},
    "service_at_location": {"id"},
    "schedule": {"id"},
    "phone": {"id", "number"},
    "address": {
        "id", "address_1", "city", "state_province", "postal_code", "country", "address_type",
    },
}  # fmt: skip
# Required in the tabular format (the links between tables).
TABULAR_REQUIRED = {
    "service": {"organization_id"},
    "service_at_location": {"service_id", "location_id"},
}
ENUMS = {
    ("service", "status"): {"active", "inactive", "defunct", "temporarily closed"},
    ("location", "location_type"): {"physical", "postal", "virtual"},
    ("address", "address_type"): {"physical", "postal", "virtual"},
    ("schedule", "freq"): {"WEEKLY", "MONTHLY"},
}
NUMBERS = {("location", "latitude"), ("location", "longitude"), ("schedule", "timezone")}
WEEKDAY_CODES = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ID_COLUMN = re.compile(r"^id$|_id$")
HH_MM_OFFSET = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(Z|[+-]\d\d:\d\d)$")


def small_directory():
    centre = factories.venue(code="EQ-ZX", name="区中心", phone="0371-68127100")
    factories.weekday_hours(centre)
    street = factories.venue(Venue.Level.STREET_CENTRE, code="EQ-JD01")
    kiosk = factories.venue(Venue.Level.SELF_SERVICE_KIOSK, parent=street, code="EQ-ZZ01")
    dept = factories.department(code="D-MZ", name="二七区民政局", phone="0371-68000000")
    card = factories.matter(code="411F0000000001", name="老年人优待证办理", department=dept)
    factories.step(card, name="受理", description="窗口受理")
    factories.matter(code="411F0000000002", name="婚姻登记档案查询", department=dept, fee="")
    factories.handling(card, centre, window="民政窗口")
    factories.handling(card, kiosk, mode=Handling.Mode.FULL)
    return card


def read_package(files):
    package = json.loads(files["datapackage.json"])
    tables = {
        r["name"]: list(csv.DictReader(io.StringIO(files[r["path"]]))) for r in package["resources"]
    }
    return package, tables


def exported(tmp_path):
    call_command("export_hsds", str(tmp_path), stdout=io.StringIO())
    return {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}


def test_the_package_has_the_hsds_tables_and_each_resource_describes_its_csv(tmp_path):
    small_directory()
    package, tables = read_package(exported(tmp_path))

    assert set(tables) == set(REQUIRED)
    for resource in package["resources"]:
        with open(tmp_path / resource["path"], encoding="utf-8") as f:
            header = next(csv.reader(f))
        assert [field["name"] for field in resource["schema"]["fields"]] == header
        assert resource["schema"]["primaryKey"] == "id"


def test_required_fields_are_filled_and_enumerations_kept(tmp_path):
    small_directory()
    _, tables = read_package(exported(tmp_path))

    for table, rows in tables.items():
        assert rows, table
        required = REQUIRED[table] | TABULAR_REQUIRED.get(table, set())
        for row in rows:
            assert required <= set(row), (table, required - set(row))
            assert all(row[name] for name in required), (table, row)
            for (t, name), allowed in ENUMS.items():
                if t == table and row[name]:
                    assert row[name] in allowed, (table, name, row[name])
            for t, name in NUMBERS:
                if t == table and row[name]:
                    float(row[name])
    assert all(len(r["country"]) == 2 and r["country"].isupper() for r in tables["address"])
    for schedule in tables["schedule"]:
        assert set(schedule["byday"].split(",")) <= WEEKDAY_CODES
        assert HH_MM_OFFSET.match(schedule["opens_at"]) and HH_MM_OFFSET.match(
            schedule["closes_at"]
        )


def test_identifiers_are_unique_uuids_and_every_link_points_at_a_row(tmp_path):
    small_directory()
    package, tables = read_package(exported(tmp_path))

    ids = {table: {row["id"] for row in rows} for table, rows in tables.items()}
    for table, rows in tables.items():
        assert len(ids[table]) == len(rows)
        for row in rows:
            for name, value in row.items():
                if ID_COLUMN.search(name) and value:
                    assert UUID.match(value), (table, name, value)
    for resource in package["resources"]:
        for key in resource["schema"]["foreignKeys"]:
            target = ids[key["reference"]["resource"]]
            values = {r[key["fields"]] for r in tables[resource["name"]] if r[key["fields"]]}
            assert values <= target, (resource["name"], key["fields"])


def test_the_links_and_hours_say_what_the_directory_says(tmp_path):
    card = small_directory()
    _, tables = read_package(exported(tmp_path))

    service = next(s for s in tables["service"] if s["name"] == card.name)
    at = [x for x in tables["service_at_location"] if x["service_id"] == service["id"]]
    assert len(at) == 2
    centre = next(loc for loc in tables["location"] if loc["external_identifier"] == "EQ-ZX")
    weekly = [s for s in tables["schedule"] if s["location_id"] == centre["id"]]
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in weekly] == [
        ("MO,TU,WE,TH,FR", "09:00+08:00", "17:00+08:00")
    ]


def wipe():
    Handling.objects.all().delete()
    Matter.objects.all().delete()
    Level = Venue.Level
    for levels in (
        [Level.SELF_SERVICE_KIOSK, Level.COMMUNITY_STATION],
        [Level.STREET_CENTRE, Level.ENTERPRISE_HALL],
        [Level.DISTRICT_CENTRE],
    ):
        Venue.objects.filter(level__in=levels).delete()
    Department.objects.all().delete()


def ids(files):
    return {table: sorted(r["id"] for r in rows) for table, rows in read_package(files)[1].items()}


def test_identifiers_stay_the_same_across_runs_and_databases(tmp_path):
    small_directory()
    first = exported(tmp_path / "a")
    assert exported(tmp_path / "b") == first

    wipe()
    small_directory()  # new primary keys, the same codes

    assert ids(exported(tmp_path / "c")) == ids(first)


def test_the_api_serves_the_same_package_as_a_zip(client, tmp_path):
    cache.clear()
    small_directory()
    response = client.get("/api/v1/hsds.zip")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {n: archive.read(n).decode() for n in archive.namelist()} == exported(tmp_path)


def test_the_download_is_built_once_per_data_generation(client, django_assert_num_queries):
    cache.clear()
    card = small_directory()
    first = client.get("/api/v1/hsds.zip")
    with django_assert_num_queries(1):  # the generation numbers; the zip comes from the cache
        again = client.get("/api/v1/hsds.zip")
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    with django_assert_num_queries(1):
        unchanged = client.get("/api/v1/hsds.zip", headers={"if-none-match": first["ETag"]})
    assert unchanged.status_code == 304

    card.name = "老年人优待证申领"
    card.save()
    generation_bump(kind=Generation.Kind.SEARCH)  # what every write in actions/ and the admin does
    changed = client.get("/api/v1/hsds.zip", headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(changed.content))
    assert "老年人优待证申领" in archive.read("service.csv").decode()


def test_the_download_is_in_the_api_description(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    answer = schema["paths"]["/api/v1/hsds.zip"]["get"]["responses"]["200"]
    assert answer["content"]["application/zip"]["schema"] == {
        "type": "string",
        "format": "binary",
    }


def test_a_post_to_the_download_is_refused_in_json(client):
    response = client.post("/api/v1/hsds.zip")
    assert response.status_code == 405
    assert "detail" in response.json()

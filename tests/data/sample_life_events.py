"""Two life events on the small test catalogue (sample_catalogue), and helpers to write the
life-event sheet or file and to read every sheet of an export back."""

import csv

from openpyxl import Workbook, load_workbook

from services.catalogue_io import LIFE_COLUMNS, LIFE_SHEET
from services.models import LifeEvent, LifeEventMaterial, Material
from tests import factories
from tests.data.sample_catalogue import HEADERS, catalogue

LIFE_HEADERS = [h for _, h in LIFE_COLUMNS]


def catalogue_with_life_events():
    data = catalogue()
    id_card, birth, marriage = data["matters"]
    baby = factories.life_event(
        code="birth",
        name="新生儿出生一件事",
        summary="孩子出生后，父母一次办好出生登记等事项。",
        keywords="生孩子 出生",
        lead_department=data["civil"],
        promised_days=5,
        conditions="父母一方为本区户籍。\n在本市医院出生。",
        online_url="https://www.hnzwfw.gov.cn/",
        venue=data["centre"],
        position=1,
    )
    factories.bundle(baby, birth, position=1)
    factories.bundle(baby, id_card, position=2, required=False, condition="仅父母需换领身份证时")
    card = LifeEventMaterial.objects.create(event=baby, position=1, name="居民身份证", copies=2)
    card.for_matters.set([birth, id_card])
    LifeEventMaterial.objects.create(
        event=baby,
        position=2,
        name="出生医学证明｜副页; =见说明",
        required=False,
        form=Material.Form.ORIGINAL_AND_COPY,
    )
    company = factories.life_event(
        code="wed",
        name="婚育一件事",
        audience=LifeEvent.Audience.ENTERPRISE,
        lead_department=data["police"],
        published=False,
        promised_days=0,
    )
    factories.bundle(company, marriage, position=3)
    return {**data, "events": [baby, company]}


def life_row(**cells):
    """One valid life-event row bundling MZ-003 (from sample_catalogue), overridable by field."""
    values = {
        "code": "school",
        "name": "入学一件事",
        "audience": "个人",
        "summary": "孩子上小学前要办的事。",
        "keywords": "",
        "lead_department": "区民政局",
        "promised_days": "3",
        "conditions": "",
        "online_url": "",
        "venue": "",
        "position": "",
        "published": "",
        "matters": "MZ-003",
        "materials": "户口簿｜必要｜原件｜1｜MZ-003",
    }
    values.update(cells)
    return [values[f] for f, _ in LIFE_COLUMNS]


def write_life_csv(path, rows, header=LIFE_HEADERS):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    return path


def write_xlsx_with_life(path, rows, life_rows, header=HEADERS):
    book = Workbook()
    for values in [header, *rows]:
        book.active.append(values)
    sheet = book.create_sheet(LIFE_SHEET)
    for values in [LIFE_HEADERS, *life_rows]:
        sheet.append(values)
    book.save(path)
    return path


def read_all(path):
    """Every sheet of an XLSX (or the CSV and its life-event file) as lists of text."""
    if str(path).endswith(".csv"):
        from services.catalogue_io import life_file_beside

        found = []
        for each in (path, life_file_beside(path)):
            with open(each, encoding="utf-8-sig", newline="") as f:
                found.append(list(csv.reader(f)))
        return found
    book = load_workbook(path, read_only=True)
    sheets = [
        [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    ]
    book.close()
    return sheets


def life_snapshot():
    """Every life event as an import sets it, without keys, positions or stamps."""
    skip = {"id", "created_at", "updated_at", "verified_at", "verified_by_id"}
    fields = [f.attname for f in LifeEvent._meta.concrete_fields if f.attname not in skip]
    events = LifeEvent.objects.select_related("lead_department", "venue").prefetch_related(
        "bundled__matter", "materials__for_matters"
    )
    return {
        e.code: (
            {f: getattr(e, f) for f in fields if f not in ("lead_department_id", "venue_id")},
            e.lead_department.code,
            e.venue.code if e.venue else None,
            [(x.matter.code, x.required, x.condition) for x in e.bundled.all()],
            [
                (m.name, m.required, m.form, m.copies, sorted(x.code for x in m.for_matters.all()))
                for m in e.materials.all()
            ],
        )
        for e in events
    }

"""A small catalogue for the import and export tests, and helpers to write real files."""

import csv
import io

from openpyxl import Workbook, load_workbook

from services.catalogue_io import COLUMNS
from services.models import Handling, Material, Matter, Theme, Venue
from services.search import pinyin_fields
from tests import factories

HEADERS = [h for _, h in COLUMNS]


def network():
    """One district centre, two street centres, a community station and a kiosk."""
    centre = factories.venue(Venue.Level.DISTRICT_CENTRE, code="district")
    streets = [
        factories.venue(Venue.Level.STREET_CENTRE, parent=centre, code=f"JD-0{i}") for i in (1, 2)
    ]
    station = factories.venue(Venue.Level.COMMUNITY_STATION, parent=streets[0], code="SQ-001")
    kiosk = factories.venue(Venue.Level.SELF_SERVICE_KIOSK, parent=streets[1], code="JK-001")
    return {"centre": centre, "streets": streets, "station": station, "kiosk": kiosk}


def catalogue():
    """Departments, themes, venues and three matters that use every cell format."""
    police = factories.department(code="GA", name="区公安分局", short_name="公安")
    civil = factories.department(code="MZ", name="区民政局", short_name="民政")
    birth = factories.theme(slug="birth", name="生育收养")
    household = factories.theme(slug="household", name="户籍办理")
    factories.theme(slug="startup", name="设立变更", audience=Theme.Audience.ENTERPRISE)
    net = network()
    id_card = factories.matter(
        code="GA-001",
        name="居民身份证换领",
        department=police,
        kind=Matter.Kind.PUBLIC_SERVICE,
        audience=Matter.Audience.PERSON,
        instant=True,
        legal_days=None,
        self_service=True,
        keywords="身份证 换证 办身份证",
        conditions="本市户籍居民。\n证件有效期满前三个月内申请。",
        online_url="https://www.hnzwfw.gov.cn/",
        consult_phone="0371-68186110",
        themes=[household],
    )
    factories.material(id_card, position=1, name="居民身份证", form=Material.Form.ORIGINAL)
    factories.material(
        id_card,
        position=2,
        name="户口簿",
        requirement=Material.Requirement.CONDITIONAL,
        form=Material.Form.ORIGINAL_AND_COPY,
        copies=2,
        source="申请人自备",
        condition="户籍不在本区时｜需要",
        form_url="https://example.gov.cn/form.pdf",
    )
    factories.step(id_card, position=1, name="受理", description="窗口核验身份\n现场采集照片")
    factories.step(id_card, position=2, name="送达")
    for venue in [net["centre"], *net["streets"]]:
        factories.handling(id_card, venue, window="户政窗口")
    factories.handling(id_card, net["kiosk"], mode=Handling.Mode.ACCEPT)
    birth_matter = factories.matter(
        code="MZ-002",
        name="生育登记",
        department=civil,
        no_application=True,
        basis="《河南省人口与计划生育条例》",
        fee="不收费",
        scope=Matter.Scope.PROVINCE,
        cross_province=True,
        themes=[birth, household],
    )
    factories.step(birth_matter, position=1, name="申请", description="C:\\材料\\说明; 见附件")
    factories.handling(birth_matter, net["centre"])
    factories.handling(birth_matter, net["streets"][0], window="3号窗口", mode="assist")
    factories.handling(birth_matter, net["station"])
    plain = factories.matter(code="MZ-003", name="结婚登记", department=civil)
    for m in (id_card, birth_matter, plain):
        m.search_pinyin, m.search_initials = pinyin_fields(m.name, m.keywords)
        Matter.objects.filter(pk=m.pk).update(
            search_pinyin=m.search_pinyin, search_initials=m.search_initials
        )
    return {"police": police, "civil": civil, "matters": [id_card, birth_matter, plain], **net}


def row(**cells):
    """One valid row for a new matter in the '区民政局' department, overridable by field."""
    values = {
        "code": "MZ-100",
        "name": "最低生活保障申请",
        "department": "区民政局",
        "kind": "行政给付",
        "audience": "个人",
        "themes": "",
        "conditions": "",
        "basis": "",
        "handling_type": "承诺件",
        "legal_days": "30",
        "promised_days": "15",
        "fee": "不收费",
        "visits": "1",
        "scope": "属地办理",
        "online_url": "",
        "consult_phone": "",
        "instant": "否",
        "no_application": "否",
        "self_service": "否",
        "delegated_to_street": "否",
        "cross_province": "否",
        "code_is_demo": "否",
        "keywords": "低保",
        "materials": "居民身份证｜必要｜原件｜1",
        "steps": "申请\n受理",
        "handlings": "district_centre",
    }
    values.update(cells)
    return [values[f] for f, _ in COLUMNS]


def write_csv(path, rows, header=HEADERS):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    return path


def write_xlsx(path, rows, header=HEADERS):
    book = Workbook()
    for values in [header, *rows]:
        book.active.append(values)
    book.save(path)
    return path


def read_back(path):
    """The rows of a CSV or XLSX file as lists of text, to compare two exports."""
    if str(path).endswith(".csv"):
        with open(path, encoding="utf-8-sig", newline="") as f:
            return list(csv.reader(f))
    book = load_workbook(path, read_only=True)
    rows = [
        ["" if v is None else str(v) for v in r] for r in book.active.iter_rows(values_only=True)
    ]
    book.close()
    return rows


def csv_bytes(rows, header=HEADERS):
    text = io.StringIO(newline="")
    csv.writer(text).writerows([header, *rows])
    return text.getvalue().encode("utf-8")

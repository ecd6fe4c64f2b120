"""Schemathesis (`st run`, every check) finds the live API true to its OpenAPI description.

It reads the description from a server on a free loopback port (pytest-django's live_server)
over a small catalogue with every shape the API answers (a venue with and without a parent,
closed and special days, a matter with and without venues), and generates requests from it:
values the description allows must be answered 2xx (or 404 for a missing page), values it
forbids a 4xx, every answer in the declared shape. A fixed seed and a bound on the examples
keep it reproducible and about a minute long; raise FUZZ_EXAMPLES locally to search longer.
"""

import datetime
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from services.actions import life_event_set_materials as set_materials
from services.models import Matter, Theme, Venue, VenueException
from tests import factories as f

pytestmark = [pytest.mark.contract, pytest.mark.django_db(transaction=True)]

ST = Path(sys.executable).with_name("st")
SEED = 20261201
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))


@pytest.fixture
def small_catalogue():
    police = f.department(code="GA", name="郑州市公安局二七分局")
    civil = f.department(code="MZ", name="二七区民政局")
    birth = f.theme(slug="shengyu", name="生育收养")
    company = f.theme(slug="kaiban", name="开办企业", audience=Theme.Audience.ENTERPRISE)
    centre = f.venue(code="EQ-ZX", name="二七区政务服务中心")
    f.weekday_hours(centre)
    today = timezone.localdate()
    VenueException.objects.create(venue=centre, date=today + datetime.timedelta(days=3))
    VenueException.objects.create(
        venue=centre,
        date=today + datetime.timedelta(days=4),
        closed=False,
        opens=datetime.time(9),
        closes=datetime.time(12),
        reason="调休",
    )
    hall = f.venue(Venue.Level.ENTERPRISE_HALL, code="EQ-QT", parent=centre)
    street = f.venue(Venue.Level.STREET_CENTRE, code="EQ-JD01", street_name="长江路街道")
    f.weekday_hours(street, opens=datetime.time(8, 30), closes=datetime.time(17, 30))
    station = f.venue(Venue.Level.COMMUNITY_STATION, code="EQ-SQ01", parent=street)
    kiosk = f.venue(
        Venue.Level.SELF_SERVICE_KIOSK,
        code="EQ-ZZ01",
        parent=street,
        latitude=Decimal("34.700000"),
        longitude=Decimal("113.600000"),
    )
    id_card = f.matter(
        code="GA-001",
        name="居民身份证换领",
        department=police,
        instant=True,
        self_service=True,
        online_url="https://zwfw.example.gov.cn/ga-001",
        themes=[birth],
    )
    f.material(id_card, name="原居民身份证")
    f.step(id_card, name="受理", description="窗口受理并采集照片")
    for venue in (centre, street, station, kiosk):
        f.handling(id_card, venue)
    allowance = f.matter(
        code="MZ-001",
        name="高龄津贴发放",
        department=civil,
        no_application=True,
        delegated_to_street=True,
    )
    f.handling(allowance, street, window="社会救助窗口")
    f.matter(
        code="MZ-002",
        name="社会组织成立登记",
        department=civil,
        audience=Matter.Audience.ENTERPRISE,
        cross_province=True,
        themes=[company],
    )
    f.handling(Matter.objects.get(code="MZ-002"), hall)
    # 一件事: one with a computed venue list and an optional step, one with a window venue.
    event = f.life_event(code="newborn", name="新生儿出生一件事")
    f.bundle(event, id_card)
    f.bundle(event, allowance, required=False, condition="仅八十周岁以上时")
    set_materials(event=event, by=None)
    firm = f.life_event(code="closure", name="企业注销一件事", audience="enterprise", venue=hall)
    f.bundle(firm, Matter.objects.get(code="MZ-002"))


def test_schemathesis_finds_the_api_true_to_its_description(live_server, small_catalogue, tmp_path):
    command = [
        str(ST),
        f"--config-file={Path(__file__).with_name('schemathesis.toml')}",
        "run",
        f"{live_server.url}/api/v1/schema/?format=json",
        "--checks=all",
        f"--max-examples={EXAMPLES}",
        f"--seed={SEED}",
        "--workers=1",
        "--generation-database=none",  # nothing remembered between runs: the seed decides
        "--request-timeout=30",
        "--no-color",
    ]
    # In a fresh directory: st keeps a cache of past failures (.schemathesis/) and replays
    # them first, which would make one run depend on the last.
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=tmp_path)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-12000:]
    # Every generated case passed (a warning, such as many 400s for the self-check, is allowed).
    counts = re.search(r"(\d+) generated, (\d+) passed", report)
    assert counts and counts[1] == counts[2] and int(counts[1]) > 100, report[-3000:]

"""Apps add sections to the catalogue's pages through services.hooks; the catalogue never
imports them."""

import re
from pathlib import Path

import pytest

from services import hooks
from tests import factories

SERVICES = Path(hooks.__file__).resolve().parent
APPS = [p.name for p in SERVICES.iterdir() if (p / "apps.py").exists()]


@pytest.fixture
def section(tmp_path, settings):
    (tmp_path / "section.html").write_text("<p>来自另一个应用：{{ name }}</p>", encoding="utf-8")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]
    saved = {slot: list(sections) for slot, sections in hooks._sections.items()}
    yield
    hooks._sections.update(saved)


@pytest.mark.django_db
def test_a_registered_section_appears_on_the_matter_page_with_its_matter(client, section):
    matter = factories.matter(name="居民身份证换领")
    hooks.register("matter", "section.html", lambda request, matter: {"name": matter.name})
    page = client.get(matter.get_absolute_url()).content.decode()
    assert "<p>来自另一个应用：居民身份证换领</p>" in page


@pytest.mark.django_db
def test_a_section_returning_none_is_left_out(client, section):
    hooks.register("home", "section.html", lambda request: None)
    assert "来自另一个应用" not in client.get("/").content.decode()


def test_an_unknown_slot_is_refused():
    with pytest.raises(ValueError):
        hooks.register("footer", "section.html", lambda request: {})


def test_no_catalogue_module_imports_an_app_built_on_it():
    apps = "|".join(APPS)
    pattern = re.compile(rf"^\s*(from|import)\s+(services\.({apps})\b|\.({apps})\b)", re.M)
    catalogue = [
        p
        for p in SERVICES.rglob("*.py")
        if not any(part in APPS for part in p.relative_to(SERVICES).parts)
    ]
    offenders = [str(p) for p in catalogue if pattern.search(p.read_text(encoding="utf-8"))]
    assert APPS and offenders == []

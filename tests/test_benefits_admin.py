"""The data office edits benefit rules in the admin: validated, with 试算 and a history."""

import pytest

from services.benefits.models import AgeBand, Benefit
from services.roles import DATA_OFFICE, DEPARTMENT_MANAGER
from tests import benefit_factories, factories
from tests.admin_forms import form_data, inline_prefix

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    client.force_login(factories.staff_user(DATA_OFFICE))
    return client


def change_url(benefit):
    return f"/admin/benefits/benefit/{benefit.pk}/change/"


def test_the_change_page_shows_a_trial_at_the_band_edges(office):
    allowance = benefit_factories.old_age_allowance()
    html = office.get(change_url(allowance)).content.decode()
    assert "试算" in html
    trial = html[html.index('class="trial"') :]
    row = trial[trial.index("本月满 80 周岁") :]
    assert "自动享受" in row[: row.index("</tr>")]
    row = trial[trial.index("下个月满 80 周岁") :]
    assert "不符合" in row[: row.index("</tr>")]
    assert "非二七区户籍" in trial


def test_overlapping_age_bands_are_refused_with_a_message(office):
    allowance = benefit_factories.old_age_allowance()
    page = office.get(change_url(allowance))
    data = form_data(page)
    prefix = inline_prefix(page, AgeBand)
    data[f"{prefix}-1-min_age"] = "85"  # 85–99 overlaps 80–89
    response = office.post(change_url(allowance), data)
    assert response.status_code == 200
    assert "年龄段重叠" in response.content.decode()
    assert sorted(allowance.bands.values_list("min_age", flat=True)) == [80, 90]


def test_automatic_mode_needs_a_matter_marked_no_application(office):
    benefit = benefit_factories.benefit(mode=Benefit.Mode.APPLY)
    data = form_data(office.get(change_url(benefit)))
    data["mode"] = Benefit.Mode.AUTOMATIC
    response = office.post(change_url(benefit), data)
    assert "没有标为免申即享" in response.content.decode()
    benefit.refresh_from_db()
    assert benefit.mode == Benefit.Mode.APPLY


def test_a_published_figure_needs_its_source(office):
    allowance = benefit_factories.old_age_allowance()
    data = form_data(office.get(change_url(allowance)))
    data["beneficiaries_count"] = "19000"
    data["beneficiaries_label"] = "80 岁以上老年人"
    response = office.post(change_url(allowance), data)
    assert "请写明来源" in response.content.decode()


def test_a_qualifier_with_an_unknown_category_is_refused(office):
    care = benefit_factories.benefit(qualifiers=[("", (3, 3), "智力")])
    page = office.get(change_url(care))
    data = form_data(page)
    from services.benefits.models import Qualifier

    data[f"{inline_prefix(page, Qualifier)}-0-categories"] = "智力,聪明"
    response = office.post(change_url(care), data)
    assert "没有这个残疾类别：聪明" in response.content.decode()


def test_a_saved_change_is_kept_in_the_history_with_who_made_it(office):
    allowance = benefit_factories.old_age_allowance()
    data = form_data(office.get(change_url(allowance)))
    data["payment_method"] = "按月发放至银行账户"
    response = office.post(change_url(allowance), data)
    assert response.status_code == 302
    latest = allowance.history.first()
    assert latest.payment_method == "按月发放至银行账户"
    assert latest.history_user.groups.filter(name=DATA_OFFICE).exists()
    history = office.get(f"/admin/benefits/benefit/{allowance.pk}/history/")
    assert history.status_code == 200


def test_a_department_manager_cannot_edit_benefit_rules(client):
    allowance = benefit_factories.old_age_allowance()
    manager = factories.staff_user(DEPARTMENT_MANAGER, department=allowance.matter.department)
    client.force_login(manager)
    assert client.get(change_url(allowance)).status_code == 403
    assert client.post(change_url(allowance), {"name": "改名"}).status_code == 403


def test_setting_up_the_groups_again_keeps_the_data_offices_benefit_permissions():
    from services.roles import ensure_groups

    ensure_groups()
    assert factories.staff_user(DATA_OFFICE).has_perm("benefits.change_benefit")
    assert not factories.staff_user(DEPARTMENT_MANAGER).has_perm("benefits.change_benefit")


def test_the_history_page_lists_the_changes_to_the_age_bands_too(office):
    allowance = benefit_factories.old_age_allowance()
    page = office.get(change_url(allowance))
    data = form_data(page)
    data[f"{inline_prefix(page, AgeBand)}-0-amount_per_month"] = "120.00"
    assert office.post(change_url(allowance), data).status_code == 302
    history = office.get(f"/admin/benefits/benefit/{allowance.pk}/history/").content.decode()
    assert "80–89 周岁" in history
    assert "120.00" in history

import pytest

from services.models import Matter, Venue
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_everyday_instant_matters_first(client):
    street = f.venue(Venue.Level.STREET_CENTRE)
    centre = street.parent
    permit = f.matter(
        name="易制毒化学品购买备案", instant=True, audience=Matter.Audience.ENTERPRISE
    )
    rare = f.matter(name="档案查询", instant=True)
    common = f.matter(name="生育登记", instant=True)
    for matter in (permit, rare, common):
        f.handling(matter, centre)
    f.handling(common, street)

    listed = list(client.get("/").context["instant"])

    assert listed == [common, rare]  # for residents, the most widely handled first

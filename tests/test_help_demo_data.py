"""The 人民帮办 demo (loaded by `loaddata erqi`): 300+ requests in every category, channel and
state, got there through the state machine, with visits, 回访 and 差评 with 整改; all demo."""

import re
from collections import Counter

from django.db.models import Count
from django.test import TestCase

from services.help.models import (
    Category,
    Channel,
    Helper,
    HelpEvent,
    HelpRequest,
    Rectification,
    Visit,
)
from services.help.states import State, target
from services.models import Venue

DEMO_PHONE = re.compile(r"^1380000\d{4}$")


class HelpDemoTests(TestCase):
    fixtures = ["erqi"]

    def test_there_are_at_least_300_requests_across_categories_channels_and_streets(self):
        requests = HelpRequest.objects.all()

        self.assertGreaterEqual(requests.count(), 300)
        self.assertEqual(set(requests.values_list("category", flat=True)), set(Category.values))
        self.assertEqual(set(requests.values_list("channel", flat=True)), set(Channel.values))
        self.assertGreaterEqual(requests.values("street").distinct().count(), 15)
        states = set(requests.values_list("state", flat=True))
        self.assertTrue({State.ARCHIVED, State.IN_PROGRESS, State.WITHDRAWN} <= states, states)

    def test_it_has_visits_follow_ups_and_bad_ratings_with_rectification(self):
        self.assertGreater(Visit.objects.count(), 100)
        self.assertGreater(HelpRequest.objects.filter(rating__isnull=False).count(), 200)
        done = Rectification.objects.filter(answered_at__isnull=False)
        self.assertGreaterEqual(done.count(), 5)
        for rectification in done:
            self.assertTrue(rectification.verified_note and rectification.rectified_note)
            self.assertIn(rectification.rating, (1, 2))

    def test_every_request_got_where_it_is_through_allowed_transitions(self):
        events = HelpEvent.objects.order_by("request_id", "at", "id").values_list(
            "request_id", "action", "from_state", "to_state"
        )
        last = {}
        for request_id, action, before, after in events:
            self.assertEqual(before or None, last.get(request_id))
            self.assertEqual(target(action, before or None), after)
            last[request_id] = after
        states = dict(HelpRequest.objects.values_list("id", "state"))
        self.assertEqual(last, states)

    def test_people_are_obviously_fake_and_every_row_is_marked_demo(self):
        for name, phone, demo in HelpRequest.objects.values_list("name", "phone", "demo"):
            self.assertTrue(name.startswith("演示") and DEMO_PHONE.match(phone) and demo)
        for name, phone, demo in Helper.objects.values_list("name", "phone", "demo"):
            self.assertTrue(name.startswith("演示") and DEMO_PHONE.match(phone) and demo)

    def test_the_platforms_are_venues_of_their_own_kind_with_helpers(self):
        platforms = Venue.objects.filter(level=Venue.Level.HELP_PLATFORM)

        self.assertGreaterEqual(platforms.count(), 6)
        for platform in platforms.annotate(n=Count("helpers")):
            self.assertTrue(platform.name.startswith("演示") and platform.n >= 1)
            self.assertEqual(platform.parent.level, Venue.Level.STREET_CENTRE)

    def test_the_figures_are_counted_from_the_demo(self):
        figures = self.client.get("/api/v1/stats/").json()["help_requests"]

        self.assertEqual(figures["total"], HelpRequest.objects.count())
        self.assertEqual(figures["done"], HelpRequest.objects.finished().count())
        self.assertTrue(
            50 < figures["on_time_rate"] < 100 and 50 < figures["satisfaction_rate"] < 100
        )
        self.assertEqual(
            Counter(HelpRequest.objects.values_list("demo", flat=True)), {True: figures["total"]}
        )

"""The Atom feed of 政务有料 at /policies/feed/ (Django's syndication framework)."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from .models import Policy


class PolicyFeed(Feed):
    feed_type = Atom1Feed
    title = "二七区政务有料"
    subtitle = "二七区各部门新政策的图解与解读"

    def link(self):
        return reverse("outreach:policies")

    def items(self):
        return Policy.objects.published().select_related("department")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return item.department.name

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.published_on, datetime.time(9)))

    def item_updateddate(self, item):
        return item.updated_at

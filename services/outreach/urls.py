from django.urls import path

from . import feeds, views

app_name = "outreach"

urlpatterns = [
    path("policies/", views.policies, name="policies"),
    path("policies/feed/", feeds.PolicyFeed(), name="policy_feed"),
    path("policies/<int:pk>/", views.policy, name="policy"),
    path("questions/ask/<str:code>/", views.ask, name="ask"),
]

from django.urls import path

from . import api

app_name = "api"

urlpatterns = [
    path("stats/", api.stats, name="stats"),
]

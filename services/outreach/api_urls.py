from django.urls import path

from . import api

app_name = "outreach-api"

urlpatterns = [
    path("policies/", api.PolicyList.as_view(), name="policies"),
    path("questions/", api.QuestionList.as_view(), name="questions"),
]

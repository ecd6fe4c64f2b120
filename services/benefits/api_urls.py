from django.urls import path

from . import api

app_name = "benefits-api"

urlpatterns = [
    path("benefits/", api.BenefitList.as_view(), name="benefits"),
    path("benefits/check/", api.BenefitCheck.as_view(), name="check"),
]

from django.urls import path

from . import views

app_name = "benefits"

urlpatterns = [
    path("", views.self_check, name="self_check"),
]

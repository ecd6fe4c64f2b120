from django.urls import path

from . import views

app_name = "map"

urlpatterns = [
    path("", views.network_map, name="map"),
]

from django.urls import path

from .views import public

app_name = "help"

urlpatterns = [
    path("", public.request_form, name="request"),
    path("track/", public.track, name="track"),
]

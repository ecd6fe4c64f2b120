from django.urls import path

from . import views, views_life

app_name = "services"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("search/open/<str:code>/", views.search_open, name="search_open"),
    path("matters/<str:code>/", views.matter, name="matter"),
    path("life-events/", views_life.life_events, name="life_events"),
    path("life-events/<str:code>/", views_life.life_event, name="life_event"),
    path("venues/", views.venues, name="venues"),
    path("venues/<str:code>/", views.venue, name="venue"),
    path("large-text/", views.large_text, name="large_text"),
]

from django.urls import path

from . import api, api_life, api_schema, hsds

app_name = "api"

urlpatterns = [
    path("matters/", api.MatterList.as_view(), name="matters"),
    path("matters/<str:code>/", api.MatterDetail.as_view(), name="matter"),
    path("venues/", api.VenueList.as_view(), name="venues"),
    path("venues/<str:code>/", api.VenueDetail.as_view(), name="venue"),
    path("life-events/", api_life.LifeEventList.as_view(), name="life_events"),
    path("life-events/<str:code>/", api_life.LifeEventDetail.as_view(), name="life_event"),
    path("stats/", api.Stats.as_view(), name="stats"),
    path("suggest/", api.Suggest.as_view(), name="suggest"),
    path("hsds.zip", hsds.HsdsDownload.as_view(), name="hsds"),
    path("schema/", api_schema.ApiSchema.as_view(), name="schema"),
    path("docs/", api_schema.ApiDocs.as_view(url_name="api:schema"), name="docs"),
]

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import api, api_docs

app_name = "api"

urlpatterns = [
    path("matters/", api.MatterList.as_view(), name="matters"),
    path("matters/<str:code>/", api.MatterDetail.as_view(), name="matter"),
    path("venues/", api.VenueList.as_view(), name="venues"),
    path("venues/<str:code>/", api.VenueDetail.as_view(), name="venue"),
    path("stats/", api.stats, name="stats"),
    path("suggest/", api.suggest, name="suggest"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", api_docs.ApiDocs.as_view(url_name="api:schema"), name="docs"),
]

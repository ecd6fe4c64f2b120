from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path, re_path

from services.admin import quality_view
from services.admin.search_insights import search_insights_view
from services.api import not_found as api_not_found
from services.map.geojson import VenueGeoJson

urlpatterns = [
    path("admin/quality/", admin.site.admin_view(quality_view), name="admin-quality"),
    path("admin/search/", admin.site.admin_view(search_insights_view), name="admin-search"),
    path("admin/", admin.site.urls),
    path("api/v1/venues.geojson", VenueGeoJson.as_view(), name="venues-geojson"),
    path("api/v1/", include("services.api_urls")),
    path("api/v1/", include("services.benefits.api_urls")),
    path("api/v1/", include("services.outreach.api_urls")),
    path("benefits/", include("services.benefits.urls")),
    path("map/", include("services.map.urls")),
    path("help/", include("services.help.urls")),
    re_path(r"^api(?:/|$)", api_not_found),  # every other path under /api/: JSON, not HTML
    path("", include("services.outreach.urls")),
    path("", include("services.urls")),
]
# Uploaded media in development (`make run`, debug on); static() adds nothing when debug is off.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The database down: the last cached answer or a 503; anything else: services.api.server_error.
handler500 = "services.faults.database.server_error"

if settings.BENCHMARK_FLOOR:  # `make bench-http` only: what the middleware alone costs
    urlpatterns.insert(0, path("bench/floor/", lambda request: HttpResponse("floor")))

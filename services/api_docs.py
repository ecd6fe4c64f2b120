"""The API's OpenAPI description and its Swagger UI page, strict about errors and the CSP."""

from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularSwaggerSplitView


# Swagger UI's stylesheet draws its icons as data: images; nothing else on this page needs it.
@method_decorator(csp_update({"img-src": ["data:"]}), name="dispatch")
class ApiDocs(SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script served from ?script=, not inline (the CSP forbids it)."""

    template_name = "api/docs.html"

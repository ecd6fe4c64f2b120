"""The API's contract: the OpenAPI description's endpoint, its Swagger UI page, and what the
description says that drf-spectacular cannot infer (bounds, patterns, today's valid codes).

The description is what schemathesis tests the API against (tests/test_api_contract_fuzz.py):
every value it declares valid must be accepted, every other one refused with a 4xx.
"""

import re

import django_filters
from csp.decorators import csp_update
from django.http import Http404
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer

from .filters import MAX_QUERY, FlagField, FlagFilter
from .geo import LATLNG_PATTERN
from .models import Matter

# What a 4xx answers: always `detail`; a 400 for parameters also names each bad one.
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "中文说明"},
        "errors": {
            "type": "object",
            "description": "每个有误的参数及其说明",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail"],
}
ERROR_REF = {"$ref": "#/components/schemas/Error"}


class FallbackNegotiation(DefaultContentNegotiation):
    """The format the client asks for (?format= or Accept) when there is one, else the view's
    first: never a 406, nor DRF's 404 for an unknown ?format=."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except (NotAcceptable, Http404):
            return renderers[0], renderers[0].media_type


class JsonErrors:
    """Errors as JSON `{"detail": …}`, whatever format the view's answers are in."""

    content_negotiation_class = FallbackNegotiation

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response


class ApiSchema(JsonErrors, SpectacularAPIView):
    """The OpenAPI description: YAML, or JSON with ?format=json or Accept: application/json."""


# Swagger UI's stylesheet draws its icons as data: images; nothing else needs them.
@method_decorator(csp_update({"img-src": ["data:"]}), name="dispatch")
class ApiDocs(JsonErrors, SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script served from ?script=, not inline (the CSP forbids it)."""

    template_name = "api/docs.html"


def _any_case(word):
    return "".join(f"[{c.upper()}{c}]" if c.isalpha() else re.escape(c) for c in word)


# What FlagField accepts (any case, spaces around; blank is not filtered), as a pattern.
FLAG_WORDS = sorted(FlagField.YES | FlagField.NO)
FLAG_PATTERN = rf"^\s*(?:{'|'.join(_any_case(word) for word in FLAG_WORDS)})?\s*$"


def _from_database(filter_):
    return isinstance(filter_, django_filters.ModelChoiceFilter) or callable(
        filter_.extra.get("choices")
    )


def _describe_parameter(parameter, filter_, *, served):
    schema = parameter["schema"]
    if parameter["name"] == "q":
        schema["maxLength"] = MAX_QUERY
    elif parameter["name"] == "near":
        schema["pattern"] = rf"^\s*$|{LATLNG_PATTERN}"  # blank: no location
        schema["example"] = "34.72,113.64"
    elif parameter["name"] == "matter" and filter_ is None:
        # ?matter=<code> outside a FilterSet (policies, questions, the map's GeoJSON): today's
        # codes, like the FilterSets' live choices, only in a description served over HTTP.
        if served:
            schema["enum"] = ["", *Matter.objects.order_by("code").values_list("code", flat=True)]
    elif isinstance(filter_, FlagFilter):
        parameter["schema"] = {"type": "string", "pattern": FLAG_PATTERN, "example": "1"}
        parameter["description"] = (
            f"{filter_.label}：1 是，0 否（也可写 true/false、on/off、yes/no）"
        )
    elif isinstance(filter_, django_filters.ChoiceFilter):
        # Codes, slugs and streets are data: listed only in a description served over HTTP,
        # never in one written by `manage.py spectacular` or `check --deploy` (no database).
        if _from_database(filter_) and not served:
            return
        choices = [str(value) for value, _ in filter_.field.choices if value != ""]
        if choices:
            schema["enum"] = ["", *choices]  # blank is "not filtered", as on the pages' forms


def declare_contract(result, generator, request, public):
    """drf-spectacular postprocessing hook: bounds, patterns, live enums and error answers."""
    result["components"].setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    views = {(path, method.lower()): view for path, _, method, view in generator.endpoints}
    for path, operations in result["paths"].items():
        for method, operation in operations.items():
            view = views[path, method].cls
            filterset = getattr(view, "filterset_class", None)
            filters = filterset.base_filters if filterset else {}
            for parameter in operation.get("parameters", []):
                _describe_parameter(
                    parameter, filters.get(parameter["name"]), served=request is not None
                )
            responses = operation["responses"]
            queried = any(p["in"] == "query" for p in operation.get("parameters", []))
            if queried:
                responses["400"] = _error("参数有误：errors 指出是哪个参数")
            elif "requestBody" in operation:
                responses["400"] = _error("请求内容有误：detail 说明哪里不对")
            if "{" in path:
                responses["404"] = _error("没有这个编码")
            elif getattr(view, "pagination_class", None):
                responses["404"] = _error("页码超出最后一页")
    return result


def _error(description):
    return {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}

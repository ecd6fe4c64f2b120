"""一件事 in the public API (version 1): the list and one life event; conventions as in api.py."""

from django.db.models import Prefetch
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound

from .api import Pagination, PublicApiMixin, _code
from .caching import Policy
from .filters import LifeEventFilter
from .models import LifeEvent, LifeEventMatter, Matter
from .serializers import LifeEventDetailSerializer, LifeEventListSerializer
from .views import _network_order


@extend_schema(
    summary="一件事列表",
    description="全部公开的一件事，个人在前；audience 为“个人”或“企业”。matters_count 是包含的事项数。",
)
class LifeEventList(PublicApiMixin, generics.ListAPIView):
    cache_policy = Policy(page=False)
    queryset = LifeEvent.objects.listed()
    serializer_class = LifeEventListSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = LifeEventFilter
    pagination_class = Pagination


@extend_schema(
    summary="一件事详情",
    description=(
        "按顺序列出包含的事项（required 为 false 时 condition 说明什么情况下要办）、合并后的材料清单"
        "（每样材料一次，for_matters 为需要它的事项编码），以及能一次办完的场所：设有一件事窗口的"
        "场所，或办理全部必办事项的场所。"
    ),
)
class LifeEventDetail(PublicApiMixin, generics.RetrieveAPIView):
    cache_policy = Policy(page=False)
    serializer_class = LifeEventDetailSerializer

    def get_object(self):
        code = _code(self.kwargs["code"], "一件事")
        try:
            event = LifeEvent.objects.public().get(code=code)
        except LifeEvent.DoesNotExist:
            raise NotFound(f"没有编码为“{code}”的一件事。") from None
        event.steps = LifeEventMatter.objects.filter(
            event=event, matter__isnull=False
        ).select_related("matter")
        event.materials_listed = event.materials.prefetch_related(
            Prefetch("for_matters", queryset=Matter.objects.only("pk", "code").order_by("code"))
        )
        event.one_visit = event.one_visit_venues().order_by(_network_order(), "code")
        return event

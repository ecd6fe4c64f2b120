from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """What residents search for: the search log, its insights page and the search vocabulary."""

    name = "services.insights"
    label = "insights"
    verbose_name = "搜索分析"
    default_auto_field = "django.db.models.BigAutoField"

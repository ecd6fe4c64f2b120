from django.apps import AppConfig


class MapConfig(AppConfig):
    name = "services.map"
    label = "map"
    verbose_name = "办事地图"

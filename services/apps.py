from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = "政务服务目录"
    default_auto_field = "django.db.models.BigAutoField"

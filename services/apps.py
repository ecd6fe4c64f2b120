from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = "政务服务目录"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .roles import ensure_groups

        # Permissions are created in post_migrate too (by auth, connected earlier), so the
        # staff groups are set up right after them, on every migrate and test-database flush.
        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="services.ensure_groups")

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HelpConfig(AppConfig):
    name = "services.help"
    label = "help"
    verbose_name = "人民帮办"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .roles import ensure_groups

        # After the catalogue's groups (services is installed first), so the data office exists.
        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="help.ensure_groups")

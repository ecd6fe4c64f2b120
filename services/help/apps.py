from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HelpConfig(AppConfig):
    name = "services.help"
    label = "help"
    verbose_name = "人民帮办"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from services.roles import DATA_OFFICE, grant
        from services.roles import ensure_groups as ensure_catalogue_groups

        from .roles import DATA_OFFICE_GRANTS, ensure_groups

        grant(DATA_OFFICE, "help", DATA_OFFICE_GRANTS)
        # This app's permissions are created in its own post_migrate: set the groups up again.
        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="help.ensure_groups")
        post_migrate.connect(
            ensure_catalogue_groups, sender=self, dispatch_uid="help.ensure_catalogue_groups"
        )

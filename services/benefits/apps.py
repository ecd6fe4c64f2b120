from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BenefitsConfig(AppConfig):
    name = "services.benefits"
    label = "benefits"
    verbose_name = "惠民政策与免申即享"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from services import hooks
        from services.roles import ensure_groups

        from .roles import grant_roles
        from .sections import home_beneficiaries, home_self_check

        hooks.register(
            "home_no_application", "benefits/_home_beneficiaries.html", home_beneficiaries
        )
        hooks.register("home", "benefits/_home_self_check.html", home_self_check, order=10)
        grant_roles()
        # This app's permissions are created in its own post_migrate: set the groups up again.
        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="benefits.ensure_groups")

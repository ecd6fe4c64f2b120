from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BenefitsConfig(AppConfig):
    name = "services.benefits"
    label = "benefits"
    verbose_name = "惠民政策与免申即享"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from services import hooks

        from .roles import grant_data_office
        from .sections import home_beneficiaries, home_self_check

        hooks.register(
            "home_no_application", "benefits/_home_beneficiaries.html", home_beneficiaries
        )
        hooks.register("home", "benefits/_home_self_check.html", home_self_check, order=10)
        # After services' own post_migrate, which (re)sets the groups' permissions.
        post_migrate.connect(grant_data_office, sender=self, dispatch_uid="benefits.roles")

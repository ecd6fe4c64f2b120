from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OutreachConfig(AppConfig):
    name = "services.outreach"
    label = "outreach"
    verbose_name = "政务有料与问政事儿"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from services import hooks
        from services.roles import ensure_groups

        from .roles import grant_roles
        from .sections import home_policies, matter_policies, matter_questions

        hooks.register("matter", "outreach/_matter_policies.html", matter_policies, order=10)
        hooks.register("matter", "outreach/_matter_questions.html", matter_questions, order=20)
        hooks.register("home", "outreach/_home_policies.html", home_policies, order=20)
        grant_roles()
        # This app's permissions are created in its own post_migrate: set the groups up again.
        post_migrate.connect(ensure_groups, sender=self, dispatch_uid="outreach.ensure_groups")

"""The admin's login form, with failed logins limited (services/ratelimit.py)."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError

from .. import ratelimit


class RateLimitedLoginForm(AdminAuthenticationForm):
    """Refuses a locked username, or username and address, after too many failures."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = ratelimit.client_ip(self.request)
        refusal = ratelimit.blocked_message(username, ip)
        if refusal:
            raise ValidationError(refusal, code="too_many_attempts")
        try:
            cleaned = super().clean()
        except ValidationError:
            ratelimit.record_failure(username, ip)
            raise
        ratelimit.reset(username, ip)
        return cleaned

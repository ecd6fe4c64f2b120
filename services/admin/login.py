"""The admin's login form, with failed logins limited (services/ratelimit.py)."""

from django.contrib.admin.forms import AdminAuthenticationForm

from ..ratelimit import LimitedLoginMixin


class RateLimitedLoginForm(LimitedLoginMixin, AdminAuthenticationForm):
    pass

"""The staff tool: the Django admin in Chinese, scoped by role (see roles.py and scoping.py).

One module per concern: login, scoping, history, reports (messages), bulk (the bulk actions),
filters (level and street, from services/filters.py), quality (the data-quality page and its
filters), import_export, and one module per group of models (reference, venues, matters,
handlings, life (一件事), staff). Importing this package registers every model admin.
"""

from django.contrib import admin

from . import handlings, life, matters, reference, staff, venues  # noqa: F401  (registers admins)
from .login import RateLimitedLoginForm
from .quality import quality_view
from .reports import MAX_MESSAGES

admin.site.site_header = "二七区政务服务目录 · 工作人员后台"
admin.site.site_title = "二七区政务服务目录后台"
admin.site.index_title = "目录维护"
admin.site.enable_nav_sidebar = True
admin.site.login_form = RateLimitedLoginForm

__all__ = ["MAX_MESSAGES", "quality_view"]

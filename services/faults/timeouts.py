"""A statement timeout for the web processes only: a runaway query is cancelled (and the request
answered 503 by services/faults/database.py) instead of holding a worker; management commands
(migrate, loaddata, imports) never call `serve_web()` and are not limited."""

from django.conf import settings
from django.db.backends.signals import connection_created

_web = [False]


def serve_web():
    """Called by erqi/wsgi.py: every connection this process opens from now on is limited."""
    _web[0] = True
    connection_created.connect(limit_statements, dispatch_uid="services.faults.timeouts")


def limit_statements(sender, connection, **kwargs):
    seconds = settings.DB_STATEMENT_TIMEOUT
    if _web[0] and seconds > 0 and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = %s", [int(seconds * 1000)])

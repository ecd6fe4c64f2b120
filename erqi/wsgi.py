import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "erqi.settings")
application = get_wsgi_application()

# A web process: its SQL statements are cancelled after DB_STATEMENT_TIMEOUT (services/faults/).
from services.faults.timeouts import serve_web  # noqa: E402

serve_web()

# Read the search's general dictionary now, so that workers forked from a preloading server
# (gunicorn --preload) share it instead of each reading it on its first search.
from services.search import general  # noqa: E402

general.load()

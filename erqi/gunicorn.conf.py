"""gunicorn for production (`make serve`): `gunicorn -c erqi/gunicorn.conf.py erqi.wsgi`.

Environment: WEB_CONCURRENCY (worker processes, default 2 × cores), GUNICORN_BIND (default
127.0.0.1:8000; put a reverse proxy in front), GUNICORN_THREADS (per worker, default 2).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
# Threads keep connections alive between requests (the sync worker closes each one) and let a
# worker answer another request while one waits on the database. Our subclass of gunicorn's
# threaded worker shares new connections out among the workers (erqi/workers.py).
worker_class = "erqi.workers.BalancedThreadWorker"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
keepalive = 5
# The application, and with it the search index, is loaded once before the workers fork.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
# No control socket: its default path is one per user, shared by every server on the machine.
control_socket_disable = True


def on_starting(server):
    """Build the search index in the master, before the workers fork, so that they share its
    memory instead of each building its own (a worker rebuilds only when the search data
    changes); import the views there too, so that no worker's first request does."""
    import gc

    from django.db import DatabaseError, connections
    from django.urls import get_resolver

    from services.caching import release
    from services.search.index import current_index
    from services.search.life import current_clues

    get_resolver().resolve("/")  # imports every view (the API's, drf-spectacular: ~1.5 s)
    release()  # the code's fingerprint, part of every cache key
    try:
        current_index()
        current_clues()  # the life events' clues, built on the index
    except DatabaseError:  # the database down at start: each worker builds it when it can
        server.log.warning("search index not built before fork: the database does not answer")
    connections.close_all()  # a connection must not be shared by forked processes
    gc.freeze()  # the collector would otherwise touch, and so copy, every shared object

"""gunicorn's threaded worker, taking new connections in turn with the other workers.

All workers wait on the one listening socket and every waiting worker is woken by a new
connection: the first to call accept() gets it. With keep-alive connections (a reverse proxy's
pool to its upstream, or a load test) that race is won by whichever worker happens to be
awake, and measured here it often gave all 8 of a client's connections to one of two workers:
that worker then answers everything on one core while the other idles, at half the
throughput. This worker lets a less loaded worker win: when it already holds more
connections than it has threads, it waits a fraction of a millisecond per extra connection
before accepting, long enough for an idle worker to take the connection first, short enough
that a lone busy worker still takes it at once (a connection another worker took is simply not
there any more: accept() finds nothing and goes on).
"""

import time

from gunicorn.workers.gthread import ThreadWorker

YIELD_SECONDS = 0.0003  # per connection beyond the worker's threads
MOST_SECONDS = 0.003


class BalancedThreadWorker(ThreadWorker):
    def accept(self, *args):  # (listener), or (server, listener) before gunicorn 24
        beyond = self.nr_conns + 1 - self.cfg.threads
        if beyond > 0:
            time.sleep(min(beyond * YIELD_SECONDS, MOST_SECONDS))
        super().accept(*args)

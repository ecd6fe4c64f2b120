"""What the instance does when something it depends on fails (docs/operations.md).

- health.py: /healthz and /readyz for a load balancer, answered before any other middleware.
- database.py: the database unreachable or a statement cancelled: the last cached answer for
  the request, or a 503 in Chinese with Retry-After (handler500 of erqi/urls.py).
- rediscache.py: the Redis cache backend, falling back to process memory while Redis is down.
- timeouts.py: the statement timeout of web processes (PostgreSQL), not of management commands.
"""

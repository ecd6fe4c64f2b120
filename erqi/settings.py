"""Settings for the Erqi service directory, all driven by environment variables.

Defaults make `make run` work on a fresh checkout (SQLite, debug on). In production set
DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import ipaddress
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name, default):
    return int(os.environ.get(name, default))


def envfloat(name, default):
    return float(os.environ.get(name, default))


def envlist(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def url_origin(url):
    """The origin (scheme://host[:port]) of a URL or URL template, as a CSP source."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def tile_source(url):
    """The CSP source for a tile URL template: a `{s}` subdomain becomes CSP's `*.` wildcard."""
    origin = url_origin(url)
    scheme, host = origin.split("://", 1)
    first, _, rest = host.partition(".")
    if "{" in first and rest:
        host = f"*.{rest}"
    if "{" in host or not scheme or not host:
        raise ImproperlyConfigured(
            "MAP_TILE_URL: a placeholder may stand only in the host's first label"
        )
    return f"{scheme}://{host}"


def database_from_url(url):
    """Turn DATABASE_URL into a DATABASES entry: sqlite:///path or postgres://user:pw@host:port/db."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///db.sqlite3 is relative to the project root, sqlite:////abs/path absolute.
        name = unquote(parts.path)[1:]
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / name,
            # Kept open too: a new SQLite connection re-reads the schema on its first query
            # (~3 ms here), more than a cached page costs.
            "CONN_MAX_AGE": envint("DB_CONN_MAX_AGE", "600"),
            # WAL: readers never wait for a writer (the search log's batches), nor it for them;
            # a server's other workers otherwise stall in SQLite's busy wait at every write.
            "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL"},
        }
    if parts.scheme in ("postgres", "postgresql", "pgsql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            # Reuse connections for served traffic: a new PostgreSQL connection costs ~8 ms.
            "CONN_MAX_AGE": envint("DB_CONN_MAX_AGE", "600"),
            "CONN_HEALTH_CHECKS": True,
            # A database that does not answer fails the request fast (services/faults/).
            "OPTIONS": {"connect_timeout": envint("DB_CONNECT_TIMEOUT", "3")},
        }
    raise ImproperlyConfigured(f"DATABASE_URL: unsupported scheme {parts.scheme!r}")


DEBUG = envbool("DJANGO_DEBUG", "1")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "csp",
    "services",
    "services.benefits",
    "services.help",
    "services.map",
    "services.outreach",
]

MIDDLEWARE = [
    # /healthz and /readyz first: a load balancer's probe needs no host check or HTTPS redirect.
    "services.faults.health.HealthMiddleware",
    # Before the rest: a cached public answer is served without them, with the security and
    # CSP headers they added when it was stored (an HTTPS redirect is never stored).
    "services.caching.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "services.caching.StaticFilesMiddleware",  # WhiteNoise
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "erqi.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "services.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "erqi.wsgi.application"

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3"))}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
# The only language: staff and residents get Chinese whatever their browser asks for.
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
# Debug off: WhiteNoise serves what collectstatic wrote, gzipped, under hashed names, with a
# one-year Cache-Control (services.caching.StaticFilesMiddleware). Debug on: files as they are.
WHITENOISE_AUTOREFRESH = DEBUG  # development: files found as they change, no collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# The caches hold rendered public pages and API answers (keyed on the data generation, see
# services/caching.py), the login limiter's counts and the rate limits. With REDIS_URL all
# server processes share them; without, each process has its own (fine for one process).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("DJANGO_CACHE_KEY_PREFIX", "erqi")


def _redis_cache(prefix, url):
    return {
        # Falls back to process memory while Redis is down (services/faults/rediscache.py).
        "BACKEND": "services.faults.rediscache.FallbackRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        "OPTIONS": {
            "socket_connect_timeout": envfloat("REDIS_TIMEOUT", "0.5"),
            "socket_timeout": envfloat("REDIS_TIMEOUT", "0.5"),
        },
    }


# Bytes of each memory cache of answers (services/memorycache.py): without Redis, and while it is down.
LOCAL_CACHE_BYTES = envint("DJANGO_LOCAL_CACHE_BYTES", str(64 * 1024 * 1024))

# Two caches: "default" for the login limiter and the rate limits, "pages" for the rendered
# answers and their last good copies, so that answers (whose addresses anyone can invent) never
# push a limiter's count out of memory.
# REDIS_PAGES_URL may give the answers a Redis (or a memory limit) of their own.
if REDIS_URL:
    CACHES = {
        "default": _redis_cache(CACHE_KEY_PREFIX, REDIS_URL),
        "pages": _redis_cache(
            f"{CACHE_KEY_PREFIX}-pages", os.environ.get("REDIS_PAGES_URL") or REDIS_URL
        ),
    }
else:
    _local = "django.core.cache.backends.locmem.LocMemCache"
    CACHES = {
        "default": {
            "BACKEND": _local,
            "LOCATION": "erqi-default",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": envint("DJANGO_LIMITER_CACHE_ENTRIES", "20000")},
        },
        "pages": {
            "BACKEND": "services.memorycache.BoundedMemoryCache",
            "LOCATION": "erqi-pages",
            "KEY_PREFIX": f"{CACHE_KEY_PREFIX}-pages",
            "OPTIONS": {
                "MAX_ENTRIES": envint("DJANGO_LOCAL_CACHE_ENTRIES", "5000"),
                "MAX_BYTES": LOCAL_CACHE_BYTES,
            },
        },
    }
# An answer larger than this is never kept (the cache holds answers whole, in memory).
PAGE_CACHE_MAX_BYTES = envint("DJANGO_PAGE_CACHE_MAX_BYTES", str(16 * 1024 * 1024))
# With Redis, each process also keeps a near copy of the answers it served (services/caching.py).
NEAR_CACHE_ENTRIES = envint("DJANGO_NEAR_CACHE_ENTRIES", "2000")
NEAR_CACHE_BYTES = envint("DJANGO_NEAR_CACHE_BYTES", str(32 * 1024 * 1024))
# Faults (services/faults/, docs/operations.md): while Redis is down, memory for this many
# seconds before Redis is tried again; a 503 asks to come back after RETRY_AFTER seconds; the
# last good copy of a cached answer, served while the database is down, is kept STALE_SECONDS
# (a search's STALE_SEARCH_SECONDS);
# a web request's SQL statement is cancelled after DB_STATEMENT_TIMEOUT seconds (PostgreSQL;
# 0: never; management commands are not limited); /readyz waits READY_TIMEOUT for the database.
REDIS_RETRY_SECONDS = envfloat("REDIS_RETRY_SECONDS", "10")
REDIS_FALLBACK_ENTRIES = envint("DJANGO_LOCAL_CACHE_ENTRIES", "5000")
RETRY_AFTER = envint("ERQI_RETRY_AFTER", "30")
STALE_SECONDS = envint("ERQI_STALE_SECONDS", str(7 * 24 * 3600))
STALE_SEARCH_SECONDS = envint("ERQI_STALE_SEARCH_SECONDS", str(24 * 3600))  # any ?q=
DB_STATEMENT_TIMEOUT = envfloat("DB_STATEMENT_TIMEOUT", "5")
READY_TIMEOUT = envfloat("READY_TIMEOUT", "2")
READY_NEEDS_REDIS = envbool("READY_NEEDS_REDIS", "1")

# Leaflet and Leaflet.markercluster from their PyPI packages, under static/leaflet/… (no CDN).
STATICFILES_DIRS = [
    ("leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ("leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
]
STATICFILES_FINDERS = [
    "services.map.finders.PackagedFilesFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]

# `loaddata erqi` loads the catalogue, then the 人民帮办 demo and the 一件事 guides that refer to
# its venues and matters by code.
FIXTURE_DIRS = [
    BASE_DIR / "fixtures",
    BASE_DIR / "fixtures" / "help",
    BASE_DIR / "fixtures" / "life",
]

# Uploaded images (政务有料). `make run` serves them (debug); in production the web server does,
# see the README. At most POLICY_IMAGE_MAX_BYTES each, JPEG/PNG/WebP only.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
POLICY_IMAGE_MAX_BYTES = envint("DJANGO_POLICY_IMAGE_MAX_BYTES", str(2 * 1024 * 1024))

# The public question form (问政事儿): this many questions per address per window (seconds).
QUESTION_RATE_LIMIT = envint("ERQI_QUESTION_RATE_LIMIT", "5")
QUESTION_RATE_WINDOW = envint("ERQI_QUESTION_RATE_WINDOW", "3600")

# Sessions expire: staff are logged out after 8 hours or when the browser closes.
SESSION_COOKIE_AGE = envint("DJANGO_SESSION_AGE", "28800")
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Uploads (the catalogue import): refused over this size as they arrive (services/uploads.py).
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "services.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Failed staff logins (services/ratelimit.py): this many per username and address, then a
# wait of this many seconds; more from any address lock the username alone, for less time.
LOGIN_FAILURE_LIMIT = envint("DJANGO_LOGIN_FAILURE_LIMIT", "5")
LOGIN_FAILURE_WINDOW = envint("DJANGO_LOGIN_FAILURE_WINDOW", "900")
LOGIN_USERNAME_FAILURE_LIMIT = envint("DJANGO_LOGIN_USERNAME_FAILURE_LIMIT", "20")
LOGIN_USERNAME_LOCK = envint("DJANGO_LOGIN_USERNAME_LOCK", "300")
# The reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For is believed.
LOGIN_TRUSTED_PROXIES = [  # a typo fails at start-up, not at the first login
    str(ipaddress.ip_network(p, strict=False)) for p in envlist("DJANGO_TRUSTED_PROXIES", "")
]

# Production hardening (debug off): `manage.py check --deploy` reports nothing.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", "1")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every response (django-csp): the app's own files only, no inline
# script or style, no plugins, no framing. A feature that needs another source appends it here
# from the setting that configures it, e.g. a map's tile server:
#     CSP_DIRECTIVES["img-src"].append(url_origin(MAP_TILE_URL))
# DJANGO_CSP_IMG_SRC / DJANGO_CSP_CONNECT_SRC (comma-separated origins) add sources without code.
CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    # The one inline style attribute left, in django-simple-history's history page
    # (style="border-top: 0"), allowed by its hash alone.
    "style-src-attr": ["'unsafe-hashes'", "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"],
    "img-src": [SELF, *envlist("DJANGO_CSP_IMG_SRC", "")],
    "connect-src": [SELF, *envlist("DJANGO_CSP_CONNECT_SRC", "")],
    "font-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "services.api.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "二七区政务服务目录 API",
    "DESCRIPTION": (
        "只读、带版本的公开 JSON API：事项、服务场所与统计数字。\n\n"
        "列表分页：page 从 1 开始，page_size 为 1–100（默认 20）；页码不是正整数时返回 400，超过最后一页时返回 404。"
        "筛选参数与网页相同，取值不存在时返回 400，并在 errors 中指出是哪个参数。"
        "有 q 时按相关度排序，列出符合其他筛选条件的事项中最相关的至多 500 项（count 也至多 500）。"
        '所有错误都是 JSON：{"detail": "中文说明"}。'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # One name per choice set used by several fields (the benefit rules' yes/no/any and the
    # disability categories), so the schema has one enum each and no naming warning.
    "ENUM_NAME_OVERRIDES": {
        "RuleStatusEnum": "services.benefits.models.Benefit.Status",
        "DisabilityCategoryEnum": "services.benefits.models.DISABILITY_CATEGORIES",
    },
    # The docs page serves Swagger UI from the app's static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # validatorUrl None: Swagger UI would otherwise call validator.swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Bounds, patterns, today's valid codes and the error answers (services/api_schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "services.api_schema.declare_contract",
    ],
}

# `make bench-http` adds a constant view, /bench/floor/, to measure the rest against.
BENCHMARK_FLOOR = envbool("DJANGO_BENCHMARK_FLOOR", "0")
# The map's background tiles (/map/). Without MAP_TILE_URL the map draws the venues on a plain
# background and loads nothing from outside the app. A template such as
# https://tiles.example.com/{z}/{x}/{y}.png?key={key} ({s} for MAP_TILE_SUBDOMAINS, {key} for
# MAP_TILE_KEY); MAP_TILE_CRS is the coordinate system the tiles are drawn in: wgs84, or gcj02
# for most Chinese providers (the venues are then shifted to match, see services/map/tiles.py).
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")
MAP_TILE_SUBDOMAINS = os.environ.get("MAP_TILE_SUBDOMAINS", "")
MAP_TILE_KEY = os.environ.get("MAP_TILE_KEY", "")
MAP_TILE_MAX_ZOOM = envint("MAP_TILE_MAX_ZOOM", "18")
MAP_TILE_CRS = os.environ.get("MAP_TILE_CRS", "wgs84").strip().lower()
if MAP_TILE_CRS not in ("wgs84", "gcj02"):
    raise ImproperlyConfigured("MAP_TILE_CRS must be wgs84 or gcj02")
if MAP_TILE_URL:
    # The one outside source a page may load, and only when configured: the map's tiles.
    CSP_DIRECTIVES["img-src"].append(tile_source(MAP_TILE_URL))

# The district's consultation phone, shown when a search finds nothing.
CONSULT_PHONE = os.environ.get("ERQI_CONSULT_PHONE", "0371-12345")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Search log (services/search/log.py): rows are buffered and written in batches; kept this many days
# (`python manage.py search_log_prune` deletes older ones, e.g. daily from cron).
# 200: a batch is one write transaction (with SQLite, a disk sync that holds the database's
# write lock), and a busy server logs hundreds of searches a second, cached ones included.
SEARCH_LOG_BATCH = envint("SEARCH_LOG_BATCH", 200)
SEARCH_LOG_FLUSH_SECONDS = envint("SEARCH_LOG_FLUSH_SECONDS", 30)
SEARCH_LOG_DAYS = envint("SEARCH_LOG_DAYS", 180)

# Mail (reminders of 人民帮办): printed to the console in development; in production set
# DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and Django's EMAIL_* settings.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    f"django.core.mail.backends.{'console' if DEBUG else 'smtp'}.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_FROM_EMAIL", "renminbangban@localhost")

# 人民帮办 (services/help/): text messages go through this backend (a console one ships; see
# services/help/sms.py for writing a gateway's); personal data is cleared this many days after
# 归档 or 撤回 by `manage.py help_anonymise`.
HELP_SMS_BACKEND = os.environ.get("HELP_SMS_BACKEND", "services.help.sms.ConsoleBackend")
HELP_ANONYMISE_AFTER_DAYS = envint("HELP_ANONYMISE_AFTER_DAYS", "365")

# Figures that apps inside services/ add to /api/v1/stats/ and the home page, each a key and
# the dotted path of a function returning a dict (services/stats.py). The catalogue never
# imports those apps: this setting is the one link.
STATS_EXTRA_FIGURES = {"help_requests": "services.help.stats.help_figures"}

# 好差评: Henan requires local systems to use the provincial evaluation system; matter and
# venue pages link to it as 评价.
REVIEW_URL = os.environ.get("ERQI_REVIEW_URL", "https://www.hnzwfw.gov.cn/")

"""Settings for the DPRK military history knowledge base.

Everything that differs between a laptop and production is read from the environment:

- ``DJANGO_ENV``: ``development`` (default) or ``production``. Production requires a
  secret key and allowed hosts, never runs in debug, and turns on the HTTPS and cookie
  protections (``manage.py check --deploy`` is clean).
- ``DATABASE_URL``: any URL dj-database-url understands; SQLite file ``db.sqlite3`` in
  the project root when unset.
- ``DATABASE_REPLICA_URLS``: comma-separated URLs of read replicas; reads go to them,
  writes to ``DATABASE_URL`` (see ``dprk_kb/routers.py``).
- ``DJANGO_DEBUG``: ``1``/``true``/``yes`` turns debug on (never in production).
- ``DJANGO_SECRET_KEY``: required in production; a fixed, public development key is used
  otherwise.
- ``DJANGO_ALLOWED_HOSTS``: comma-separated host names.
- ``DJANGO_CSRF_TRUSTED_ORIGINS``: comma-separated origins (``https://kb.example.org``).
- ``DJANGO_SSL_REDIRECT``: production redirects HTTP to HTTPS unless this is ``0``.
- ``DJANGO_PROXY_SSL_HEADER``: the header a TLS-terminating proxy sets, with its value,
  e.g. ``HTTP_X_FORWARDED_PROTO=https``.
- ``DJANGO_HSTS_SECONDS``: HSTS max-age in production (default one year).
- ``DJANGO_STATIC_ROOT``, ``DJANGO_MEDIA_ROOT``: where collected static files and uploads
  live (uploads belong on storage every app server shares).
- ``DJANGO_DATA_PACKAGE_DIR``: where the data package of each version is kept once built
  (``cache/data/``; each app server may keep its own).
- ``CACHE_URL``: the cache every app server shares, ``redis://host:port/db`` (Django's
  Redis backend); each process keeps its own in memory when unset. What is cached is
  keyed by the data's stamp (``common/stamps.py``), so it is never stale either way.
- ``DJANGO_CACHE_SECONDS`` (3600), ``DJANGO_CACHE_RETRY_SECONDS`` (60: counts left out
  for time are tried again after it), ``DJANGO_FACET_TIME_LIMIT_MS`` (200),
  ``DJANGO_FACET_TIME_BUDGET_MS`` (500): how long counts and charts are kept in the cache,
  and how long one facet count and all the counts of a page may take before they are
  left out.
- ``DJANGO_SQLITE_BUSY_TIMEOUT``: seconds a write on SQLite waits for the write lock (20).
- ``DJANGO_LOGIN_THROTTLING`` (on), ``DJANGO_LOGIN_FAILURE_LIMIT`` (5),
  ``DJANGO_LOGIN_COOLOFF_MINUTES`` (15), ``DJANGO_LOGIN_LOCKOUT_BY``
  (``username+ip_address``; or ``ip_address``, ``username``, comma-separated): login
  throttling with django-axes.
- ``DJANGO_PROXY_COUNT``: how many trusted proxies stand in front (0): the client address
  that login throttling counts is then read from X-Forwarded-For.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("DJANGO_ENV", "development").strip().lower() == "production"
DEBUG = env_flag("DJANGO_DEBUG") and not PRODUCTION

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production mode (DJANGO_ENV=production) needs a long "
            "random secret key shared by every app server."
        )
    # Public and fixed: good for a laptop and the test suite, never for production.
    SECRET_KEY = "django-insecure-development-key-for-the-dprk-knowledge-base"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is not set: name the host names this site answers to.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "axes",
    # The shared library first, then the apps in the order they build on one another,
    # then the project, which spans them all.
    "common",
    "sources",
    "events",
    "equipment",
    "dprk_kb",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "dprk_kb.routers.ReadReplicaMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dprk_kb.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "dprk_kb.wsgi.application"

# Databases: one primary, and any number of read replicas.
CONN_MAX_AGE = int(os.environ.get("DJANGO_CONN_MAX_AGE", "60" if PRODUCTION else "0"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=CONN_MAX_AGE, conn_health_checks=True
    )
}

# SQLite as a real embedded database for several app-server workers and threads: WAL
# (readers never block the writer, nor the writer readers), write transactions that take
# the write lock when they begin (a transaction that read first and then wants to write
# cannot wait for the lock: it fails at once with "database is locked"), and a busy
# timeout within which a writer waits its turn. Exports read in DEFERRED transactions of
# their own (common.exports.consistent_snapshot), so a long download never holds the
# write lock.
SQLITE_BUSY_TIMEOUT_SECONDS = int(os.environ.get("DJANGO_SQLITE_BUSY_TIMEOUT", "20"))
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def configure_database(database):
    """The engine-specific options every connection to ``database`` gets."""
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["OPTIONS"] = {**SQLITE_OPTIONS, **database.get("OPTIONS", {})}
        # Tests run on a file too (not in memory), so that they exercise WAL and locking
        # as production does, and a server started by a test can open the same database.
        database.setdefault("TEST", {}).setdefault("NAME", str(BASE_DIR / ".test-db.sqlite3"))
    return database


configure_database(DATABASES["default"])
DATABASE_REPLICAS = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    alias = f"replica{number}"
    DATABASES[alias] = {
        **configure_database(dj_database_url.parse(url, conn_max_age=CONN_MAX_AGE, conn_health_checks=True)),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_REPLICAS.append(alias)
DATABASE_ROUTERS = ["dprk_kb.routers.ReplicaRouter"]

# The cache: Redis shared by every app server when CACHE_URL is set, else each process's
# memory. It holds pages, facet counts and charts under the data's stamp (common/stamps.py).
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": "kb",
        # A cache that is down costs a page half a second at most: it then counts for itself.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kb"}
}
# How long what is kept under the data's stamp (common.stamps.kept) stays in the cache.
CACHE_SECONDS = int(os.environ.get("DJANGO_CACHE_SECONDS", "3600"))
# ... and a page or a facet whose counts were left out for time, before they are tried again.
CACHE_RETRY_SECONDS = int(os.environ.get("DJANGO_CACHE_RETRY_SECONDS", "60"))
# A facet count is given up after FACET_TIME_LIMIT_MS, and all the counts of a page after
# FACET_TIME_BUDGET_MS, as Datasette gives up after facet_time_limit_ms (200 by default).
# Counted once for each version of the data and kept (common.stamps.kept), a count may
# take longer than one made on every request would: docs/performance.md has the figures.
FACET_TIME_LIMIT_MS = int(os.environ.get("DJANGO_FACET_TIME_LIMIT_MS", "200"))
FACET_TIME_BUDGET_MS = int(os.environ.get("DJANGO_FACET_TIME_BUDGET_MS", "500"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login throttling (django-axes): after DJANGO_LOGIN_FAILURE_LIMIT wrong passwords for
# one user name from one address, that pair is locked out for DJANGO_LOGIN_COOLOFF_MINUTES
# (each further attempt during the lockout starts the wait again). The attempts live in
# the database, so every app server sees them. Unlock at once with
# `manage.py axes_reset_username <name>` (or `axes_reset_ip <address>`, `axes_reset`).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_flag("DJANGO_LOGIN_THROTTLING", default=True)
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [
    ["username", "ip_address"] if name == "username+ip_address" else name
    for name in env_list("DJANGO_LOGIN_LOCKOUT_BY", "username+ip_address")
]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Behind DJANGO_PROXY_COUNT trusted proxies the client's address is read from
# X-Forwarded-For; with none, from the connection only (a header could be forged).
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# The data package of each version of the data, built once (dprk_kb.datapackage); each app
# server may keep its own.
DATA_PACKAGE_DIR = Path(os.environ.get("DJANGO_DATA_PACKAGE_DIR", BASE_DIR / "cache" / "data"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production serves hashed, compressed files (after collectstatic) through WhiteNoise.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Outside production WhiteNoise serves straight from the app folders (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
# Uploads above this are refused before they reach the image checks.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Security. Every page's assets come from this host: no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SECURE_SSL_REDIRECT = env_flag("DJANGO_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    proxy_header = os.environ.get("DJANGO_PROXY_SSL_HEADER", "")
    if proxy_header:
        header, _, value = proxy_header.partition("=")
        SECURE_PROXY_SSL_HEADER = (header.strip(), value.strip() or "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

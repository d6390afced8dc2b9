"""Settings shared by every environment.

Safe for production by default (DEBUG off, secrets only from the environment);
``dev`` and ``test`` loosen it. Every environment variable the portal reads is
read in the typed block below, listed in ``.env.example`` and in the README.
"""

import datetime
import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from portal.security import inline_style_hashes

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def _env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Environment ---------------------------------------------------------
DEBUG = _env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS")
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
REDIS_URL = os.environ.get("REDIS_URL", "")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "portal")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
# Documents (agreements, evidence): never under MEDIA_ROOT, never served by the
# web server; only Wagtail's document view reads them (portal/storage.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", False)
# Seconds one SMTP operation may take before the mail worker gives up and retries later.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")
# Enquiries: where they go when a school has no address yet, and how many one
# client address may send per window (seconds). Behind a load balancer, set
# TRUSTED_PROXY_COUNT so the sender's address is read from X-Forwarded-For.
ENQUIRY_FALLBACK_EMAIL = os.environ.get("ENQUIRY_FALLBACK_EMAIL", "")
ENQUIRY_RATE_LIMIT = int(os.environ.get("ENQUIRY_RATE_LIMIT", "5"))
ENQUIRY_RATE_WINDOW = int(os.environ.get("ENQUIRY_RATE_WINDOW", "3600"))
# Per school per window, and confirmations per sender address per day.
ENQUIRY_SCHOOL_RATE_LIMIT = int(os.environ.get("ENQUIRY_SCHOOL_RATE_LIMIT", "30"))
ENQUIRY_CONFIRMATION_LIMIT = int(os.environ.get("ENQUIRY_CONFIRMATION_LIMIT", "3"))
# Password reset requests per hour, per client address and per email address typed.
PASSWORD_RESET_RATE_LIMIT = int(os.environ.get("PASSWORD_RESET_RATE_LIMIT", "5"))
PASSWORD_RESET_ACCOUNT_RATE_LIMIT = int(os.environ.get("PASSWORD_RESET_ACCOUNT_RATE_LIMIT", "3"))
# X-Forwarded-For is read only from these proxy addresses (the nginx in front,
# on loopback by default), and then only its TRUSTED_PROXY_COUNT-th entry from
# the right. See the README, "Rate limits and proxies".
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
TRUSTED_PROXY_ADDRESSES = _env_list("TRUSTED_PROXY_ADDRESSES", "127.0.0.1,::1")
# The mail worker (huey): on Redis when REDIS_URL is set, else in this SQLite file.
# HUEY_IMMEDIATE=1 sends in the web process instead (no worker; for debugging only).
MAIL_QUEUE_PATH = Path(os.environ.get("MAIL_QUEUE_PATH", BASE_DIR / "var" / "mail-queue.sqlite3"))
HUEY_IMMEDIATE = _env_bool("HUEY_IMMEDIATE", False)
# Anonymous visitors' pages come from the cache (PAGE_CACHE=0 turns it off);
# entries expire after PAGE_CACHE_TIMEOUT seconds at the latest, and a proxy or
# CDN in front may keep a page without a form for PAGE_CACHE_SHARED_MAX_AGE
# seconds (0: it must revalidate each time; see "Caching" in the README).
PAGE_CACHE = _env_bool("PAGE_CACHE", True)
# Each process also keeps, per public version, the HTML of a page that every
# visitor of its URL sees the same (portal.fragments: a profile, a directory
# page, the base layout's header), around what each request writes itself (an
# enquiry form's token). Part of the page caches: on with them unless
# PAGE_HTML_KEPT=0; the cards of the directories are kept either way.
PAGE_HTML_KEPT = _env_bool("PAGE_HTML_KEPT", PAGE_CACHE)
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "300"))
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", "0"))
# A caching proxy in front (Varnish, nginx proxy_cache with a purge module…)
# that takes HTTP PURGE requests at this address: Wagtail purges a page's URLs
# in every language when it is published, unpublished or deleted.
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL", "")
# --------------------------------------------------------------------------

INSTALLED_APPS = [
    # wagtail_modeltranslation must precede the apps whose models it translates.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "portal",
    "programmes",
    "partners",
    "ministry",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django.contrib.admin",
    "django.contrib.auth",
    "axes",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
    "huey.contrib.djhuey",
]

DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's database search uses PostgreSQL full text search when present.
    INSTALLED_APPS.append("django.contrib.postgres")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.security.PortalCSPMiddleware",
    "portal.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.PortalLocaleMiddleware",
    "portal.middleware.RejectNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last but the page cache, as django-axes asks: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
    # Innermost, so that a page from the cache passes through every middleware above.
    "portal.middleware.PublicPageCacheMiddleware",
    # Inside the page cache: a page from the cache needs no site.
    "portal.middleware.CachedSiteMiddleware",
]

# Logins (the admin, the Django admin, the login of private pages) are
# throttled per account by django-axes: after AXES_FAILURE_LIMIT wrong
# passwords the account takes no password, right or wrong, for
# AXES_COOLOFF_TIME. Attempts are kept in the database, so every app process
# counts the same ones. Per account rather than per address: an address is
# forgeable behind a misconfigured proxy, and one office shares one address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/account_locked.html"
# The admin's password reset: rate-limited, and mailed by the worker whether or
# not the account exists (portal/accounts.py).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "portal.accounts.PasswordResetForm"
# axes.W006 asks for the address among the lockout parameters; per account is
# the choice made above (nothing about a request but the account is counted).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# --- Security headers (portal/security.py says why each is there) ------------------
# Public pages: this host only; an inline <script> or <style> runs only with the
# request's nonce ({{ CSP_NONCE }}); the 500 page, rendered without a request,
# is allowed by the hash of its <style>. Nothing from another host, ever.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE, *inline_style_hashes(BASE_DIR / "portal" / "templates" / "500.html")],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# The Wagtail admin (and the Django admin): still this host only, but Wagtail 8
# writes inline scripts (choosers, date widgets, inline panels) and styles that
# carry no nonce (wagtail/wagtail#1288), its image editor reads data: and blob:
# URLs, and page previews are framed by the admin itself.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY_DISABLED = [
    "accelerometer",
    "camera",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "csp.context_processors.nonce",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.navigation",
                "portal.context_processors.cacheable_csrf_token",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("zh-hans", "简体中文"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ru", "Русский"),
    ("ar", "العربية"),
]
# Names of the languages in English, for the admin and for labels that need them.
LANGUAGE_NAMES_EN = {
    "en": _("English"),
    "zh-hans": _("Simplified Chinese"),
    "fr": _("French"),
    "es": _("Spanish"),
    "ru": _("Russian"),
    "ar": _("Arabic"),
}
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# A field left empty falls back to English, then Chinese. portal.languages.reading_order
# reads this setting, so templates, routing and search share one order.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "zh-hans"), "en": ("zh-hans",)}
WAGTAILMODELTRANSLATION_LOCALE_PICKER = True

# --- Static and media --------------------------------------------------------
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "portal.storage.PortalMediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Cache -----------------------------------------------------------------------
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            # A stalled Redis fails a request in seconds instead of holding a worker.
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }
else:
    # One per process: enough for the embedded default (``make run``).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 1000}}}
# Rate-limit counters (partners.throttling): in this cache when it is Redis
# (atomic and shared), else in the database ("" here), never in process memory.
RATE_LIMIT_CACHE = "default" if REDIS_URL else ""

# --- Mail worker (huey) --------------------------------------------------------------
# Enquiries, answers and password reset mails are stored (or queued), then sent
# by `manage.py run_huey` with retries and backoff; `make run` starts it beside
# the development server. The database rows are the record: the queue only says
# "send this now", and a periodic sweep sends whatever a lost message left behind.
if REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "portal-mail", "url": REDIS_URL}
else:
    MAIL_QUEUE_PATH.parent.mkdir(parents=True, exist_ok=True)
    HUEY = {"huey_class": "huey.SqliteHuey", "name": "portal-mail", "filename": str(MAIL_QUEUE_PATH)}
HUEY.update(immediate=HUEY_IMMEDIATE, results=False, consumer={"workers": 2, "worker_type": "thread"})

# --- A caching proxy or CDN in front (see "Caching" in the README) ---------------
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
    WAGTAILFRONTENDCACHE_LANGUAGES = [code for code, _name in LANGUAGES]

# --- Email -----------------------------------------------------------------------
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Wagtail -----------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Vocational Education International Portal"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Documents are sent only by Wagtail's view, after the collection's privacy check.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "xls", "csv", "jpg", "jpeg", "png"]
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": True},
}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"portal": {"level": "INFO"}, "partners": {"level": "INFO"}},
}

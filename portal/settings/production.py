"""Production: secrets and hosts must come from the environment; HTTPS only.

The recipe (deploy/, README "Production") puts nginx in front: it terminates
TLS, overwrites X-Forwarded-Proto and X-Forwarded-For with what it saw, and is
the only way to gunicorn (a unix socket or a loopback port). Every variable read
here is listed in deploy/portal.env.example.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import _env_bool

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

# A request is HTTPS when the proxy says so. Safe only because the proxy sets
# this header itself on every request (a client's own value never passes) and
# the app cannot be reached except through it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
# HSTS is sent on HTTPS responses only. Start a new host with a small value
# (SECURE_HSTS_SECONDS=300), raise it to a year once HTTPS is known to work:
# browsers remember it for that long. Subdomains of the portal's own host are
# HTTPS too, so they are included by default.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# The preload list is a commitment made for a whole registrable domain (every
# subdomain, for months to undo) by its owner on hstspreload.org; a portal on
# a ministry's subdomain cannot make it for the ministry, so it is opt-in.
SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # security.W021 asks for preload; the choice above is deliberate.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]  # noqa: F405
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A connection kept between requests (CONN_MAX_AGE) that the server closed
# (a restart, pg_terminate_backend) is noticed before the request uses it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

if REDIS_URL:  # noqa: F405
    # Sessions (the shortlist, logins) read from Redis and are written through
    # to the database, so a Redis restart or eviction logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

"""gunicorn's configuration for the portal (``gunicorn --config deploy/gunicorn.conf.py``).

gunicorn listens only where nginx can reach it and nobody else: a unix socket
(the default) or a loopback port. nginx overwrites X-Forwarded-For and
X-Forwarded-Proto on every request, and the app trusts them
(TRUSTED_PROXY_COUNT=1, SECURE_PROXY_SSL_HEADER); were gunicorn reachable from
outside, anyone could forge them. So a bind anywhere else stops it at start.

Environment (deploy/portal.env.example): PORTAL_BIND, GUNICORN_WORKERS,
GUNICORN_TIMEOUT; the portal's own variables reach the app unchanged.
"""

import ipaddress
import multiprocessing
import os

wsgi_app = "portal.wsgi:application"
proc_name = "portal"

bind = [os.environ.get("PORTAL_BIND") or "unix:/run/portal/gunicorn.sock"]
for address in bind:
    if not address.startswith("unix:"):
        host = address.rsplit(":", 1)[0].strip("[]")
        if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
            raise SystemExit(f"PORTAL_BIND={address}: gunicorn listens on a unix socket or a loopback address only.")
# The socket file: the owner and its group (nginx's user in it) only.
umask = 0o007

# Sync workers: nginx buffers requests and responses, so a slow client never
# holds one. Twice the cores plus one unless told.
workers = int(os.environ.get("GUNICORN_WORKERS") or 2 * multiprocessing.cpu_count() + 1)
worker_class = "sync"
# A request longer than this is killed (nginx gives up at the same time).
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30
# Workers are replaced after twenty thousand requests or so (staggered), so a
# slow leak never grows for ever. Not sooner: what a worker keeps per public
# version (the facet index, text matches, kept HTML, all bounded in size) costs
# about 3 s of processor time to build again at 30,000 programmes.
max_requests = 20000
max_requests_jitter = 2000
# The app is imported once in the master, so workers start fast and share memory.
preload_app = True

# Only the local proxy may set the scheme (unix sockets are local).
forwarded_allow_ips = "127.0.0.1,::1"

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL") or "info"
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(B)s %(M)sms'

"""Render deploy/nginx.conf.template from the environment.

    python -m deploy.render deploy/nginx.conf.template > /etc/portal/nginx.conf

Each ``@NAME@`` of the template is filled from the variables of
deploy/portal.env.example (the same ones the portal and gunicorn read, so the
three agree on paths, hosts and the socket). A value missing or a name left
unfilled stops it with a message; nothing is written then.
"""

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"@([A-Z_]+)@")


class RenderError(ValueError):
    pass


def _path(env, name, default):
    return str(Path(env.get(name) or default).resolve())


def _port(listen):
    """The port of an nginx ``listen`` value: ``443``, ``127.0.0.1:8443``, ``[::1]:8443``."""
    port = listen.rsplit(":", 1)[-1]
    if not port.isdigit():
        raise RenderError(f"not a port or address:port: {listen!r}")
    return int(port)


def values_from(env):
    """The template's values, from an environment mapping."""
    hosts = [host.strip() for host in env.get("ALLOWED_HOSTS", "").split(",") if host.strip()]
    if not hosts or "*" in hosts:
        raise RenderError("ALLOWED_HOSTS must name the portal's host names (not *): nginx answers only those.")
    bind = env.get("PORTAL_BIND") or "unix:/run/portal/gunicorn.sock"
    https_listen = env.get("PORTAL_HTTPS_LISTEN") or "443"
    https_port = _port(https_listen)
    _port(env.get("PORTAL_HTTP_LISTEN") or "80")
    for name in ("PORTAL_TLS_CERTIFICATE", "PORTAL_TLS_CERTIFICATE_KEY"):
        if not env.get(name):
            raise RenderError(f"{name} must name a file (nginx terminates TLS).")
    return {
        "NGINX_USER": env.get("PORTAL_NGINX_USER") or "www-data",
        "RUN_DIR": _path(env, "PORTAL_RUN_DIR", "/run/portal"),
        "LOG_DIR": _path(env, "PORTAL_LOG_DIR", "/var/log/portal"),
        "MIME_TYPES": env.get("PORTAL_NGINX_MIME_TYPES") or "/etc/nginx/mime.types",
        "CLIENT_MAX_BODY_SIZE": env.get("PORTAL_CLIENT_MAX_BODY_SIZE") or "20m",
        "APP_SOCKET": bind,
        "HTTP_LISTEN": env.get("PORTAL_HTTP_LISTEN") or "80",
        "HTTPS_LISTEN": https_listen,
        "HTTPS_PORT_SUFFIX": "" if https_port == 443 else f":{https_port}",
        "SERVER_NAME": " ".join(hosts),
        "TLS_CERTIFICATE": _path(env, "PORTAL_TLS_CERTIFICATE", ""),
        "TLS_CERTIFICATE_KEY": _path(env, "PORTAL_TLS_CERTIFICATE_KEY", ""),
        "STATIC_ROOT": _path(env, "STATIC_ROOT", ROOT / "static_collected"),
        "MEDIA_ROOT": _path(env, "MEDIA_ROOT", ROOT / "media"),
    }


def render(template, values):
    missing = sorted(set(PLACEHOLDER.findall(template)) - set(values))
    if missing:
        raise RenderError(f"no value for {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("template", type=Path)
    options = parser.parse_args(argv)
    try:
        sys.stdout.write(render(options.template.read_text(), values_from(os.environ)))
    except RenderError as error:
        raise SystemExit(f"{options.template}: {error}") from None


if __name__ == "__main__":
    main()

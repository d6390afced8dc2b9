"""The production recipe's files (deploy/): gunicorn listens only where nginx
alone reaches it, and the nginx template renders from the recipe's environment
into a configuration nginx accepts, refusing documents under /media/.

The recipe running end to end is `make production-check` (deploy/production_check.py)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from deploy.production_check import find_nginx, read_env_file, read_procfile
from deploy.render import PLACEHOLDER, RenderError, render, values_from

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
NGINX = find_nginx()


def gunicorn_check_config(bind):
    environment = {**os.environ, "PORTAL_BIND": bind, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    return subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "--config", str(DEPLOY / "gunicorn.conf.py")],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("bind", ["0.0.0.0:8000", "192.0.2.10:8000", "[::]:8000"])
def test_gunicorn_refuses_to_listen_where_a_forged_forwarded_header_could_reach_it(bind):
    result = gunicorn_check_config(bind)
    assert result.returncode != 0
    assert "unix socket or a loopback address" in result.stdout + result.stderr


@pytest.mark.parametrize("bind", ["unix:/run/portal/gunicorn.sock", "127.0.0.1:8001", "[::1]:8001", "localhost:8001"])
def test_gunicorn_listens_on_a_unix_socket_or_loopback(bind):
    result = gunicorn_check_config(bind)
    assert result.returncode == 0, result.stdout + result.stderr


def recipe_values(tmp_path, **changes):
    environment = {
        **read_env_file(DEPLOY / "portal.env.example"),
        "PORTAL_TLS_CERTIFICATE": str(tmp_path / "certificate.pem"),
        "PORTAL_TLS_CERTIFICATE_KEY": str(tmp_path / "key.pem"),
        "PORTAL_RUN_DIR": str(tmp_path),
        "PORTAL_LOG_DIR": str(tmp_path),
        **changes,
    }
    return values_from(environment)


def rendered(tmp_path, **changes):
    return render((DEPLOY / "nginx.conf.template").read_text(), recipe_values(tmp_path, **changes))


def test_the_template_renders_from_the_recipes_environment(tmp_path):
    config = rendered(tmp_path)
    assert not PLACEHOLDER.search(config)
    assert "server_name portal.example.org;" in config
    assert "server unix:/run/portal/gunicorn.sock" in config
    assert "alias /srv/portal/static/;" in config
    # What a client sends in these headers is overwritten, never passed on.
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in config
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in config
    assert "$proxy_add_x_forwarded_for" not in config


def test_documents_are_refused_under_media_before_any_other_media_rule(tmp_path):
    config = rendered(tmp_path)
    documents = config.index("location ^~ /media/documents/ {")
    assert config[documents:].split("}", 1)[0].strip().endswith("return 403;")
    # ^~ stops nginx from looking at the image locations for that prefix.
    assert "location /media/ {\n            return 403;" in config


def test_the_redirect_to_https_names_a_port_only_when_it_is_not_443(tmp_path):
    assert "return 301 https://$host$request_uri;" in rendered(tmp_path)
    assert "return 301 https://$host:8443$request_uri;" in rendered(tmp_path, PORTAL_HTTPS_LISTEN="127.0.0.1:8443")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"PORTAL_TLS_CERTIFICATE": ""}, "PORTAL_TLS_CERTIFICATE"),
        ({"PORTAL_HTTPS_LISTEN": "127.0.0.1:https"}, "port"),
    ],
)
def test_rendering_stops_with_a_message_when_a_value_is_wrong(tmp_path, changes, message):
    with pytest.raises(RenderError, match=message):
        rendered(tmp_path, **changes)


def test_a_placeholder_without_a_value_stops_rendering():
    with pytest.raises(RenderError, match="NOT_A_SETTING"):
        render("listen @NOT_A_SETTING@;", {})


@pytest.mark.skipif(not NGINX or not shutil.which("openssl"), reason="nginx (make production-deps) and openssl")
def test_nginx_accepts_the_rendered_configuration(tmp_path):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
        + ["-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "certificate.pem")],
        check=True,
        capture_output=True,
    )
    config = tmp_path / "nginx.conf"
    config.write_text(rendered(tmp_path, PORTAL_NGINX_USER=os.environ.get("USER") or "root"))
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(config), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_the_process_list_runs_gunicorn_and_nginx_from_the_recipe():
    processes = dict(read_procfile(DEPLOY / "Procfile"))
    assert "deploy/gunicorn.conf.py" in processes["web"]
    assert "$PORTAL_RUN_DIR/nginx.conf" in processes["proxy"]

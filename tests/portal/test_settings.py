"""Settings: production passes Django's deployment checks (with the recipe's own
environment, deploy/portal.env.example), keeps sessions in Redis when there is
one, and refuses to start without a secret key."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECIPE_ENVIRONMENT = ROOT / "deploy" / "portal.env.example"


def recipe_environment():
    """deploy/portal.env.example as systemd reads it: KEY=VALUE, comments apart."""
    values = {}
    for line in RECIPE_ENVIRONMENT.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


def run_manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def production_check_deploy(*options, **env):
    """``manage.py check --deploy`` with production settings and the secrets a
    deployment gives them."""
    return run_manage(
        "check",
        "--deploy",
        *options,
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="portal.example.org",
        **env,
    )


def test_production_settings_pass_check_deploy():
    result = production_check_deploy("--fail-level", "WARNING", REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_recipes_environment_passes_check_deploy():
    """The production recipe's own environment, with only its secret filled in
    (finding 9: the recipe used to fail its own check)."""
    environment = {**recipe_environment(), "SECRET_KEY": secrets.token_urlsafe(50)}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def show_settings(*names, **env):
    script = f"from django.conf import settings; print([getattr(settings, n) for n in {list(names)!r}])"
    result = run_manage(
        "shell",
        "-c",
        script,
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_with_redis_sessions_are_cached_there_and_written_through_to_the_database():
    shown = show_settings("SESSION_ENGINE", "CACHES", REDIS_URL="redis://127.0.0.1:6379/9")
    assert "django.contrib.sessions.backends.cached_db" in shown
    assert "django_redis.cache.RedisCache" in shown
    assert "SOCKET_TIMEOUT" in shown


def test_without_redis_sessions_stay_in_the_database():
    assert "django.contrib.sessions.backends.db" in show_settings("SESSION_ENGINE", REDIS_URL="")


def test_hsts_preload_is_opt_in_and_the_check_stays_clean_either_way():
    assert show_settings("SECURE_HSTS_PRELOAD", "SECURE_HSTS_INCLUDE_SUBDOMAINS") == "[False, True]"
    assert show_settings("SECURE_HSTS_PRELOAD", SECURE_HSTS_PRELOAD="true") == "[True]"
    for preload in ("true", "false"):
        result = production_check_deploy(
            "--fail-level", "WARNING", REDIS_URL="redis://127.0.0.1:6379/0", SECURE_HSTS_PRELOAD=preload
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_production_checks_database_connections_before_reusing_them():
    """A connection the server closed (restart, pg_terminate_backend) is not
    handed to a request."""
    assert show_settings("DATABASES").count("'CONN_HEALTH_CHECKS': True") == 1


def test_deploy_check_warns_when_app_processes_would_not_share_the_catalogue_version():
    result = production_check_deploy(REDIS_URL="")
    assert "search.W001" in result.stdout + result.stderr
    assert "REDIS_URL" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="portal.settings.production", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr

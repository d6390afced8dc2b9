"""Settings: production passes Django's deployment checks, and refuses to start
without a secret key."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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


def test_deploy_check_warns_when_app_processes_would_not_share_the_catalogue_version():
    result = production_check_deploy(REDIS_URL="")
    assert "search.W001" in result.stdout + result.stderr
    assert "REDIS_URL" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="portal.settings.production", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr

"""Real app servers for the tests that must cross processes: gunicorn, one
worker each, on free ports of 127.0.0.1, sharing the test database."""

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def settings_env(**extra):
    """The environment of a process with the test settings, plus ``extra``."""
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", **extra}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def app_servers(env, count=2):
    """``count`` app servers started with ``env``: yields their ports once each takes connections."""
    ports = [free_port() for _ in range(count)]
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "-w", "1", "-b", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            for _ in range(120):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.5)
        yield ports
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)

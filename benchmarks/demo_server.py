"""A throwaway demo site for the page checks that are not tests (`make
screenshots`, `make lighthouse`): a fresh SQLite database in a temporary
folder (migrate, load_demo), served by Django's development server on a free
port of 127.0.0.1, stopped and deleted on leaving the ``with`` block.

    with DemoServer() as server:
        server.url              # http://127.0.0.1:PORT
        server.paths["ar"]["programme"]
"""

import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.run import free_port

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


class DemoServer:
    def __init__(self):
        self.folder = tempfile.TemporaryDirectory(prefix="portal-demo-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.paths = {}
        self.process = None
        folder = Path(self.folder.name)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
            "MEDIA_ROOT": str(folder / "media"),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
        for name in ("REDIS_URL", "ELASTICSEARCH_URL"):
            self.env.pop(name, None)

    def manage(self, *args, capture=False):
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True, text=True
        )
        return result.stdout if capture else None

    def __enter__(self):
        started = time.monotonic()
        print("Building a fresh demo database (migrate, load_demo)…", flush=True)
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage("load_demo")
        shown = self.manage(
            "shell",
            "-c",
            "import json; from tests.browser.demo_pages import all_paths; print(json.dumps(all_paths()))",
            capture=True,
        )
        self.paths = json.loads(shown.strip().splitlines()[-1])  # after whatever start-up printed
        self.process = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.wait_until_up()
        print(f"Demo site at {self.url} after {time.monotonic() - started:.0f} s", flush=True)
        return self

    def wait_until_up(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                connection.request("GET", "/en/")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.3)
        self.__exit__(None, None, None)
        raise SystemExit("the demo server did not start")

    def __exit__(self, *_exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.folder.cleanup()

    def address(self, language, name):
        return self.url + self.paths[language][name]

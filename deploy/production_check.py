"""`make production-check`: the production recipe (deploy/, README
"Production") started on loopback ports of this machine, checked, and stopped.

1. A throwaway PostgreSQL database, a Redis database of its own, a self-signed
   certificate for ``localhost``, a temporary folder for media, static files,
   the socket, logs and nginx's own configuration (the system's nginx is never
   touched).
2. The environment of deploy/portal.env.example, with only the values a
   machine gives changed (secrets, ports, paths, the database).
3. ``migrate``, ``collectstatic``, ``load_demo`` and
   ``check --deploy --fail-level WARNING`` with production settings.
4. Every process of deploy/Procfile (gunicorn with 2 workers on a unix socket,
   nginx in front), the nginx configuration rendered from its template.
5. A journey through nginx in Chromium (home, the catalogue with a filter, a
   programme, an enquiry sent, the admin's login), and requests that check
   what nginx serves and refuses (static files and logos with their cache
   headers, documents refused under /media/, HTTP sent to HTTPS, a forged
   X-Forwarded-For not believed).
6. A backup (deploy/backup.sh) restored (deploy/restore.sh) into a fresh
   database and media folder, compared table by table.

Everything it started is stopped, and the databases dropped, even on failure
or Ctrl-C. It prints each step and ends with "production check passed".

    .venv/bin/python -m deploy.production_check [--keep]
"""

import argparse
import contextlib
import getpass
import http.client
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis
from playwright.sync_api import sync_playwright

from deploy.render import RenderError, render, values_from
from tests.browser.environment import CHROMIUM, LAUNCH_ARGS

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PYTHON = sys.executable
PG = {"host": "127.0.0.1", "port": "5432", "user": os.environ.get("PGUSER", "postgres")}
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# The check's own Redis database (other checks and helpers use others).
REDIS_DB = int(os.environ.get("PRODUCTION_CHECK_REDIS_DB", "9"))
HOST = "localhost"
ENQUIRY_LIMIT = 3


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_nginx():
    # Debian puts it in /usr/sbin, which a user's PATH may not have.
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


def read_env_file(path):
    """KEY=VALUE lines (systemd's EnvironmentFile without quoting), comments apart."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def read_procfile(path):
    """``name: command`` lines of deploy/Procfile; comments apart."""
    processes = []
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, command = line.partition(":")
            processes.append((name.strip(), command.strip()))
    return processes


class Step:
    """Prints a step's name, then ok with its time, or the failure."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.started = time.monotonic()
        print(f"- {self.name} …", flush=True)
        return self

    def __exit__(self, exc_type, *_):
        seconds = time.monotonic() - self.started
        print(f"  {'ok' if exc_type is None else 'FAILED'} ({seconds:.1f} s)", flush=True)


def note(text):
    print(f"    {text}", flush=True)


class Stack:
    """The recipe on this machine: its folder, databases and processes,
    all taken down on leaving (``keep`` leaves the folder for a look)."""

    def __init__(self, keep=False, reuse=None):
        self.keep = keep
        self.reuse = reuse
        self.folder = Path(tempfile.mkdtemp(prefix="portal-production-"))
        # nginx's workers run as the user who starts the check (PORTAL_NGINX_USER).
        self.folder.chmod(0o755)
        self.databases = []
        self.processes = {}
        self.logs = {}
        suffix = f"{os.getpid()}"
        self.database = reuse or f"portal_production_check_{suffix}"
        self.restored_database = f"{self.database}_restored"
        self.http_port, self.https_port = free_port(), free_port()
        self.url = f"https://{HOST}:{self.https_port}"
        self.redis = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB, socket_timeout=5)
        self.env = self.environment()

    # --- set-up ----------------------------------------------------------------
    def environment(self):
        folder = self.folder
        for name in ("run", "log", "media", "static", "backups", "tls"):
            (folder / name).mkdir()
        values = read_env_file(DEPLOY / "portal.env.example")
        values.update(
            {
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": HOST,
                "DATABASE_URL": self.database_url(self.database),
                "REDIS_URL": f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}",
                "MEDIA_ROOT": os.environ["MEDIA_ROOT"] if self.reuse else str(folder / "media"),
                "STATIC_ROOT": str(folder / "static"),
                "WAGTAILADMIN_BASE_URL": self.url,
                # Mail printed in gunicorn's log: no mail server here.
                "EMAIL_HOST": "",
                "EMAIL_USE_TLS": "",
                "ENQUIRY_RATE_LIMIT": str(ENQUIRY_LIMIT),
                "PORTAL_BIND": f"unix:{folder / 'run' / 'gunicorn.sock'}",
                "GUNICORN_WORKERS": "2",
                "PORTAL_HTTP_LISTEN": f"127.0.0.1:{self.http_port}",
                "PORTAL_HTTPS_LISTEN": f"127.0.0.1:{self.https_port}",
                "PORTAL_TLS_CERTIFICATE": str(folder / "tls" / "certificate.pem"),
                "PORTAL_TLS_CERTIFICATE_KEY": str(folder / "tls" / "key.pem"),
                "PORTAL_NGINX_USER": getpass.getuser(),
                "PORTAL_RUN_DIR": str(folder / "run"),
                "PORTAL_LOG_DIR": str(folder / "log"),
                "PORTAL_BACKUP_DIR": str(folder / "backups"),
            }
        )
        inherited = {k: v for k, v in os.environ.items() if k in {"HOME", "LANG", "LC_ALL", "TMPDIR", "PGUSER"}}
        return {**inherited, "PATH": f"{Path(PYTHON).parent}:/usr/sbin:/usr/bin:/bin", **values}

    @staticmethod
    def database_url(name):
        return f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"

    def run(self, *command, env=None, timeout=600):
        result = subprocess.run(
            command, cwd=ROOT, env=env or self.env, capture_output=True, text=True, timeout=timeout, check=False
        )
        if result.returncode != 0:
            raise CheckFailed(f"{shlex.join(command)} exited {result.returncode}:\n{result.stdout}{result.stderr}")
        return result.stdout

    def manage(self, *args, env=None):
        return self.run(PYTHON, "manage.py", *args, env=env)

    def psql(self, database, sql):
        return self.run("psql", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "-XAtq", "-c", sql, database)

    def create_database(self, name):
        self.run("createdb", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], name)
        self.databases.append(name)

    def certificate(self):
        tls = self.folder / "tls"
        self.run(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={HOST}",
            "-addext",
            f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
            "-keyout",
            str(tls / "key.pem"),
            "-out",
            str(tls / "certificate.pem"),
        )

    def render_nginx(self):
        template = (DEPLOY / "nginx.conf.template").read_text()
        path = self.folder / "run" / "nginx.conf"
        path.write_text(render(template, values_from(self.env)))
        return path

    # --- processes ---------------------------------------------------------------
    def start(self, name, command):
        expanded = [self.expand(part) for part in shlex.split(command)]
        log = open(self.folder / "log" / f"{name}.log", "w")  # noqa: SIM115 (closed in stop)
        self.logs[name] = log
        self.processes[name] = subprocess.Popen(
            expanded, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def expand(self, text):
        return re.sub(r"\$(\w+)|\$\{(\w+)\}", lambda m: self.env.get(m.group(1) or m.group(2), ""), text)

    def running(self):
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise CheckFailed(f"{name} exited ({process.returncode}):\n{self.log_tail(name)}")

    def log_tail(self, name, lines=30):
        path = self.folder / "log" / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def wait_until_up(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.running()
            with contextlib.suppress(OSError, http.client.HTTPException):
                if self.fetch("/en/").status == 200:
                    return
            time.sleep(0.3)
        raise CheckFailed("the portal did not answer through nginx")

    def stop(self):
        for name, process in reversed(list(self.processes.items())):
            if process.poll() is None:
                # gunicorn and nginx both finish their requests and stop on SIGTERM / SIGQUIT.
                process.send_signal(signal.SIGQUIT if name == "proxy" else signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        for log in self.logs.values():
            log.close()

    # --- requests ------------------------------------------------------------------
    def tls_context(self):
        return ssl.create_default_context(cafile=str(self.folder / "tls" / "certificate.pem"))

    def fetch(self, path, method="GET", headers=None, body=None, https=True):
        if https:
            connection = http.client.HTTPSConnection(HOST, self.https_port, timeout=30, context=self.tls_context())
        else:
            connection = http.client.HTTPConnection(HOST, self.http_port, timeout=30)
        try:
            connection.request(method, path, body=body, headers={"Accept-Encoding": "gzip", **(headers or {})})
            response = connection.getresponse()
            response.body = response.read()
            return response
        finally:
            connection.close()

    # --- taking down -----------------------------------------------------------------
    def __enter__(self):
        return self

    def __exit__(self, exc_type, *_exc):
        self.stop()
        if exc_type is not None:
            for name in self.processes:
                print(f"--- the end of {name}'s log:\n{self.log_tail(name)}", file=sys.stderr)
            errors = self.folder / "log" / "nginx-error.log"
            if errors.exists():
                print(f"--- nginx-error.log:\n{errors.read_text()[-3000:]}", file=sys.stderr)
        for name in reversed(self.databases):
            with contextlib.suppress(Exception):
                self.run("dropdb", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "--force", "--if-exists", name)
        with contextlib.suppress(redis.RedisError):
            self.redis.flushdb()
        if self.keep:
            print(f"Kept {self.folder}")
        else:
            shutil.rmtree(self.folder, ignore_errors=True)


def preflight():
    missing = []
    if not find_nginx():
        missing.append("nginx (make production-deps)")
    if not shutil.which(CHROMIUM):
        missing.append(f"{CHROMIUM} (make browser-deps)")
    for tool in ("pg_isready", "pg_dump", "pg_restore", "psql", "createdb", "openssl"):
        if not shutil.which(tool):
            missing.append(tool)
    if missing:
        raise CheckFailed("missing: " + ", ".join(missing))
    if subprocess.run(["pg_isready", "-q", "-h", PG["host"], "-p", PG["port"]], check=False).returncode != 0:
        raise CheckFailed(f"no PostgreSQL server at {PG['host']}:{PG['port']}")
    try:
        redis.Redis(host=REDIS_HOST, port=REDIS_PORT, socket_timeout=5).ping()
    except redis.RedisError as error:
        raise CheckFailed(f"no Redis server at {REDIS_HOST}:{REDIS_PORT}: {error}") from None


def demo_facts(stack):
    """The demo pages' paths, and a document stored the way editors upload one."""
    script = """
import json
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from tests.browser.demo_pages import all_paths
document = get_document_model()(title="Production check")
document.file.save("production-check.pdf", ContentFile(b"%PDF-1.4 production check"), save=True)
print(json.dumps({"paths": all_paths()["en"], "document": {"url": document.url, "name": document.file.name}}))
"""
    return json.loads(stack.manage("shell", "-c", script).strip().splitlines()[-1])


def count_enquiries(stack, database=None):
    return int(stack.psql(database or stack.database, "SELECT count(*) FROM partners_enquiry").strip())


def fill_enquiry(page, email):
    form = page.locator("#enquiry form")
    form.locator("[name=name]").fill("Production Check")
    form.locator("[name=institution]").fill("Loopback Polytechnic")
    form.locator("[name=country]").select_option("FR")
    form.locator("[name=email]").fill(email)
    form.locator("[name=message]").fill("Sent by make production-check through nginx and gunicorn.")
    form.locator("[name=consent]").check()
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        form.locator("button[type=submit]").click()
    page.wait_for_load_state("domcontentloaded")
    return posted.value.status


def journey(stack, facts):
    """Chromium through nginx, as a visitor and an administrator would."""
    paths = facts["paths"]
    seen = {"static": [], "images": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context(ignore_https_errors=True, base_url=stack.url)
        context.set_default_timeout(20000)
        page = context.new_page()

        def record(response):
            path = response.url.removeprefix(stack.url)
            if path.startswith("/static/"):
                seen["static"].append((path, response.status, response.all_headers()))
            elif path.startswith("/media/"):
                seen["images"].append((path, response.status, response.all_headers()))

        page.on("response", record)

        with Step("home"):
            response = page.goto("/en/")
            expect(response.status == 200, f"home: {response.status}")
            headers = response.all_headers()
            expect("max-age=" in headers.get("strict-transport-security", ""), "home: no HSTS header")
            expect(headers.get("content-encoding") == "gzip", "home: HTML not compressed")
            note(f"{response.status}, Strict-Transport-Security: {headers['strict-transport-security']}")

        with Step("the catalogue with a filter"):
            response = page.goto(paths["catalogue-filtered"])
            expect(response.status == 200, f"catalogue: {response.status}")
            cards = page.locator("main a[href*='/schools/']").count()
            expect(cards > 0, "catalogue: no result")
            note(f"{paths['catalogue-filtered']}: {response.status}, {cards} links to results")

        with Step("a programme page, its enquiry sent"):
            response = page.goto(paths["programme"])
            expect(response.status == 200, f"programme: {response.status}")
            before = count_enquiries(stack)
            status = fill_enquiry(page, "production-check@example.org")
            expect(status == 302, f"enquiry: the POST answered {status}")
            expect(page.locator("#enquiry [role=status]").is_visible(), "enquiry: no thank-you message")
            after = count_enquiries(stack)
            expect(after == before + 1, f"enquiry: {after - before} stored, not 1")
            note(f"{paths['programme']}: thank-you shown, enquiries {before} -> {after}")

        with Step("a logo and a static file, served by nginx with cache headers"):
            page.goto(paths["school"])
            logo = page.locator("img[src^='/media/images/']").first.get_attribute("src")
            expect(logo, "school page: no logo image")
            response = page.request.get(logo)
            headers = response.headers
            expect(response.status == 200, f"logo: {response.status}")
            expect(headers.get("content-type", "").startswith("image/"), f"logo: {headers.get('content-type')}")
            expect("max-age=86400" in headers.get("cache-control", ""), "logo: no Cache-Control")
            expect("sandbox" in headers.get("content-security-policy", ""), "logo: no sandbox policy")
            note(f"{logo}: {response.status} {headers['content-type']}, Cache-Control: {headers['cache-control']}")
            hashed = [s for s in seen["static"] if re.search(r"\.[0-9a-f]{12}\.css$", s[0])]
            expect(hashed, "no stylesheet with a hashed name was loaded")
            path, status, headers = hashed[0]
            expect(status == 200, f"{path}: {status}")
            expect("immutable" in headers.get("cache-control", ""), f"{path}: {headers.get('cache-control')}")
            expect(headers.get("content-encoding") == "gzip", f"{path}: not the precompressed file")
            note(f"{path}: {status}, Cache-Control: {headers['cache-control']}, gzip")

        with Step("the admin's login page, and a login"):
            response = page.goto("/admin/login/")
            expect(response.status == 200, f"admin login: {response.status}")
            page.locator("[name=username]").fill("admin")
            page.locator("[name=password]").fill("admin")
            with page.expect_navigation():
                page.locator("form button[type=submit]").first.click()
            expect(page.url.rstrip("/").endswith("/admin"), f"admin: after login at {page.url}")
            cookies = {cookie["name"]: cookie for cookie in context.cookies()}
            expect(cookies["sessionid"]["secure"] and cookies["sessionid"]["httpOnly"], "session cookie not secure")
            note("200, logged in; session cookie Secure, HttpOnly; session in Redis and PostgreSQL")

        with Step(f"a forged X-Forwarded-For is not believed (limit {ENQUIRY_LIMIT} enquiries per address)"):
            statuses = []
            for number in range(ENQUIRY_LIMIT):
                page.set_extra_http_headers({"X-Forwarded-For": f"203.0.113.{number + 1}"})
                page.goto(paths["enquiry"])
                statuses.append(fill_enquiry(page, f"forged-{number}@example.org"))
            page.set_extra_http_headers({})
            # One sent in the journey already, from the same address nginx saw.
            expect(statuses[-1] == 429, f"each forged address counted apart: {statuses}")
            expect(statuses[:-1] == [302] * (ENQUIRY_LIMIT - 1), f"statuses {statuses}")
            note(f"answers {statuses}: all counted against 127.0.0.1, shared by both workers in Redis")
        browser.close()


def requests_checks(stack, facts):
    """What nginx serves and refuses, request by request."""
    with Step("documents are refused under /media/, served by Wagtail's view"):
        canary = Path(stack.env["MEDIA_ROOT"]) / "documents" / "canary.pdf"
        canary.parent.mkdir(parents=True, exist_ok=True)
        canary.write_bytes(b"%PDF-1.4 must never be served")
        (Path(stack.env["MEDIA_ROOT"]) / "other.txt").write_text("not an image")
        document_file = "/media/" + facts["document"]["name"]
        for path in ("/media/documents/canary.pdf", document_file, "/media/other.txt", "/media/../manage.py"):
            status = stack.fetch(path).status
            expect(status in (400, 403, 404), f"{path}: {status}")
            note(f"{path}: {status}")
        response = stack.fetch(facts["document"]["url"])
        expect(response.status == 200, f"{facts['document']['url']}: {response.status}")
        note(f"{facts['document']['url']}: {response.status} (Wagtail's document view)")

    with Step("plain HTTP goes to HTTPS; another host name gets no answer"):
        response = stack.fetch("/en/", https=False)
        location = response.getheader("Location")
        expect(response.status == 301 and location == f"{stack.url}/en/", f"http: {response.status} {location}")
        note(f"http://{HOST}:{stack.http_port}/en/: 301 -> {location}")
        try:
            status = stack.fetch("/en/", https=False, headers={"Host": "evil.example"}).status
        except (http.client.RemoteDisconnected, ConnectionResetError):
            status = "closed"
        expect(status == "closed", f"Host: evil.example answered {status}")
        note("Host: evil.example: connection closed")


def backup_and_restore(stack):
    with Step("backup (deploy/backup.sh), restored into a fresh database (deploy/restore.sh)"):
        folder = Path(stack.run("bash", str(DEPLOY / "backup.sh")).strip().splitlines()[-1])
        note(
            f"{folder.name}: " + ", ".join(f"{p.name} {p.stat().st_size // 1024} KB" for p in sorted(folder.iterdir()))
        )
        stack.create_database(stack.restored_database)
        restored_media = stack.folder / "restored-media"
        env = {
            **stack.env,
            "DATABASE_URL": stack.database_url(stack.restored_database),
            "MEDIA_ROOT": str(restored_media),
        }
        stack.run("bash", str(DEPLOY / "restore.sh"), str(folder), env=env)
        tables = stack.psql(
            stack.database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).split()
        counts = "SELECT " + ", ".join(f"(SELECT count(*) FROM {table})" for table in tables)
        original = stack.psql(stack.database, counts).strip().split("|")
        restored = stack.psql(stack.restored_database, counts).strip().split("|")
        differ = [t for t, a, b in zip(tables, original, restored, strict=True) if a != b]
        expect(not differ, f"rows differ after restore in {differ}")
        by_table = dict(zip(tables, original, strict=True))
        files = sorted(p.relative_to(stack.env["MEDIA_ROOT"]) for p in Path(stack.env["MEDIA_ROOT"]).rglob("*"))
        files_restored = sorted(p.relative_to(restored_media) for p in restored_media.rglob("*"))
        expect(files == files_restored, "the media folder differs after restore")
        stack.manage("migrate", "--check", env=env)
        note(
            f"{len(tables)} tables with the same row counts (pages {by_table['wagtailcore_page']}, enquiries "
            f"{by_table['partners_enquiry']}), {len(files)} media files; migrate --check clean on the copy"
        )


def workers(stack):
    """The pids of gunicorn's workers (children of the master this check started)."""
    listed = stack.run("ps", "-o", "pid=", "--ppid", str(stack.processes["web"].pid))
    return [int(pid) for pid in listed.split()]


def build_and_serve(stack, check_deploy=True):
    """Everything up to the recipe answering through nginx; the demo's facts."""
    print(f"The recipe in {stack.folder}: {stack.url} (http on {stack.http_port})", flush=True)
    with Step(f"PostgreSQL database {stack.database}, Redis database {REDIS_DB}, a certificate"):
        if not stack.reuse:
            stack.create_database(stack.database)
        stack.redis.flushdb()
        stack.certificate()
    with Step("migrate, collectstatic, load_demo (production settings)"):
        if not stack.reuse:
            stack.manage("migrate", "--noinput", "--verbosity", "0")
        stack.manage("collectstatic", "--noinput", "--verbosity", "0")
        if not stack.reuse:
            stack.manage("load_demo")
        facts = demo_facts(stack)
    if check_deploy:
        with Step("check --deploy --fail-level WARNING"):
            note(stack.manage("check", "--deploy", "--fail-level", "WARNING").strip())
    with Step("nginx configuration rendered and tested (nginx -t)"):
        config = stack.render_nginx()
        run, log = stack.folder / "run", stack.folder / "log" / "nginx-error.log"
        note(stack.run(find_nginx(), "-t", "-q", "-p", str(run), "-c", str(config), "-e", str(log)).strip() or "ok")
    with Step("the processes of deploy/Procfile"):
        for name, command in read_procfile(DEPLOY / "Procfile"):
            stack.start(name, command)
            note(f"{name}: {stack.expand(command)}")
        stack.wait_until_up()
        note(f"gunicorn master {stack.processes['web'].pid}, workers {workers(stack)}")
    return facts


def stop_on_signals():
    """A TERM or HUP (CI cancelled, terminal closed) stops everything like Ctrl-C does."""
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, lambda *_: sys.exit(130))


def arguments(description):
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, config) for a look")
    parser.add_argument(
        "--reuse",
        metavar="DATABASE",
        help="while working on the check: a database (and MEDIA_ROOT from the environment) that an earlier run "
        "filled; it is neither migrated nor dropped",
    )
    return parser


def main():
    options = arguments(__doc__).parse_args()
    stop_on_signals()
    started = time.monotonic()
    try:
        preflight()
        with Stack(keep=options.keep, reuse=options.reuse) as stack:
            facts = build_and_serve(stack)
            journey(stack, facts)
            requests_checks(stack, facts)
            stack.running()
            backup_and_restore(stack)
            with Step("stop"):
                stack.stop()
                errors = [line for line in stack.log_tail("web", 10_000).splitlines() if "Traceback" in line]
                expect(not errors, f"gunicorn logged {len(errors)} tracebacks")
    except (CheckFailed, RenderError) as failure:
        print(f"\nproduction check FAILED: {failure}", file=sys.stderr)
        return 1
    print(f"\nproduction check passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`make production-faults`: faults survived by the production recipe, measured.

The recipe is started as `make production-check` starts it (deploy/Procfile on
loopback ports, PostgreSQL, Redis, the demo). Then 50 clients send mixed
traffic through nginx for 60 s (pages, the filtered catalogue, the JSON API,
static files, logos and enquiries, each enquiry with an address of its own)
while, mid-run, one gunicorn worker is killed (SIGKILL) and every database
connection of the portal is cut (pg_terminate_backend). It prints what each
kind of request got, inside and outside the seconds after each fault, and
whether every enquiry acknowledged was stored exactly once. It fails (exit 1)
on an error outside the fault windows, an acknowledged enquiry lost or stored
twice. The mail server's stall is not among the faults yet: the mail worker
(deploy/Procfile) runs beside gunicorn, and stalling its SMTP server is next.

    .venv/bin/python -m deploy.fault_check [--clients 50] [--seconds 60]
"""

import collections
import gzip
import http.client
import http.cookies
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

from deploy.mail_sink import MailSink
from deploy.production_check import (
    HOST,
    PYTHON,
    ROOT,
    CheckFailed,
    Stack,
    Step,
    arguments,
    build_and_serve,
    free_port,
    note,
    preflight,
    stop_on_signals,
    workers,
)
from deploy.render import RenderError

# Errors are expected for this long after a fault starts (seconds).
WINDOW = 8
# How long the mail may take to arrive after the run: the worker's first retry
# waits a minute, the second two (partners.mail.retry_delay).
MAIL_DEADLINE = 300
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STATIC_FILE = re.compile(r'href="(/static/[^"]+\.css)"')
LOGO = re.compile(r'src="(/media/images/[^"]+)"')


class Client(threading.Thread):
    """One visitor: a kept-alive HTTPS connection through nginx, its cookies,
    and a record of every request (kind, seconds since the start, outcome)."""

    def __init__(self, number, stack, targets, started, deadline, records):
        super().__init__(daemon=True)
        self.number = number
        self.stack = stack
        self.targets = targets
        self.started = started
        self.deadline = deadline
        self.records = records
        self.random = random.Random(number)
        self.cookies = {}
        self.connection = None
        self.sent = 0

    def connect(self):
        self.connection = http.client.HTTPSConnection(
            HOST, self.stack.https_port, timeout=40, context=self.stack.tls_context()
        )

    def request(self, method, path, body=None, headers=None):
        if self.connection is None:
            self.connect()
        headers = {"Accept-Encoding": "gzip", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            response.body = response.read()
            if response.getheader("Content-Encoding") == "gzip":
                response.body = gzip.decompress(response.body)
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(header)
            self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
        return response

    def record(self, kind, at, outcome, email=None):
        """``at``: when the request was sent; it ends now (both in seconds from the start)."""
        self.records.append((kind, (at, time.monotonic() - self.started), outcome, email))

    def visit(self, kind, path):
        at = time.monotonic() - self.started
        try:
            status = self.request("GET", path).status
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
        self.record(kind, at, status)

    def enquire(self):
        at = time.monotonic() - self.started
        self.sent += 1
        email = f"fault-{self.number}-{self.sent}@example.org"
        try:
            page = self.request("GET", self.targets["enquiry"])
            token = CSRF_INPUT.search(page.body.decode())
            if page.status != 200 or not token:
                self.record("enquiry", at, f"form {page.status}")
                return
            form = {
                "csrfmiddlewaretoken": token.group(1),
                "name": f"Client {self.number}",
                "institution": "Fault Polytechnic",
                "country": "FR",
                "email": email,
                "language": "en",
                "message": f"Enquiry {self.sent} of client {self.number}, sent while faults happen.",
                "consent": "on",
            }
            at = time.monotonic() - self.started
            response = self.request(
                "POST",
                self.targets["enquiry"],
                body=urllib.parse.urlencode(form),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": self.stack.url,
                    "Referer": self.stack.url + self.targets["enquiry"],
                },
            )
            self.record("enquiry", at, response.status, email)
        except (OSError, http.client.HTTPException) as error:
            self.record("enquiry", at, type(error).__name__, email)

    def run(self):
        kinds = ["home", "catalogue", "programme", "api", "static", "logo", "enquiry"]
        weights = [3, 4, 3, 3, 2, 2, 2]
        while time.monotonic() < self.deadline:
            kind = self.random.choices(kinds, weights)[0]
            if kind == "enquiry":
                self.enquire()
            else:
                self.visit(kind, self.targets[kind])
        if self.connection:
            self.connection.close()


def targets_of(stack, facts):
    paths = facts["paths"]
    html = stack.fetch(paths["school"], headers={"Accept-Encoding": "identity"}).body.decode()
    return {
        "home": "/en/",
        "catalogue": paths["catalogue-filtered"],
        "programme": paths["programme"],
        "api": "/api/v1/search/?q=technology&lang=fr",
        "static": STATIC_FILE.search(html).group(1),
        "logo": LOGO.search(html).group(1),
        "enquiry": paths["enquiry"],
    }


def is_error(outcome):
    return not isinstance(outcome, int) or outcome >= 500


def faults(stack, sink, started, schedule, events):
    """Kill a worker, cut the database connections, stall the mail server and
    let it go, at the scheduled seconds. Events that web requests may feel
    are recorded with ``window=True``; the mail server's stall is not one of
    them: no request waits for mail."""
    for at, name in schedule:
        time.sleep(max(0.0, started + at - time.monotonic()))
        when = time.monotonic() - started
        if name == "kill":
            victim = workers(stack)[0]
            os.kill(victim, signal.SIGKILL)
            events.append((when, f"gunicorn worker {victim} killed (SIGKILL)", True))
        elif name == "cut":
            cut = stack.psql(
                "postgres",
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                f"WHERE datname = '{stack.database}' AND pid <> pg_backend_pid()",
            ).strip()
            events.append((when, f"{cut} database connections cut (pg_terminate_backend)", True))
        elif name == "stall":
            sink.stall()
            events.append((when, "mail server stalled (takes each message, never answers)", False))
        else:
            sink.resume()
            events.append((when, "mail server answers again", False))


def stored_enquiries(stack):
    """{address: rows} of the enquiries the clients' posts left in the database."""
    rows = stack.psql(
        stack.database,
        "SELECT email, count(*) FROM partners_enquiry WHERE email LIKE 'fault-%' GROUP BY email",
    ).split()
    return {email: int(count) for email, count in (row.split("|") for row in rows)}


def expected_mail(stored):
    """Each stored enquiry's two mails: to the school (Reply-To the sender) and to the sender."""
    return {(kind, email) for email in stored for kind in ("school", "person")}


def deliver_mail(stack, sink, stored):
    """Two overlapping ``retry_enquiry_mail --now`` runs beside the worker, then
    wait until every expected mail arrived (or the deadline); a few seconds
    more catch a late second copy. Returns the seconds it took."""
    started = time.monotonic()
    command = [PYTHON, "manage.py", "retry_enquiry_mail", "--now", "--pending-after", "0"]
    runs = [
        subprocess.Popen(command, cwd=ROOT, env=stack.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for _ in range(2)
    ]
    for number, run in enumerate(runs, 1):
        output, _ = run.communicate(timeout=MAIL_DEADLINE)
        last_line = output.strip().splitlines()[-1] if output.strip() else f"exited {run.returncode}"
        note(f"retry_enquiry_mail run {number}: {last_line}")
    expected = expected_mail(stored)
    while time.monotonic() - started < MAIL_DEADLINE:
        if expected <= set(sink.delivered()):
            break
        time.sleep(2)
    time.sleep(5)
    return time.monotonic() - started


def report(sink, records, events, clients, seconds, stored, mail_seconds):
    windows = [(at, at + WINDOW) for at, _, window in events if window]

    def in_window(interval):
        """A request that was under way at some moment of a window."""
        sent, answered = interval
        return any(sent <= end and answered >= start for start, end in windows)

    print(f"\n{clients} clients for {seconds} s through nginx; faults:")
    for at, text, _ in events:
        print(f"  at {at:5.1f} s: {text}")
    print(f"\n{'requests':<11}{'sent':>7}{'ok':>7}{'errors in':>11}{'errors':>8}   outcomes")
    print(f"{'':<11}{'':>7}{'':>7}{f'{WINDOW} s after':>11}{'outside':>8}")
    totals = collections.Counter()
    for kind in ["home", "catalogue", "programme", "api", "static", "logo", "enquiry"]:
        rows = [r for r in records if r[0] == kind]
        outcomes = collections.Counter(str(r[2]) for r in rows)
        errors_in = sum(1 for r in rows if is_error(r[2]) and in_window(r[1]))
        errors_out = sum(1 for r in rows if is_error(r[2]) and not in_window(r[1]))
        ok = len(rows) - errors_in - errors_out
        totals.update(sent=len(rows), ok=ok, errors_in=errors_in, errors_out=errors_out)
        shown = ", ".join(f"{outcome}: {count}" for outcome, count in outcomes.most_common())
        print(f"{kind:<11}{len(rows):>7}{ok:>7}{errors_in:>11}{errors_out:>8}   {shown}")
    print(f"{'all':<11}{totals['sent']:>7}{totals['ok']:>7}{totals['errors_in']:>11}{totals['errors_out']:>8}")

    posted = [r for r in records if r[0] == "enquiry" and r[3]]
    acknowledged = {r[3] for r in posted if r[2] == 302}
    unanswered = {r[3] for r in posted if is_error(r[2])}
    lost = acknowledged - set(stored)
    twice = {email for email, count in stored.items() if count > 1}
    stored_unanswered = (set(stored) - acknowledged) & unanswered
    print(
        f"\nenquiries: {len(posted)} posted, {len(acknowledged)} acknowledged (302), "
        f"{sum(1 for e in acknowledged if stored.get(e) == 1)} of them stored exactly once, "
        f"{len(lost)} lost, {len(twice)} stored twice or more; "
        f"{len(unanswered)} got an error, {len(stored_unanswered)} of those stored all the same"
    )
    expected = expected_mail(stored)
    delivered = sink.delivered()
    once = sum(1 for key in expected if delivered[key] == 1)
    missing = expected - set(delivered)
    repeated = {key for key, count in delivered.items() if count > 1}
    events = sink.events()
    print(
        f"mail: {len(expected)} expected (to the school and to the sender of each stored enquiry), "
        f"{once} arrived exactly once, {len(missing)} missing, {len(repeated)} arrived twice or more; "
        f"{events['held']} held by the stalled server and refused after it, "
        f"all in by {mail_seconds:.0f} s after the run"
    )
    outside = totals["errors_out"]
    failures = []
    if outside:
        failures.append(f"{outside} errors outside the fault windows")
    if lost or twice:
        failures.append(f"{len(lost)} acknowledged enquiries lost, {len(twice)} stored twice")
    if missing or repeated:
        failures.append(f"{len(missing)} mails missing, {len(repeated)} sent twice")
    return failures


def main():
    parser = arguments(__doc__)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    options = parser.parse_args()
    stop_on_signals()
    try:
        preflight()
        with MailSink(free_port()) as sink, Stack(keep=options.keep, reuse=options.reuse) as stack:
            # Every client comes from 127.0.0.1 and writes to one school: the rate
            # limits (per address, per school) would stop the enquiries.
            stack.env.update(ENQUIRY_RATE_LIMIT="1000000", ENQUIRY_SCHOOL_RATE_LIMIT="1000000")
            # The recipe's mail worker sends through the stallable server (EMAIL_TIMEOUT as in the recipe).
            stack.env.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(sink.port), EMAIL_USE_TLS="", EMAIL_HOST_USER="")
            facts = build_and_serve(stack, check_deploy=False)
            targets = targets_of(stack, facts)
            records, events = [], []
            seconds = options.seconds
            schedule = [
                (seconds * 0.2, "kill"),
                (seconds * 0.45, "cut"),
                (seconds * 0.65, "stall"),
                (seconds * 0.9, "resume"),
            ]
            with Step(
                f"{options.clients} clients for {seconds} s: a worker killed, the database cut, the mail server stalled"
            ):
                started = time.monotonic()
                clients = [
                    Client(n, stack, targets, started, started + seconds, records) for n in range(options.clients)
                ]
                for client in clients:
                    client.start()
                faults(stack, sink, started, schedule, events)
                for client in clients:
                    client.join(timeout=seconds + 60)
                stack.running()
                note(f"gunicorn workers after the run: {workers(stack)}")
            stored = stored_enquiries(stack)
            with Step("every stored enquiry's mail: two retry_enquiry_mail runs at once beside the worker"):
                mail_seconds = deliver_mail(stack, sink, stored)
            failures = report(sink, records, events, options.clients, seconds, stored, mail_seconds)
    except (CheckFailed, RenderError) as failure:
        print(f"\nfault check FAILED: {failure}", file=sys.stderr)
        return 1
    if failures:
        print("\nfault check FAILED: " + "; ".join(failures), file=sys.stderr)
        return 1
    print("\nfault check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

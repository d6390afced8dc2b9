#!/usr/bin/env python
"""Load and scale measurements of every public page type (see benchmarks/README.md).

For each size (1x = 300 schools, 3,000 programmes, 1,000 partners; then 10x) it
builds a fresh SQLite database, serves the portal with gunicorn on 127.0.0.1,
and measures from a second process (wrk, or a Python load loop when wrk is
missing) requests per second and p50/p95 latency of: a minimal Django view
(the ceiling), the home page, the catalogue (without filters, with three
facets, with a text query, with both), a programme page in English and in
Arabic, the school and partner directories and profiles, the site search and
the progress page, each without and with the anonymous page cache. Beside
them, each page's SQL queries and HTML bytes. Both processes share the
machine's cores, and its speed drifts over a run: each page is measured in
short rounds, each right after the ceiling, and its share is the median of
the rounds' shares. Compare shares, not absolute figures.

    .venv/bin/python benchmarks/run.py            # 1x then 10x
    .venv/bin/python benchmarks/run.py --quick    # a small run (about a minute)
    .venv/bin/python benchmarks/run.py --sizes 1  # 1x only
    .venv/bin/python benchmarks/run.py --sizes 1,10 --database 1x.sqlite3 --database 10x.sqlite3
    .venv/bin/python benchmarks/run.py --rounds 5 --duration 4 --json figures.json
"""

import argparse
import functools
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BASE_SIZE = {"schools": 300, "programmes": 3000, "partners": 1000}
QUICK_SIZE = {"schools": 30, "programmes": 300, "partners": 100}
CEILING_NAME = "minimal Django view (ceiling)"
CEILING_PATH = "/benchmark/minimal/"

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %d %d %f %f %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), errors))
end
"""

# Run in a shell of the benchmark's database: the pages to measure (benchmarks/pages.py).
PICK_PAGES = r"""
import json
from benchmarks.pages import pick_pages
print(json.dumps(pick_pages()))
"""

# Run in a shell of the benchmark's database: SQL queries and HTML bytes of each
# page, read with Django's test client on the second request (the first warms
# the process's caches, as a running worker's are), with the page caches off,
# then the queries of the same request with them on.
COUNT_PAGES = r"""
import json, sys
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
paths = json.loads(sys.stdin.read())
client = Client(HTTP_HOST="127.0.0.1")
found = {}
for cached in (False, True):
    settings.CATALOGUE_PAGE_CACHE = settings.PAGE_CACHE = cached
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if cached:
            found[path]["cached_queries"] = len(queries)
        else:
            found[path] = {"queries": len(queries), "bytes": len(response.content), "status": response.status_code}
print(json.dumps(found))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_wrk(install):
    wrk = shutil.which("wrk")
    if wrk or not install:
        return wrk
    print("wrk not found: trying apt-get install -y wrk", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], capture_output=True)
    return shutil.which("wrk")


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def shell_json(env, code, given=None):
    """What ``code`` prints last as JSON, run in ``manage.py shell`` on the
    benchmark's database (``given`` as JSON on its standard input)."""
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        input=None if given is None else json.dumps(given),
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def build_database(env, size):
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "setup_site")
    manage(
        env,
        "generate_catalogue",
        "--schools",
        str(size["schools"]),
        "--programmes",
        str(size["programmes"]),
        "--partners",
        str(size["partners"]),
    )
    return time.monotonic() - started


def start_server(env, port, workers):
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/benchmark/minimal/")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def _get(port, path):
    """The worker (``X-Benchmark-Worker``, see ``benchmarks.middleware``) that answered."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit(f"{path} answered {response.status}")
    return response.getheader("X-Benchmark-Worker")


def warm_up(port, path, workers, count=10):
    """Requests before a measurement, until every worker has answered this
    page at least twice (and ``count`` requests in all): its first request
    builds what a worker keeps (the facet index, the text matches, the values
    of the public version), over a second at 10x, which wrk would count as an
    error (its timeout is 2 s) were it in the measurement. The requests go
    one at a time, then as many at once as there are workers, so that while
    a worker is busy another takes one."""
    answered = {}
    lock = threading.Lock()

    def get():
        worker = _get(port, path)
        with lock:
            answered[worker] = answered.get(worker, 0) + 1

    for _ in range(count):
        get()
    for _ in range(50):
        if len(answered) >= workers and min(answered.values()) >= 2:
            return
        threads = [threading.Thread(target=get) for _ in range(2 * workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    print(f"   warning: only {len(answered)} of {workers} workers answered {path} before the measurement", flush=True)


def measure_wrk(wrk, script, port, path, duration, connections):
    output = subprocess.run(
        [wrk, "-t2", f"-c{connections}", f"-d{duration}s", "-s", script, f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    _tag, requests, duration_us, p50, p95, errors = line.split()
    return {
        "rps": int(requests) / (int(duration_us) / 1e6),
        "p50": float(p50) / 1000,
        "p95": float(p95) / 1000,
        "errors": int(errors),
    }


def measure_python(port, path, duration, connections):
    """A plain load loop in this process (threads, keep-alive) when wrk is absent."""
    latencies = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors[0] += 1
            except OSError:
                errors[0] += 1
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    if not latencies:
        return {"rps": 0.0, "p50": 0.0, "p95": 0.0, "errors": errors[0]}
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "errors": errors[0],
    }


def measure(path, port, args, wrk, script):
    if wrk:
        return measure_wrk(wrk, script, port, path, args.duration, args.connections)
    return measure_python(port, path, args.duration, args.connections)


def measure_beside_ceiling(path, count, measure_path):
    """The page measured in ``count`` short rounds, each right after the
    ceiling (the minimal view on the same server): the machine's speed drifts
    over a run (other work on a shared host, its clock), so each round's
    share is the page against the ceiling measured beside it, and the figures
    are the medians of the rounds."""
    rounds = []
    for _ in range(count):
        ceiling = measure_path(CEILING_PATH)
        page = measure_path(path)
        rounds.append((ceiling, page, 100 * page["rps"] / ceiling["rps"] if ceiling["rps"] else 0.0))
    return {
        "rps": statistics.median(page["rps"] for _c, page, _s in rounds),
        "p50": statistics.median(page["p50"] for _c, page, _s in rounds),
        "p95": statistics.median(page["p95"] for _c, page, _s in rounds),
        "errors": sum(page["errors"] for _c, page, _s in rounds),
        "share": statistics.median(share for _c, _p, share in rounds),
        "shares": [share for _c, _p, share in rounds],
        "ceiling_rps": statistics.median(ceiling["rps"] for ceiling, _p, _s in rounds),
        "ceilings": [ceiling for ceiling, _p, _s in rounds],
    }


def run_size(label, size, args, wrk, script, database=None):
    workdir = Path(tempfile.mkdtemp(prefix="portal-benchmark-"))
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        DATABASE_URL=f"sqlite:///{workdir / 'benchmark.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        PYTHONPATH=str(ROOT),
    )
    env.pop("ELASTICSEARCH_URL", None)
    print(
        f"\n== {label}: {size['schools']} schools, {size['programmes']} programmes, {size['partners']} partners",
        flush=True,
    )
    if database:
        shutil.copy(database, workdir / "benchmark.sqlite3")
        print(f"   using a copy of {database}", flush=True)
    else:
        seconds = build_database(env, size)
        print(f"   database built in {seconds:.0f} s ({workdir})", flush=True)
    pages = [tuple(page) for page in shell_json(env, PICK_PAGES)]
    counts = shell_json(env, COUNT_PAGES, [path for _name, path in pages])
    rows = []
    for cached in (False, True):
        env["BENCHMARK_CACHE"] = "1" if cached else "0"
        mode = "cached" if cached else "uncached"
        port = free_port()
        server = start_server(env, port, args.workers)
        ceilings = []
        measure_path = functools.partial(measure, port=port, args=args, wrk=wrk, script=script)
        try:
            warm_up(port, CEILING_PATH, args.workers)
            for name, path in pages:
                warm_up(port, path, args.workers)
                figures = measure_beside_ceiling(path, args.rounds, measure_path)
                ceilings.extend(figures.pop("ceilings"))
                count = dict(counts.get(path, {}))
                if cached and "cached_queries" in count:
                    count["queries"] = count["cached_queries"]
                rows.append({"page": name, "mode": mode, "path": path, **figures, **count})
                print(
                    f"   {name:34s} {mode:9s} {figures['rps']:8.1f} req/s, "
                    f"{figures['share']:5.1f} % of {figures['ceiling_rps']:.0f} "
                    f"(rounds: {', '.join(f'{share:.1f}' for share in figures['shares'])})",
                    flush=True,
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
        ceiling_rps = statistics.median(c["rps"] for c in ceilings)
        rows.insert(
            len(rows) - len(pages),
            {
                "page": CEILING_NAME,
                "mode": mode,
                "path": CEILING_PATH,
                "rps": ceiling_rps,
                "p50": statistics.median(c["p50"] for c in ceilings),
                "p95": statistics.median(c["p95"] for c in ceilings),
                "errors": sum(c["errors"] for c in ceilings),
                "share": 100.0,
                "ceiling_rps": ceiling_rps,
                "shares": [],
            },
        )
    shutil.rmtree(workdir, ignore_errors=True)
    return rows


def print_table(label, rows):
    print(f"\n{label}")
    print(
        f"| {'page':34s} | {'cache':8s} | {'req/s':>8s} | {'p50 ms':>7s} | {'p95 ms':>7s} | {'ceiling req/s':>13s} "
        f"| {'share of ceiling':>16s} | {'SQL':>4s} | {'HTML KB':>7s} |"
    )
    print(f"|{'-' * 36}|{'-' * 10}|{'-' * 10}|{'-' * 9}|{'-' * 9}|{'-' * 15}|{'-' * 18}|{'-' * 6}|{'-' * 9}|")
    for row in rows:
        errors = f" ({row['errors']} errors)" if row["errors"] else ""
        queries = str(row["queries"]) if "queries" in row else "-"
        weight = f"{row['bytes'] / 1024:.1f}" if "bytes" in row else "-"
        print(
            f"| {row['page']:34s} | {row['mode']:8s} | {row['rps']:8.1f} | {row['p50']:7.1f} | {row['p95']:7.1f} | "
            f"{row['ceiling_rps']:13.1f} | {row['share']:15.1f}% | {queries:>4s} | {weight:>7s} |{errors}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="A small catalogue (1/10 of 1x) and short measurements.")
    parser.add_argument("--sizes", default="1,10", help="Multiples of 1x to run, e.g. 1 or 1,10 (default).")
    parser.add_argument(
        "--duration",
        type=int,
        default=None,
        help="Seconds of load per page and round, and per ceiling (default 3, quick 2).",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="Rounds per page, each the ceiling then the page (default 3; the median is shown).",
    )
    parser.add_argument("--connections", type=int, default=8, help="Concurrent connections (default 8).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")
    parser.add_argument(
        "--database",
        action="append",
        default=[],
        help="Measure a copy of this SQLite database instead of building one; give it once per size, "
        "in the order of --sizes.",
    )
    parser.add_argument("--json", help="Also write the figures of every size to this file.")
    parser.add_argument("--no-install", action="store_true", help="Do not try to apt-get install wrk.")
    args = parser.parse_args()
    args.duration = args.duration or (2 if args.quick else 3)
    base = QUICK_SIZE if args.quick else BASE_SIZE
    wrk = find_wrk(install=not args.no_install)
    print(
        f"load tool: {wrk or 'Python load loop (wrk not found)'}; "
        f"{args.connections} connections; per page {args.rounds} rounds of {args.duration} s on the ceiling, "
        f"then {args.duration} s on the page"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script_file:
        script_file.write(WRK_SCRIPT)
    results = {}
    multiples = [int(m) for m in args.sizes.split(",") if m.strip()]
    if args.database and len(args.database) != len(multiples):
        parser.error("give --database once per size in --sizes")
    for number, multiple in enumerate(multiples):
        size = {key: value * multiple for key, value in base.items()}
        label = f"{multiple}x ({size['programmes']} programmes)"
        database = args.database[number] if args.database else None
        results[label] = run_size(label, size, args, wrk, script_file.name, database)
        print_table(label, results[label])
    os.unlink(script_file.name)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    labels = list(results)
    if len(labels) > 1:
        first, last = results[labels[0]], results[labels[-1]]
        print(f"\np95 growth from {labels[0]} to {labels[-1]}:")
        for row in first:
            if row["page"] != CEILING_NAME:
                other = next(r for r in last if r["page"] == row["page"] and r["mode"] == row["mode"])
                print(
                    f"  {row['page']:34s} {row['mode']:8s} {row['p95']:7.1f} ms -> {other['p95']:7.1f} ms "
                    f"({other['p95'] / row['p95']:.2f}x)"
                )


if __name__ == "__main__":
    main()

#!/usr/bin/env python
"""Where an uncached public page spends its time: each page type of the
benchmark (benchmarks/pages.py) requested with Django's test client in this
process, with the page caches off, on a database built by ``run.py`` or
``generate_catalogue`` (see benchmarks/README.md).

Per page it prints the processor time of one request (the fastest and the
median of ``--repeat`` requests after two warm-up requests, which fill the
process's caches as a running worker's are; processor time, not wall-clock
time, so that waiting for a core on a shared machine is left out), its SQL
queries, and then, from ``cProfile``
over ``--profile`` more requests, the functions with the most cumulative and
the most own time, per request.

    .venv/bin/python benchmarks/profile_pages.py --database 1x.sqlite3
    .venv/bin/python benchmarks/profile_pages.py --database 1x.sqlite3 --page programme --top 40
    .venv/bin/python benchmarks/profile_pages.py --database 1x.sqlite3 --database 10x.sqlite3 --timing-only
    .venv/bin/python benchmarks/profile_pages.py --database 1x.sqlite3 --page "school directory" --dump /tmp/dir.prof
"""

import argparse
import cProfile
import json
import os
import pstats
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(database):
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(database).resolve()}"
    os.environ["BENCHMARK_CACHE"] = "0"
    os.environ.pop("ELASTICSEARCH_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def request_once(client, path):
    # Processor time of this process: what other work on a shared machine
    # does to wall-clock time (waiting for a core) is left out.
    started = time.process_time()
    response = client.get(path)
    elapsed = time.process_time() - started
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return elapsed


def short_name(function):
    filename, line, name = function
    for marker in ("site-packages/", "/lib/python3"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            break
    else:
        filename = filename.replace(str(ROOT) + "/", "")
    return f"{filename}:{line}({name})" if line else name


def profile_text(profile, requests, sort, top, only=None):
    """The ``top`` functions by cumulative or own time, per request, in ms
    (with ``only``, those whose file and name match that regular expression)."""
    stats = pstats.Stats(profile).stats
    rows = []
    for function, (_primitive, calls, own, cumulative, _callers) in stats.items():
        if only and not re.search(only, short_name(function)):
            continue
        rows.append((calls / requests, own * 1000 / requests, cumulative * 1000 / requests, short_name(function)))
    rows.sort(key=lambda row: row[2] if sort == "cumulative" else row[1], reverse=True)
    lines = [f"  {'calls':>8s} {'own ms':>8s} {'cum ms':>8s}  function"]
    lines += [f"  {calls:8.1f} {own:8.2f} {cumulative:8.2f}  {name}" for calls, own, cumulative, name in rows[:top]]
    return "\n".join(lines)


class TemplateTimer:
    """Time spent in each template tag and variable (``{% ... %}`` or
    ``{{ ... }}`` at a line of a template), own (without the tags inside it)
    and with them: which part of a template costs what, which cProfile,
    where every tag is the same few functions, cannot tell."""

    def __init__(self):
        from django.template.base import Node

        self.node_class = Node
        self.original = Node.render_annotated
        self.figures = {}
        self.stack = []

    def __enter__(self):
        timer = self

        def render_annotated(node, context):
            started = time.perf_counter()
            timer.stack.append(0.0)
            try:
                return timer.original(node, context)
            finally:
                elapsed = time.perf_counter() - started
                inner = timer.stack.pop()
                if timer.stack:
                    timer.stack[-1] += elapsed
                token = node.token
                origin = getattr(node, "origin", None)
                key = (
                    getattr(origin, "template_name", None) or "?",
                    getattr(token, "lineno", 0),
                    (token.contents if token is not None else type(node).__name__)[:70],
                )
                figure = timer.figures.setdefault(key, [0, 0.0, 0.0])
                figure[0] += 1
                figure[1] += elapsed
                figure[2] += elapsed - inner

        self.node_class.render_annotated = render_annotated
        return self

    def __exit__(self, *_exc):
        self.node_class.render_annotated = self.original

    def text(self, requests, top):
        lines = []
        for title, column in (("own time", 2), ("with what is inside", 1)):
            rows = sorted(self.figures.items(), key=lambda item: item[1][column], reverse=True)[:top]
            lines.append(f"\n  template nodes by {title}, per request (of {requests}):")
            lines.append(f"  {'calls':>8s} {'own ms':>8s} {'cum ms':>8s}  template:line  node")
            for (name, line, contents), (calls, inclusive, own) in rows:
                lines.append(
                    f"  {calls / requests:8.1f} {own * 1000 / requests:8.2f} {inclusive * 1000 / requests:8.2f}"
                    f"  {name}:{line}  {contents}"
                )
        return "\n".join(lines)


def measure(database, wanted, args):
    """Measure the pages of one database: run in a process of its own, since
    Django's settings are set once per process."""
    setup_django(database)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from benchmarks.pages import pick_pages

    client = Client(HTTP_HOST="127.0.0.1")
    results = []
    for name, path in pick_pages():
        if wanted and not any(word.lower() in name.lower() for word in wanted):
            continue
        for _ in range(2):
            request_once(client, path)
        with CaptureQueriesContext(connection) as queries:
            request_once(client, path)
        # Counted now: the next request empties Django's log of queries.
        query_count = len(queries)
        times = [request_once(client, path) for _ in range(args.repeat)]
        row = {
            "page": name,
            "path": path,
            "queries": query_count,
            "min_ms": min(times) * 1000,
            "median_ms": statistics.median(times) * 1000,
        }
        results.append(row)
        print(f"{name:34s} {row['min_ms']:7.1f} ms (median {row['median_ms']:7.1f})  {row['queries']} SQL  {path}")
        if args.timing_only:
            continue
        if args.templates:
            with TemplateTimer() as timer:
                for _ in range(args.profile):
                    client.get(path)
            print(timer.text(args.profile, args.top))
            print()
            continue
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.profile):
            client.get(path)
        profile.disable()
        if args.dump:
            profile.dump_stats(args.dump if len(wanted) == 1 else f"{args.dump}.{len(results)}")
        print(f"\n  cumulative, per request (of {args.profile}):")
        print(profile_text(profile, args.profile, "cumulative", args.top, args.only))
        print(f"\n  own time, per request (of {args.profile}):")
        print(profile_text(profile, args.profile, "tottime", args.top))
        print()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--database",
        action="append",
        required=True,
        help="A SQLite database built by run.py or generate_catalogue; give several to compare sizes.",
    )
    parser.add_argument("--page", action="append", default=[], help="Only pages whose name contains this (repeat).")
    parser.add_argument("--repeat", type=int, default=10, help="Timed requests per page (default 10).")
    parser.add_argument("--profile", type=int, default=5, help="Profiled requests per page (default 5).")
    parser.add_argument("--top", type=int, default=25, help="Functions listed per table (default 25).")
    parser.add_argument(
        "--only",
        help="In the cumulative table, only functions whose file:line(name) matches this regular expression "
        '(e.g. "^(portal|programmes|partners|search|ministry)/|templatetags").',
    )
    parser.add_argument(
        "--templates",
        action="store_true",
        help="Instead of cProfile, the time of each template tag and variable (own and with what is inside).",
    )
    parser.add_argument("--timing-only", action="store_true", help="Times and queries only, no profile.")
    parser.add_argument("--dump", help="Write the cProfile data here (for snakeviz, gprof2dot…).")
    parser.add_argument("--json", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if len(args.database) == 1:
        results = measure(args.database[0], args.page, args)
        if args.json:
            Path(args.json).write_text(json.dumps(results))
        return
    # Several databases: one process each, then the growth from the first to the last.
    everything = []
    for database in args.database:
        print(f"\n== {database}", flush=True)
        output = Path(f"{database}.profile.json")
        command = [sys.executable, __file__, "--database", database, "--json", str(output)]
        command += [f"--page={page}" for page in args.page]
        command += [f"--only={args.only}"] if args.only else []
        command += ["--repeat", str(args.repeat), "--profile", str(args.profile), "--top", str(args.top)]
        if args.timing_only:
            command.append("--timing-only")
        if args.templates:
            command.append("--templates")
        subprocess.run(command, check=True)
        everything.append(json.loads(output.read_text()))
        output.unlink()
    first, last = everything[0], everything[-1]
    print(f"\nfastest request, {args.database[0]} -> {args.database[-1]}:")
    for row in first:
        other = next((r for r in last if r["page"] == row["page"]), None)
        if other:
            print(
                f"  {row['page']:34s} {row['min_ms']:7.1f} ms -> {other['min_ms']:7.1f} ms "
                f"({other['min_ms'] / row['min_ms']:.2f}x)  SQL {row['queries']} -> {other['queries']}"
            )


if __name__ == "__main__":
    main()

"""Lighthouse scores of the pages a foreign partner lands on (`make lighthouse`).

Builds a fresh demo database, serves it on a free port of 127.0.0.1 (see
benchmarks/demo_server.py), and runs Lighthouse from node_modules (npm ci, `make
browser-deps`) with Debian's Chromium on the home page, the catalogue and a
programme page in en and ar, mobile profile (Lighthouse's default: an emulated
phone on a throttled network). Prints the four scores per page and, for the
scores under 1, the audits that cost points; the reports go to
test-artifacts/lighthouse/ (JSON and HTML). Issue 10 aims at >= 0.95 for
accessibility, best practices and SEO. Not part of the test run.

    .venv/bin/python -m benchmarks.lighthouse [--pages home,catalogue,programme] [--languages en,ar]
"""

import argparse
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from benchmarks.demo_server import ROOT, DemoServer

CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
)
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["accessibility", "best-practices", "seo", "performance"]
TARGET = 0.95
OUTPUT = ROOT / "test-artifacts" / "lighthouse"


def run_lighthouse(url, name):
    base = OUTPUT / name
    subprocess.run(
        [
            shutil.which("node") or "node",
            str(LIGHTHOUSE),
            url,
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            "--output=html",
            f"--output-path={base}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        timeout=300,
    )
    return json.loads(Path(f"{base}.report.json").read_text())


def losses(report, category):
    """The audits of ``category`` that cost points, worst first."""
    refs = report["categories"][category]["auditRefs"]
    audits = report["audits"]
    lost = [
        (ref["weight"] * (1 - (audits[ref["id"]]["score"] or 0)), ref["id"])
        for ref in refs
        if ref["weight"] and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]
    return [audit for _weight, audit in sorted(lost, reverse=True)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default="home,catalogue,programme")
    parser.add_argument("--languages", default="en,ar")
    options = parser.parse_args()
    if not LIGHTHOUSE.exists() or not os.path.exists(CHROMIUM):
        raise SystemExit("Lighthouse or Chromium is missing: run make browser-deps")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    rows = []
    with DemoServer() as server:
        for language in options.languages.split(","):
            for page in options.pages.split(","):
                started = time.monotonic()
                report = run_lighthouse(server.address(language, page), f"{page}-{language}")
                scores = {category: report["categories"][category]["score"] for category in CATEGORIES}
                notes = {
                    category: losses(report, category)
                    for category in CATEGORIES
                    if scores[category] is not None and scores[category] < 1
                }
                rows.append((f"{page} ({language})", scores, notes, time.monotonic() - started))

    print(f"\n{'page':<22}" + "".join(f"{category:>16}" for category in CATEGORIES))
    for label, scores, _notes, _seconds in rows:
        cells = "".join(f"{'-' if scores[c] is None else f'{scores[c]:.2f}':>16}" for c in CATEGORIES)
        print(f"{label:<22}{cells}")
    print(f"\nAim (issue 10): >= {TARGET} for accessibility, best practices and SEO. Reports: {OUTPUT}")
    for label, scores, notes, seconds in rows:
        for category, audits in notes.items():
            print(f"  {label}, {category} {scores[category]:.2f}: {', '.join(audits[:6])}")
        print(f"  {label}: {seconds:.0f} s")
    below = [label for label, scores, _n, _s in rows if any((scores[c] or 0) < TARGET for c in CATEGORIES[:3])]
    if below:
        print(f"\nUnder {TARGET} in accessibility, best practices or SEO: {', '.join(below)}")


if __name__ == "__main__":
    main()

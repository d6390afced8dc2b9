#!/usr/bin/env python
"""How well the catalogue's search finds what people look for: a judged query
set (``tests/data/relevance/queries.yaml``) over a fixed catalogue of
programmes (``tests/data/relevance/catalogue.yaml``), measured as recall@10,
mean reciprocal rank and the share of queries that find nothing, per language,
per kind of query and overall. See benchmarks/README.md.

    .venv/bin/python benchmarks/relevance.py               # the configured database and engine
    .venv/bin/python benchmarks/relevance.py --verbose     # and every query that missed
    .venv/bin/python benchmarks/relevance.py --database sqlite --database postgres://postgres@127.0.0.1:5432/portal_relevance

It builds the catalogue in a throwaway database (the test runner's: SQLite in
memory by default, ``test_<name>`` on PostgreSQL when ``DATABASE_URL`` points
there): published pages added in bulk the way ``manage.py generate_catalogue``
adds them, then indexed by the engine in use (``rebuild``; Elasticsearch when
``ELASTICSEARCH_URL`` is set). It then asks each query through
``search.service.search_catalogue`` with the checked query the catalogue page
builds (``CatalogueQuery.from_querydict``), in the query's language. It is a
measurement: it prints figures and never fails on them.
"""

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "relevance"
CATALOGUE_FILE = DATA / "catalogue.yaml"
QUERIES_FILE = DATA / "queries.yaml"
LANGUAGES = ["en", "zh-hans", "fr", "es", "ru", "ar"]
KINDS = {
    "exact": "exact specialty or programme name",
    "word_form": "plural or other word form",
    "typo": "misspelt word",
    "abbreviation": "abbreviation or short form",
    "synonym": "synonym or near-synonym",
    "substring": "Chinese word inside a longer name",
    "cross_language": "query in another language than the programme's text",
    "topic": "plain topic words",
}
CUTOFF = 10

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# --- the data ---------------------------------------------------------------------


def read_yaml(path):
    import yaml

    with open(path, encoding="utf-8") as stream:
        return yaml.safe_load(stream)


@dataclass(frozen=True)
class Query:
    """One judged query: its text, language and kind, the keys of the
    programmes a searcher typing it wants (all of them count as relevant) and,
    for an exact name, the programmes of which one must come first."""

    id: str
    language: str
    text: str
    kind: str
    relevant: frozenset
    first: frozenset = frozenset()
    note: str = ""


def load_catalogue(path=CATALOGUE_FILE):
    return read_yaml(path)


def load_queries(catalogue, path=QUERIES_FILE):
    """The queries with their relevant programme keys: the keys a query names
    (``relevant``, and ``first``: the programmes bearing the exact name asked
    for, one of which must come first), plus every programme of the
    specialties it names (``relevant_specialties``), less ``not_relevant``.
    Raises ``ValueError`` when a query names a key or a specialty the
    catalogue does not have, or ends up with nothing relevant."""
    by_specialty = {}
    for programme in catalogue["programmes"]:
        for specialty in programme["specialties"]:
            by_specialty.setdefault(specialty, set()).add(programme["key"])
    keys = {programme["key"] for programme in catalogue["programmes"]}
    queries = []
    problems = []
    for row in read_yaml(path):
        first = set(row.get("first") or [])
        relevant = set(row.get("relevant") or []) | first
        for key in relevant - keys:
            problems.append(f"{row['id']}: unknown programme {key!r}")
        for specialty in row.get("relevant_specialties") or []:
            if specialty not in by_specialty:
                problems.append(f"{row['id']}: no programme of the specialty {specialty!r}")
            relevant |= by_specialty.get(specialty, set())
        relevant -= set(row.get("not_relevant") or [])
        if not relevant:
            problems.append(f"{row['id']}: nothing relevant")
        queries.append(
            Query(
                id=row["id"],
                language=row["language"],
                text=row["query"],
                kind=row["kind"],
                relevant=frozenset(relevant),
                first=frozenset(first),
                note=row.get("note", ""),
            )
        )
    if problems:
        raise ValueError("The query set does not fit the catalogue:\n  " + "\n  ".join(problems))
    return queries


def subset(catalogue, queries, per_language=1, distractors=10):
    """A small catalogue and query set for a quick run: the first
    ``per_language`` queries of each language, every programme relevant to
    them, and ``distractors`` other programmes."""
    chosen = []
    for language in LANGUAGES:
        chosen += [query for query in queries if query.language == language][:per_language]
    wanted = set().union(*(query.relevant for query in chosen))
    others = [programme for programme in catalogue["programmes"] if programme["key"] not in wanted]
    wanted |= {programme["key"] for programme in others[:distractors]}
    programmes = [programme for programme in catalogue["programmes"] if programme["key"] in wanted]
    schools = {programme["school"] for programme in programmes}
    small = {
        "schools": [school for school in catalogue["schools"] if school["key"] in schools],
        "programmes": programmes,
    }
    return small, chosen


# --- building the catalogue -------------------------------------------------------


def _translated(field_name, values):
    """``{field_xx: value}`` for each language given (``zh-hans`` -> ``_zh_hans``)."""
    return {f"{field_name}_{language.replace('-', '_')}": value for language, value in values.items()}


def build_catalogue(catalogue):
    """Publish the catalogue's schools and programmes, rebuild the search
    index of the engine in use from the database, and return
    ``{programme key: page id}``.

    Pages are added with the bulk path of ``manage.py generate_catalogue``
    (``portal.demo.catalogue.PageRows``: live pages in the tree with their URL
    paths and a published revision, as publishing leaves them) in seconds,
    where publishing 350 pages one by one takes minutes; the index is then
    built by the engine itself (``rebuild``), as ``manage.py catalogue_index
    rebuild`` does."""
    from django.utils import translation

    from portal.demo.catalogue import PageRows
    from portal.site_tree import ensure_site_tree
    from programmes.models import (
        FieldOfStudy,
        Level,
        ProgrammePage,
        ProgrammeStatus,
        Province,
        SchoolIndexPage,
        SchoolPage,
    )
    from search.engines import get_engine
    from search.page_cache import invalidate_catalogue_cache

    with translation.override("en"):
        ensure_site_tree()
        school_index = SchoolIndexPage.objects.get()
        provinces = {province.code: province for province in Province.objects.all()}
        fields = {field.code: field for field in FieldOfStudy.objects.all()}
        school_rows = PageRows(SchoolPage)
        schools = {}
        for school in catalogue["schools"]:
            page = SchoolPage(
                official_name_zh=school["name"]["zh-hans"],
                province=provinces[school["province"]],
                level=Level.HIGHER,
                contact_email=f"{school['key']}@example.org",
                contact_language="zh-hans",
                is_sample=True,
            )
            schools[school["key"]] = school_rows.add(page, school_index, f"relevance-{school['key']}", school["name"])
        school_rows.insert()
        school_rows.publish()

        programme_rows = PageRows(ProgrammePage)
        pages = {}
        for programme in catalogue["programmes"]:
            page = ProgrammePage(
                programme_type=programme["type"],
                level=Level.HIGHER,
                delivery_country=programme["country"],
                status=ProgrammeStatus.OPEN,
                is_sample=True,
                **_translated("description", programme.get("description") or {}),
            )
            # A programme published only in Chinese carries its Chinese title in
            # the default language's column too, as the demo's pages do.
            titles = {"en": programme["title"].get("en") or programme["title"]["zh-hans"], **programme["title"]}
            page.field_codes = [programme["field"]]
            pages[programme["key"]] = programme_rows.add(
                page, schools[programme["school"]], f"relevance-{programme['key']}", titles
            )
        programme_rows.insert()
        programme_rows.set_many_to_many("fields_of_study", lambda page: [fields[code] for code in page.field_codes])
        programme_rows.publish()
    get_engine().rebuild()
    invalidate_catalogue_cache()
    return {key: page.pk for key, page in pages.items()}


# --- measuring --------------------------------------------------------------------


@dataclass
class Outcome:
    """What one query returned, judged."""

    query: Query
    total: int
    returned: list  # programme keys of the first page, in order (None: not in the catalogue)
    titles: list
    fuzzy: bool

    @property
    def top(self):
        return self.returned[:CUTOFF]

    @property
    def recall(self):
        found = len(self.query.relevant.intersection(self.top))
        return found / min(len(self.query.relevant), CUTOFF)

    @property
    def first_relevant_rank(self):
        """Rank (from 1) of the first relevant programme in the top ``CUTOFF``, or None."""
        for rank, key in enumerate(self.top, start=1):
            if key in self.query.relevant:
                return rank
        return None

    @property
    def reciprocal_rank(self):
        rank = self.first_relevant_rank
        return 1 / rank if rank else 0.0

    @property
    def first_is_right(self):
        """Whether the first result is one of the programmes that must come first."""
        return bool(self.returned) and self.returned[0] in self.query.first

    @property
    def missed(self):
        return self.recall < 1 or self.reciprocal_rank < 1 or (bool(self.query.first) and not self.first_is_right)


def ask(query, keys_by_id):
    """Ask one query the way the catalogue page does, in the query's language."""
    from django.http import QueryDict
    from django.utils import translation

    from search.parameters import CatalogueQuery
    from search.service import search_catalogue

    params = QueryDict(mutable=True)
    params["q"] = query.text
    with translation.override(query.language):
        checked = CatalogueQuery.from_querydict(params)
        results = search_catalogue(query=checked, language=translation.get_language())
    return Outcome(
        query=query,
        total=results.total,
        returned=[keys_by_id.get(entry.pk) for entry in results.programmes],
        titles=[entry.title for entry in results.programmes],
        fuzzy=getattr(results, "fuzzy", False),
    )


def measure(queries, ids):
    keys_by_id = {page_id: key for key, page_id in ids.items()}
    return [ask(query, keys_by_id) for query in queries]


def figures(label, outcomes):
    """The figures of a group of queries: how many, mean recall@10, MRR, the
    share with no result, and how many of those that name the programme that
    must come first (``first``) have it first."""
    count = len(outcomes)
    judged_first = [outcome for outcome in outcomes if outcome.query.first]
    return {
        "label": label,
        "queries": count,
        "recall": sum(outcome.recall for outcome in outcomes) / count if count else 0.0,
        "mrr": sum(outcome.reciprocal_rank for outcome in outcomes) / count if count else 0.0,
        "zero": sum(1 for outcome in outcomes if outcome.total == 0) / count if count else 0.0,
        "first": sum(1 for outcome in judged_first if outcome.first_is_right),
        "first_of": len(judged_first),
    }


def summary(outcomes):
    """The figures per language, per kind of query and overall."""
    return {
        "languages": [
            figures(language, [outcome for outcome in outcomes if outcome.query.language == language])
            for language in LANGUAGES
        ],
        "kinds": [
            figures(kind, [outcome for outcome in outcomes if outcome.query.kind == kind])
            for kind in KINDS
            if any(outcome.query.kind == kind for outcome in outcomes)
        ],
        "overall": figures("overall", outcomes),
    }


def setup_description():
    from django.db import connection

    from search.engines import get_engine

    vendor = connection.vendor
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            vendor = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
    elif vendor == "sqlite":
        import sqlite3

        vendor = f"SQLite {sqlite3.sqlite_version}"
    return f"{get_engine().name} engine on {vendor}"


# --- printing ---------------------------------------------------------------------


def _exact_first(row):
    return f"{row['first']}/{row['first_of']}" if row["first_of"] else "-"


def table(rows, title, first_column):
    lines = [
        f"**{title}**",
        "",
        f"| {first_column:<16} | queries | recall@{CUTOFF} |   MRR | zero results | exact name first |",
        f"|{'-' * 18}|---------|-----------|-------|--------------|------------------|",
    ]
    for row in rows:
        lines.append(
            f"| {row['label']:<16} | {row['queries']:>7} | {row['recall']:>9.3f} | {row['mrr']:>5.3f} "
            f"| {row['zero']:>11.1%} | {_exact_first(row):>16} |"
        )
    return "\n".join(lines)


def report(result):
    """The tables of one run (``result`` as ``run()`` returns it)."""
    parts = [
        table(
            [*result["languages"], result["overall"]],
            f"{result['setup']}: {result['programmes']} programmes, {result['queries']} queries",
            "language",
        ),
        table(result["kinds"], "By kind of query", "kind"),
    ]
    return "\n\n".join(parts)


def comparison(results):
    """One table of the overall figures and the figures per language of several runs."""
    lines = [
        f"| {'setup':<36} | language | queries | recall@{CUTOFF} |   MRR | zero results | exact name first |",
        f"|{'-' * 38}|----------|---------|-----------|-------|--------------|------------------|",
    ]
    for result in results:
        for row in [result["overall"], *result["languages"]]:
            lines.append(
                f"| {result['setup']:<36} | {row['label']:<8} | {row['queries']:>7} | {row['recall']:>9.3f} "
                f"| {row['mrr']:>5.3f} | {row['zero']:>11.1%} | {_exact_first(row):>16} |"
            )
    return "\n".join(lines)


def misses(outcomes, titles_by_key):
    """The queries that missed a relevant programme in the top ten or did not
    rank one first, with what came back instead."""
    lines = []
    for outcome in outcomes:
        if not outcome.missed:
            continue
        query = outcome.query
        rank = outcome.first_relevant_rank
        lines.append(
            f"- [{query.language}] {query.id} ({query.kind}) “{query.text}”: {outcome.total} results, "
            f"recall@{CUTOFF} {outcome.recall:.2f}, first relevant at {rank or 'none'}"
            + (" (close spellings)" if outcome.fuzzy else "")
            + (" (not the exact name first)" if query.first and not outcome.first_is_right else "")
        )
        if query.note:
            lines.append(f"    why: {query.note}")
        for position, (key, title) in enumerate(zip(outcome.top, outcome.titles, strict=False), start=1):
            mark = "+" if key in query.relevant else " "
            lines.append(f"    {mark}{position:>2}. {title}")
            if position == 3:
                break
        missing = sorted(query.relevant.difference(outcome.top))
        if missing:
            shown = ", ".join(f"{key} {titles_by_key.get(key, '')}" for key in missing[:4])
            more = f" and {len(missing) - 4} more" if len(missing) > 4 else ""
            lines.append(f"    missing: {shown}{more}")
    return "\n".join(lines) if lines else "Every query found all its relevant programmes and ranked one first."


def display_title(programme):
    titles = programme["title"]
    return titles.get("en") or titles.get("zh-hans") or next(iter(titles.values()))


# --- running ----------------------------------------------------------------------


def run(catalogue, queries, verbose=False, stdout=sys.stdout):
    """Build ``catalogue`` into the current database, ask ``queries``, print
    the tables (and the misses with ``verbose``) and return the figures."""
    started = time.monotonic()
    ids = build_catalogue(catalogue)
    built = time.monotonic() - started
    outcomes = measure(queries, ids)
    asked = time.monotonic() - started - built
    result = {
        "setup": setup_description(),
        "programmes": len(ids),
        "queries": len(queries),
        **summary(outcomes),
        "misses": [
            {
                "id": outcome.query.id,
                "recall": outcome.recall,
                "reciprocal_rank": outcome.reciprocal_rank,
                "total": outcome.total,
            }
            for outcome in outcomes
            if outcome.missed
        ],
    }
    print(report(result), file=stdout)
    print(f"\nBuilt in {built:.1f} s, {len(queries)} queries asked in {asked:.1f} s.", file=stdout)
    if verbose:
        titles = {programme["key"]: display_title(programme) for programme in catalogue["programmes"]}
        print("\nQueries that missed:\n" + misses(outcomes, titles), file=stdout)
    return result


def in_throwaway_database(function):
    """Call ``function`` with the test runner's throwaway databases set up
    (created and migrated; dropped afterwards)."""
    from django.test.utils import setup_databases, teardown_databases

    # wagtail-modeltranslation's migrate prints its SQL whatever the verbosity.
    with contextlib.redirect_stdout(io.StringIO()):
        old = setup_databases(verbosity=0, interactive=False)
    try:
        return function()
    finally:
        teardown_databases(old, verbosity=0)


def run_configured(args):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    # Elasticsearch indices of its own, never the portal's: rebuild() replaces them.
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = f"{os.environ.get('ELASTICSEARCH_INDEX_PREFIX') or 'portal'}-relevance"
    django.setup()
    catalogue = load_catalogue()
    queries = load_queries(catalogue)
    if args.language:
        queries = [query for query in queries if query.language in args.language]
    if args.kind:
        queries = [query for query in queries if query.kind in args.kind]
    if args.query:
        unknown = set(args.query) - {query.id for query in queries}
        if unknown:
            raise SystemExit(f"No such query: {', '.join(sorted(unknown))}")
        queries = [query for query in queries if query.id in args.query]
    if args.quick:
        catalogue, queries = subset(catalogue, queries, per_language=3)
    result = in_throwaway_database(lambda: run(catalogue, queries, verbose=args.verbose))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return result


def run_each_database(args):
    """One process per database (settings are read once per process), then one table."""
    results = []
    for database in args.database:
        env = dict(os.environ)
        if database == "sqlite":
            env.pop("DATABASE_URL", None)
        else:
            env["DATABASE_URL"] = database
        with tempfile.NamedTemporaryFile(suffix=".json") as output:
            command = [sys.executable, str(Path(__file__).resolve()), "--json", output.name]
            command += ["--verbose"] if args.verbose else []
            command += ["--quick"] if args.quick else []
            for language in args.language or []:
                command += ["--language", language]
            for kind in args.kind or []:
                command += ["--kind", kind]
            for query in args.query or []:
                command += ["--query", query]
            subprocess.run(command, env=env, check=True, cwd=ROOT)
            results.append(json.loads(Path(output.name).read_text(encoding="utf-8")))
        print()
    print(comparison(results))
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list the queries that missed")
    parser.add_argument(
        "--database",
        action="append",
        help="measure on this database (sqlite, or a postgres:// URL); repeat to compare (one table at the end)",
    )
    parser.add_argument("--language", action="append", choices=LANGUAGES, help="only the queries in this language")
    parser.add_argument("--kind", action="append", choices=list(KINDS), help="only the queries of this kind")
    parser.add_argument("--query", action="append", help="only this query (its id in queries.yaml); repeatable")
    parser.add_argument("--quick", action="store_true", help="three queries per language on a small catalogue")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.database:
        results = run_each_database(args)
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    else:
        run_configured(args)


if __name__ == "__main__":
    main()

#!/usr/bin/env python
"""HTML bytes of every public page type in the six languages, on the database
of ``DATABASE_URL`` (the demo, or one built by ``generate_catalogue``).

    DATABASE_URL=sqlite:////tmp/10x.sqlite3 .venv/bin/python benchmarks/html_weight.py
    .venv/bin/python benchmarks/html_weight.py --languages en,ru,ar --json weights.json

Pages: home, the catalogue (first page, one filter, a text query), a programme
page, a school profile (the school with the most programmes), the school and
partner directories, a partner profile, the site search, the progress page,
the shortlist (full: 20 programmes) and the comparison of four programmes.
Read with Django's test client, the page caches off; a page over 55 KB is
marked ``!`` and one over 60 KB (the budget of issue 14) ``!!``."""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "zh-hans", "fr", "es", "ru", "ar")
BUDGET = 60 * 1024
WARNING = 55 * 1024


def pick(language):
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import translation

    from partners.models import PartnerIndexPage, PartnerPage
    from programmes.models import ProgrammePage, SchoolIndexPage, SchoolPage

    live = ProgrammePage.objects.live()
    programmes = list(live.order_by("pk").values_list("pk", flat=True)[:20])
    country = live.values("delivery_country").annotate(n=Count("pk")).order_by("-n")[0]["delivery_country"]
    # The school with the most programmes (its child pages).
    counts = {}
    for path in live.values_list("path", flat=True):
        counts[path[:-4]] = counts.get(path[:-4], 0) + 1
    school = SchoolPage.objects.filter(path=max(counts, key=counts.get)).first() if counts else None
    school = school or SchoolPage.objects.live().order_by("pk").first()
    partner = PartnerPage.objects.live().order_by("pk").first()
    word = max((live.order_by("pk").first().title_en or "programme").split(), key=len)
    with translation.override(language):
        catalogue = reverse("search:catalogue")
        return {
            "home": f"/{language}/",
            "catalogue": catalogue,
            "catalogue ?country": f"{catalogue}?country={country}",
            "catalogue ?q": f"{catalogue}?q={word}",
            "programme": ProgrammePage.objects.get(pk=programmes[0]).get_url(),
            "school profile": school.specific.get_url(),
            "school directory": SchoolIndexPage.objects.live().first().get_url(),
            "partner directory": PartnerIndexPage.objects.live().first().get_url(),
            "partner profile": partner.get_url() if partner else None,
            "site search": f"{reverse('search:search')}?q={word}",
            "progress": reverse("progress"),
            "shortlist": reverse("search:shortlist"),
            "compare": f"{reverse('search:compare')}?ids={','.join(map(str, programmes[:4]))}",
        }, programmes


def measure(languages):
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    settings.CATALOGUE_PAGE_CACHE = False
    settings.PAGE_CACHE = False
    table = {}
    for language in languages:
        urls, programmes = pick(language)
        client = Client(HTTP_HOST="127.0.0.1")
        with translation.override(language):
            shortlist = reverse("search:shortlist")
        for pk in programmes:
            client.post(shortlist, {"add": pk})
        for name, url in urls.items():
            if url is None:
                continue
            response = client.get(url)
            table.setdefault(name, {})[language] = len(response.content) if response.status_code == 200 else None
    return table


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument("--json", help="Also write the figures to this file.")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    languages = args.languages.split(",")
    table = measure(languages)
    width = max(len(name) for name in table)
    print(f"{'page':<{width}} " + " ".join(f"{language:>9}" for language in languages))
    for name, row in table.items():
        cells = []
        for language in languages:
            size = row.get(language)
            mark = "" if size is None or size <= WARNING else ("!" if size <= BUDGET else "!!")
            cells.append(f"{'-' if size is None else f'{size / 1024:.1f}{mark}':>9}")
        print(f"{name:<{width}} " + " ".join(cells))
    if args.json:
        Path(args.json).write_text(json.dumps(table, indent=1))


if __name__ == "__main__":
    main()

"""Hostile values in every public query parameter never make a server error
(issue 13, finding 5): catalogue facets, its text, page and sort, the ranking
and comparison, site search, the schools' and partners' directory filters and
pages, the enquiry form's programme, and the JSON API. NUL bytes, very long
text, unicode, invalid UTF-8, SQL and HTML fragments, repeated keys (arrays),
negative and huge numbers. Bounded (about 400 requests) and seeded, so a
failure replays; run it on PostgreSQL too, where NUL bytes used to fail:

    DATABASE_URL=postgres://… DJANGO_SETTINGS_MODULE=portal.settings.test pytest tests/portal/test_fuzz_public.py
"""

import random
from urllib.parse import quote

from django.test import Client
from django.urls import reverse

import pytest

from portal.site_tree import ensure_site_tree
from programmes.facts import FACETS
from tests.factories import PartnerPageFactory, ProgrammePageFactory

SEED = 13
REQUESTS_PER_ENDPOINT = 30

# Already percent-encoded, so that they reach the query string as they are.
HOSTILE = [
    "%00",
    "a%00b",
    "%00" * 20,
    "x" * 5000,
    quote("中文 数控技术专业 🙂"),
    quote("العربية"),
    quote("é\u200b\u202e\ufeff"),
    "%ff%fe%fd",  # not UTF-8
    "%ed%a0%80",  # a lone surrogate, in UTF-8 form
    quote("' OR 1=1 --"),
    quote('"; DROP TABLE wagtailcore_page; --'),
    quote("<script>alert(1)</script>"),
    quote('"><img src=x onerror=alert(1)>'),
    quote("{{ 7*7 }} ${7*7} %s %n"),
    quote('"unbalanced'),
    quote("a* OR b NEAR c ^ ~ -d"),
    "-1",
    "0",
    "-99999999999999999999",
    "99999999999999999999999999999",
    "1e309",
    "NaN",
    "1.5",
    "0x10",
    "",
    "%20",
    quote("../../etc/passwd"),
    quote("ids[]=1"),
]


def endpoints(world):
    """Each public path and the parameters it reads."""
    facets = [facet.key for facet in FACETS]
    catalogue = reverse("search:catalogue")
    return {
        catalogue: ["q", "page", "sort", *facets],
        reverse("search:ranking"): ["page", "sort", *facets],
        reverse("search:compare"): ["ids"],
        reverse("search:search"): ["q", "page"],
        world["schools"]: ["province", "region", "level", "page"],
        world["partners"]: ["country", "kind", "school", "page"],
        reverse("partners:enquiry", args=[world["school_id"]]): ["programme"],
        reverse("api-search"): ["q", "page", "sort", "lang", *facets],
        reverse("api-suggest"): ["q", "lang"],
        reverse("progress"): ["year", "page"],
    }


@pytest.fixture(scope="module")
def public_world(module_db):
    ensure_site_tree()
    programmes = [ProgrammePageFactory() for _ in range(3)]
    partner = PartnerPageFactory(country="DE")
    school = programmes[0].get_parent()
    return {
        "schools": school.get_parent().url,
        "partners": partner.get_parent().url,
        "school_id": school.pk,
    }


def query_strings(parameters, rng):
    """Seeded: one hostile value per parameter, then mixtures and arrays."""
    for name in parameters:
        yield f"{name}={rng.choice(HOSTILE)}"
    while True:
        chosen = rng.sample(parameters, k=min(len(parameters), rng.randint(1, 4)))
        parts = []
        for name in chosen:
            repeat = rng.choice([1, 1, 1, 2, 40])  # arrays: ?x=1&x=2…
            key = rng.choice([name, name, f"{name}[]", f"{name}%00"])
            parts += [f"{key}={rng.choice(HOSTILE)}" for _ in range(repeat)]
        yield "&".join(parts)


def test_hostile_query_parameters_never_make_a_server_error(public_world, db):
    client = Client(raise_request_exception=False)
    rng = random.Random(SEED)
    failures, sent = [], 0
    for path, parameters in endpoints(public_world).items():
        strings = query_strings(parameters, rng)
        count = max(REQUESTS_PER_ENDPOINT, len(parameters) + 10)
        for _ in range(count):
            query = next(strings)
            response = client.get(f"{path}?{query}")
            sent += 1
            if response.status_code >= 500:
                failures.append(f"{response.status_code} {path}?{query[:200]}")
    print(f"{sent} requests, {len(failures)} server errors")
    assert sent >= 300
    assert failures == []

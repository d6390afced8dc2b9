"""Reference data shipped with the portal (``programmes/data/*.csv``): the
provinces of China with their region, the ISCED-F 2013 fields of study and the
languages of teaching. Loaded by a migration and reloadable, idempotently, with
``manage.py load_reference_data``."""

import csv
from pathlib import Path

from django.conf import settings

from modeltranslation.utils import build_localized_fieldname

DATA_DIR = Path(__file__).resolve().parent / "data"

# Languages a school or programme commonly teaches in; any ISO 639-1 code that
# Django knows can be added in the admin.
TEACHING_LANGUAGE_CODES = [
    "zh",
    "en",
    "fr",
    "es",
    "ru",
    "ar",
    "de",
    "pt",
    "it",
    "ja",
    "ko",
    "th",
    "vi",
    "id",
    "ms",
    "km",
    "my",
    "mn",
    "kk",
    "ky",
    "uz",
    "tg",
    "ur",
    "hi",
    "bn",
    "ne",
    "fa",
    "tr",
    "sw",
    "pl",
    "el",
]


def _rows(filename):
    with open(DATA_DIR / filename, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _translated_names(row):
    """``name_xx`` values of a CSV row for each site language present in it."""
    names = {}
    for code, _label in settings.LANGUAGES:
        field = build_localized_fieldname("name", code)
        value = (row.get(field) or "").strip()
        if not value and code == "zh-hans":
            value = (row.get("name_zh") or "").strip()
        if value:
            names[field] = value
    return names


def load(province_model, field_model, language_model):
    """Create or update every row; returns the number of rows of each kind."""
    for row in _rows("provinces.csv"):
        names = _translated_names(row)
        province_model.objects.update_or_create(
            code=row["code"],
            defaults={"name": names["name_en"], "region": row["region"], **names},
        )
    fields = {}
    for row in _rows("isced_f_2013.csv"):
        names = _translated_names(row)
        field, _created = field_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "depth": row["level"],
                "parent": fields.get(row["parent_code"]),
                "name": names["name_en"],
                **names,
            },
        )
        fields[field.code] = field
    for code in TEACHING_LANGUAGE_CODES:
        language_model.objects.get_or_create(code=code)
    return {
        "provinces": province_model.objects.count(),
        "fields": field_model.objects.count(),
        "languages": language_model.objects.count(),
    }

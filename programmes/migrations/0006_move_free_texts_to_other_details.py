"""The free-text duration, intake dates and fees of each programme become its
"other details" text, per language, each line led by its label in that
language, so that no word is lost; where the duration reads clearly as a
number and a unit ("3 years", "6 weeks", "12 个月") in every language that has
one, the structured duration is filled in too. Scholarships stay a field of
their own.

The same is done to every revision of each programme: the admin edits a
page from its latest revision, which would otherwise still hold the old
texts and bring back an empty "other details" at the next publish.

Backwards, lines that start with one of these labels go back to their old
field and the rest stay in the fees."""

import re

from django.db import migrations

LANGUAGES = ["en", "zh_hans", "fr", "es", "ru", "ar"]
OLD_FIELDS = ["duration", "intake", "fees"]
# Frozen here rather than read from the translation catalogues, which will change.
LABELS = {
    "en": {"duration": "Duration: ", "intake": "Intake dates: ", "fees": "Fees: "},
    "zh_hans": {"duration": "学制：", "intake": "招生时间：", "fees": "费用："},
    "fr": {"duration": "Durée\u00a0: ", "intake": "Dates de rentrée\u00a0: ", "fees": "Frais\u00a0: "},
    "es": {"duration": "Duración: ", "intake": "Fechas de inicio: ", "fees": "Tasas: "},
    "ru": {"duration": "Продолжительность: ", "intake": "Сроки набора: ", "fees": "Стоимость: "},
    "ar": {"duration": "المدة: ", "intake": "مواعيد الالتحاق: ", "fees": "الرسوم: "},
}

UNITS = [
    ("days", r"days?|jours?|días?|дн(?:я|ей)|день|天|日|أيام|يومًا|يوما|يوم"),
    ("weeks", r"weeks?|semaines?|semanas?|недел[ьяи]|周|星期|أسابيع|أسبوعًا|أسبوعا|أسبوع"),
    ("months", r"months?|mois|mes(?:es)?|месяц(?:а|ев)?|个月|個月|月|أشهر|شهور|شهرًا|شهرا|شهر"),
    ("years", r"years?|ans?|années?|años?|лет|года?|年|سنوات|سنة|عامًا|عاما|أعوام|عام"),
]
DURATION = re.compile(
    r"\s*(\d{1,3})\s*(?:" + "|".join(f"(?P<{unit}>{words})" for unit, words in UNITS) + r")\s*\.?\s*",
    re.IGNORECASE,
)
DAYS_PER_UNIT = {"days": 1, "weeks": 7, "months": 30, "years": 365}
# Arabic says two of a unit with a word of its own.
ARABIC_DUALS = {
    "يومان": "days",
    "يومين": "days",
    "أسبوعان": "weeks",
    "أسبوعين": "weeks",
    "شهران": "months",
    "شهرين": "months",
    "سنتان": "years",
    "سنتين": "years",
    "عامان": "years",
    "عامين": "years",
}


def parse_duration(text):
    """``(number, unit)`` when ``text`` is a number and a unit and nothing else; else None."""
    text = (text or "").strip().rstrip(".")
    if text in ARABIC_DUALS:
        return 2, ARABIC_DUALS[text]
    match = DURATION.fullmatch(text)
    if not match or int(match.group(1)) < 1:
        return None
    unit = next(unit for unit, _words in UNITS if match.group(unit))
    return int(match.group(1)), unit


def _column(field, language):
    return f"{field}_{language}"


def move_free_texts(values):
    """The new values (``{column: value}``) of a programme whose columns are
    ``values``: its other details per language, and its duration as a number
    and a unit where the old texts say it clearly."""
    changes = {}
    for language in LANGUAGES:
        lines = []
        for field in OLD_FIELDS:
            text = (values.get(_column(field, language)) or "").strip()
            if text:
                lines.append(LABELS[language][field] + text)
        existing = (values.get(_column("other_details", language)) or "").strip()
        if lines:
            changes[_column("other_details", language)] = "\n".join([existing, *lines] if existing else lines)
    if changes:
        changes["other_details"] = changes.get("other_details_en", values.get("other_details") or "")
    # Filled only when the languages that read clearly agree; the texts stay
    # in the other details whatever they say.
    durations = {parse_duration(values.get(_column("duration", language))) for language in LANGUAGES}
    durations.discard(None)
    if not values.get("duration_number") and len(durations) == 1:
        number, unit = durations.pop()
        changes.update(duration_number=number, duration_unit=unit, duration_days=number * DAYS_PER_UNIT[unit])
    return changes


def restore_free_texts(values):
    """The old columns back from the other details (the reverse of ``move_free_texts``)."""
    changes = {}
    for language in LANGUAGES:
        restored = {field: [] for field in OLD_FIELDS}
        rest = []
        for line in (values.get(_column("other_details", language)) or "").splitlines():
            field = next((f for f in OLD_FIELDS if line.startswith(LABELS[language][f])), None)
            if field:
                restored[field].append(line[len(LABELS[language][field]) :])
            elif line.strip():
                rest.append(line)
        restored["fees"] += rest
        for field in OLD_FIELDS:
            changes[_column(field, language)] = "; ".join(restored[field])
    for field in OLD_FIELDS:
        changes[field] = changes[_column(field, "en")]
    return changes


def _columns():
    return [_column(f, language) for f in [*OLD_FIELDS, "other_details"] for language in LANGUAGES] + [
        "other_details",
        "duration_number",
    ]


def _apply(apps, change):
    ProgrammePage = apps.get_model("programmes", "ProgrammePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for programme in ProgrammePage.objects.only(*_columns()).iterator():
        changes = change({column: getattr(programme, column) for column in _columns()})
        if changes:
            for column, value in changes.items():
                setattr(programme, column, value)
            programme.save(update_fields=list(changes))
    content_type = ContentType.objects.filter(app_label="programmes", model="programmepage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        content = revision.content
        changes = change(content)
        if changes:
            content.update(changes)
            revision.save(update_fields=["content"])


def forwards(apps, schema_editor):
    _apply(apps, move_free_texts)


def backwards(apps, schema_editor):
    _apply(apps, restore_free_texts)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0005_programme_facts"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

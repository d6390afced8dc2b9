"""Facet values as the reader reads them: names in the active language.

Fields of study, provinces and batches are translated model fields; countries
come from django_countries in the active language; the rest are choices."""

from django.utils import translation

from django_countries import countries

from programmes.models import (
    Batch,
    FieldOfStudy,
    Level,
    ProgrammeStatus,
    ProgrammeType,
    Province,
    Region,
    TeachingLanguage,
)

from .continents import CONTINENTS


def facet_labels(values_by_key):
    """``{key: {value: label}}`` for the values of each facet, in at most three
    queries (fields of study, provinces, batches) whatever the number of values."""
    labels = {key: {} for key in values_by_key}
    codes = set(values_by_key.get("field", ())) | set(values_by_key.get("subfield", ()))
    if codes:
        for field_of_study in FieldOfStudy.objects.filter(code__in=codes):
            for key in ("field", "subfield"):
                if field_of_study.code in values_by_key.get(key, ()):
                    labels[key][field_of_study.code] = field_of_study.name or field_of_study.code
    if values_by_key.get("province"):
        for province in Province.objects.filter(code__in=values_by_key["province"]):
            labels["province"][province.code] = province.name
    if values_by_key.get("batch"):
        for batch in Batch.objects.filter(number__in=[int(v) for v in values_by_key["batch"] if str(v).isdigit()]):
            labels["batch"][str(batch.number)] = batch.name
    choices = {
        "type": dict(ProgrammeType.choices),
        "level": dict(Level.choices),
        "status": dict(ProgrammeStatus.choices),
        "region": dict(Region.choices),
        "continent": CONTINENTS,
    }
    for key, names in choices.items():
        for value in values_by_key.get(key, ()):
            labels[key][value] = str(names.get(value, value))
    with translation.override(translation.get_language()):
        for key in ("country", "partner_country"):
            for value in values_by_key.get(key, ()):
                labels[key][value] = str(countries.name(value) or value)
    for value in values_by_key.get("language", ()):
        labels["language"][value] = TeachingLanguage(code=value).name
    return labels

"""Reference data ships inside the project and is loaded by migrations."""

import unicodedata

from django.core.management import call_command
from django.utils import translation

from django_countries import countries

from programmes.models import FieldOfStudy, Province, Region, TeachingLanguage


def test_all_provinces_with_their_region(db):
    assert Province.objects.count() == 31
    assert set(Province.objects.values_list("region", flat=True)) == set(Region.values)
    guangdong = Province.objects.get(code="CN-GD")
    assert guangdong.region == Region.EAST
    assert guangdong.name_zh_hans == "广东"
    assert Province.objects.get(code="CN-SC").region == Region.WEST


def test_isced_fields_form_a_tree(db):
    assert FieldOfStudy.objects.filter(depth="broad").count() == 11
    assert FieldOfStudy.objects.filter(depth="narrow").count() == 29
    assert FieldOfStudy.objects.filter(depth="detailed").count() == 80
    cnc = FieldOfStudy.objects.get(code="0715")
    assert cnc.parent.code == "071"
    assert cnc.parent.parent.code == "07"


def test_reference_data_reload_is_idempotent(db):
    before = (Province.objects.count(), FieldOfStudy.objects.count(), TeachingLanguage.objects.count())
    call_command("load_reference_data")
    call_command("load_reference_data")
    assert (Province.objects.count(), FieldOfStudy.objects.count(), TeachingLanguage.objects.count()) == before


def without_marks(text):
    """Arabic vowel marks (a shadda…) are optional: compare without them."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def test_country_and_language_names_exist_in_every_site_language(db):
    french = TeachingLanguage.objects.get(code="fr")
    for language, country_name, language_name in [
        ("en", "Germany", "French"),
        ("fr", "Allemagne", "Français"),
        ("zh-hans", "德国", "法语"),
        ("ru", "Германия", "Французский"),
        ("es", "Alemania", "Francés"),
        ("ar", "ألمانيا", "الفرنسيّة"),
    ]:
        with translation.override(language):
            assert dict(countries)["DE"] == country_name
            assert without_marks(french.name.lower()) == without_marks(language_name.lower())


def test_chinese_as_a_teaching_language_has_a_name_in_every_language(db):
    chinese = TeachingLanguage.objects.get(code="zh")
    for language, name in [("en", "Chinese"), ("fr", "Chinois"), ("zh-hans", "中文"), ("ar", "الصينية")]:
        with translation.override(language):
            assert chinese.name == name

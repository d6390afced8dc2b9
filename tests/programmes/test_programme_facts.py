"""A programme's structured facts: validated, migrated from the old free
texts, shown on its page and in results in every language, and filtered by
their facets."""

import datetime
import importlib

from django.core.exceptions import ValidationError
from django.utils import timezone, translation

import pytest
from bs4 import BeautifulSoup

from programmes.models import (
    ProgrammeIntake,
    ProgrammeLanguageRequirement,
    ProgrammePage,
    add_months,
    first_of_month,
)
from search.entries import CatalogueEntry, load_entries
from search.facet_index import current_facet_index
from search.service import search_catalogue
from tests.factories import ProgrammePageFactory, teaching_language

pytestmark = pytest.mark.django_db

migration = importlib.import_module("programmes.migrations.0006_move_free_texts_to_other_details")


def _intake_in(months, **kwargs):
    start = add_months(timezone.localdate(), months)
    return {"start_year": start.year, "start_month": start.month, **kwargs}


# --- Validation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        ({"duration_number": 12}, "duration_unit"),
        ({"duration_unit": "weeks"}, "duration_number"),
        ({"fee_kind": "free", "fee_amount": 100, "fee_currency": "EUR"}, "fee_amount"),
        ({"fee_kind": "sponsored", "fee_amount": 100, "fee_currency": "EUR"}, "fee_amount"),
        ({"fee_kind": "paid", "fee_amount": 100}, "fee_currency"),
        ({"fee_kind": "paid", "fee_currency": "EUR"}, "fee_amount"),
        ({"fee_kind": "paid", "fee_amount": 100, "fee_currency": "XXX"}, "fee_currency"),
        ({"duration_number": 12, "duration_unit": "fortnights"}, "duration_unit"),
    ],
)
def test_facts_that_do_not_go_together_are_refused_with_a_message(home, facts, field):
    programme = ProgrammePageFactory()
    for name, value in {"duration_number": None, "duration_unit": "", **facts}.items():
        setattr(programme, name, value)
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert field in error.value.message_dict


def test_paid_fees_with_amount_and_currency_and_a_duration_are_accepted(home):
    programme = ProgrammePageFactory(
        fee_kind="paid", fee_amount=16000, fee_currency="CNY", duration_number=6, duration_unit="weeks"
    )
    programme.full_clean()
    programme.save()
    assert ProgrammePage.objects.get(pk=programme.pk).duration_days == 42


def test_hsk_level_is_for_chinese_only(home):
    programme = ProgrammePageFactory()
    ProgrammeLanguageRequirement(programme=programme, language=teaching_language("zh"), level="HSK4").full_clean()
    with pytest.raises(ValidationError) as error:
        ProgrammeLanguageRequirement(programme=programme, language=teaching_language("en"), level="HSK4").full_clean()
    assert "level" in error.value.message_dict


def test_intake_deadline_comes_before_the_end_of_its_month(home):
    programme = ProgrammePageFactory()
    ProgrammeIntake(programme=programme, start_year=2030, start_month=9, application_deadline="2030-09-30").full_clean()
    with pytest.raises(ValidationError) as error:
        ProgrammeIntake(
            programme=programme, start_year=2030, start_month=9, application_deadline=datetime.date(2030, 10, 1)
        ).full_clean()
    assert "application_deadline" in error.value.message_dict
    assert ProgrammeIntake.objects.create(programme=programme, start_year=2030, start_month=9).starts_on == (
        datetime.date(2030, 9, 1)
    )


# --- The data migration ---------------------------------------------------------------


def _old_programme(**texts):
    columns = {column: "" for column in migration._columns()}
    columns["duration_number"] = None
    columns.update(texts)
    return columns


def test_migration_moves_old_texts_to_other_details_in_each_language_and_reads_the_duration():
    old = _old_programme(
        duration="3 years",
        duration_en="3 years",
        duration_zh_hans="3年",
        duration_ar="3 سنوات",
        intake_en="Every September",
        intake_zh_hans="每年9月",
        fees_en="CNY 16,000 a year",
        fees_fr="16 000 CNY par an",
    )
    changes = migration.move_free_texts(old)

    assert changes["other_details_en"] == "Duration: 3 years\nIntake dates: Every September\nFees: CNY 16,000 a year"
    assert changes["other_details_zh_hans"] == "学制：3年\n招生时间：每年9月"
    assert changes["other_details_fr"] == "Frais\u00a0: 16 000 CNY par an"
    assert changes["other_details_ar"] == "المدة: 3 سنوات"
    assert "other_details_ru" not in changes
    assert changes["other_details"] == changes["other_details_en"]
    assert (changes["duration_number"], changes["duration_unit"], changes["duration_days"]) == (3, "years", 1095)


def test_migration_keeps_an_unclear_duration_as_text_only():
    changes = migration.move_free_texts(_old_programme(duration_en="1 semester", duration_fr="6 semaines"))
    assert changes["other_details_en"] == "Duration: 1 semester"
    assert changes["duration_number"] == 6  # the one language that reads clearly
    conflicting = migration.move_free_texts(_old_programme(duration_en="6 weeks", duration_zh_hans="12 个月"))
    assert "duration_number" not in conflicting
    assert migration.move_free_texts(_old_programme()) == {}


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("3 years", (3, "years")),
        ("6 weeks", (6, "weeks")),
        ("12 个月", (12, "months")),
        ("12周", (12, "weeks")),
        ("18 mois", (18, "months")),
        ("2 года", (2, "years")),
        ("12 أسبوعًا", (12, "weeks")),
        ("سنتان", (2, "years")),
        ("every September", None),
        ("3 to 6 weeks", None),
    ],
)
def test_migration_reads_durations_that_are_a_number_and_a_unit(text, duration):
    assert migration.parse_duration(text) == duration


def test_migration_backwards_puts_the_lines_back_in_their_fields():
    forwards = migration.move_free_texts(
        _old_programme(duration_en="3 years", intake_en="Every September", fees_en="Free", intake_ru="Круглый год")
    )
    values = _old_programme(**forwards)
    values["other_details_en"] += "\nBring a laptop."
    back = migration.restore_free_texts(values)
    assert (back["duration_en"], back["intake_en"], back["fees_en"]) == (
        "3 years",
        "Every September",
        "Free; Bring a laptop.",
    )
    assert back["intake_ru"] == "Круглый год"
    assert back["duration"] == "3 years"


def test_migration_updates_a_page_and_its_revisions_alike():
    revision_content = _old_programme(duration_en="6 weeks", fees_es="Gratis")
    changes = migration.move_free_texts(revision_content)
    assert changes["other_details_es"] == "Tasas: Gratis"
    assert changes["duration_unit"] == "weeks"


# --- Result entries -------------------------------------------------------------------


def _entry(**facts):
    return CatalogueEntry(
        pk=1, title="", title_language="en", titles={}, url="", description="", first_published_at=None, facts=facts
    )


@pytest.mark.parametrize(
    ("language", "number", "unit", "text"),
    [
        ("en", 12, "weeks", "12 weeks"),
        ("en", 1, "years", "1 year"),
        ("zh-hans", 12, "weeks", "12周"),
        ("fr", 18, "months", "18 mois"),
        ("es", 1, "months", "1 mes"),
        ("ru", 2, "weeks", "2 недели"),
        ("ru", 5, "years", "5 лет"),
        ("ar", 12, "weeks", "12 أسبوعًا"),
        ("ar", 2, "years", "سنتان"),
        ("ar", 4, "weeks", "4 أسابيع"),
    ],
)
def test_entry_duration_reads_in_the_plural_form_of_each_language(language, number, unit, text):
    with translation.override(language):
        assert _entry(duration_number=number, duration_unit=unit).duration_display == text


def test_entry_fees_read_as_free_sponsored_or_an_amount_with_its_currency():
    with translation.override("en"):
        assert _entry(fee_kind="free").fees_display == "Free"
        assert _entry(fee_kind="sponsored").fees_display == "Paid by an employer or sponsor"
        paid = _entry(fee_kind="paid", fee_amount=16000, fee_currency="CNY", fee_period="year")
        assert paid.fees_display == "CNY 16,000 per year"
        assert _entry(fee_kind="paid").fees_display == "Fee-paying"
        assert _entry().fees_display == ""
    with translation.override("fr"):
        assert paid.fees_display == "16\u00a0000\u00a0CNY par an"
    with translation.override("zh-hans"):
        assert paid.fees_display == "每年16000 CNY"
        assert _entry(fee_kind="free").fees_display == "免费"


def test_entry_next_start_is_the_first_intake_from_this_month_on():
    this_month = first_of_month(timezone.localdate())
    entry = _entry(start_dates=[add_months(this_month, -2), add_months(this_month, 3), add_months(this_month, 9)])
    assert entry.next_start == add_months(this_month, 3)
    assert _entry(start_dates=[add_months(this_month, -1)]).next_start is None
    september = _entry(start_dates=[datetime.date(2999, 9, 1)])
    with translation.override("en"):
        assert september.next_start_display == "September 2999"
    with translation.override("zh-hans"):
        assert september.next_start_display == "2999年9月"


def test_entries_carry_the_facts_with_or_without_the_facet_index(home):
    programme = ProgrammePageFactory(duration_number=4, duration_unit="weeks", fee_kind="free")
    ProgrammeIntake.objects.create(programme=programme, **_intake_in(2))
    ProgrammeIntake.objects.create(programme=programme, **_intake_in(8))
    expected = first_of_month(add_months(timezone.localdate(), 2))
    with translation.override("en"):
        for entries in (load_entries([programme.pk]), load_entries([programme.pk], facet_index=current_facet_index())):
            [entry] = entries
            assert (entry.duration_display, entry.fees_display, entry.next_start) == ("4 weeks", "Free", expected)
            assert entry.get_status_display() == "Open for applications"


# --- Facets ------------------------------------------------------------------------------


def test_fees_start_and_duration_facets_filter_the_catalogue(home):
    soon = ProgrammePageFactory(title="Soon", fee_kind="free", duration_number=2, duration_unit="weeks")
    ProgrammeIntake.objects.create(programme=soon, **_intake_in(3))
    later = ProgrammePageFactory(
        title="Later", fee_kind="paid", fee_amount=900, fee_currency="EUR", duration_number=3, duration_unit="years"
    )
    ProgrammeIntake.objects.create(programme=later, **_intake_in(9))
    ProgrammePageFactory(title="Unknown", duration_number=None, duration_unit="")

    def titles(**filters):
        return sorted(entry.title for entry in search_catalogue(filters=filters).programmes)

    assert titles(fees=["free"]) == ["Soon"]
    assert titles(fees=["paid"]) == ["Later"]
    assert titles(starts=["6-months"]) == ["Soon"]
    assert titles(duration=["under-1-month"]) == ["Soon"]
    assert titles(duration=["over-1-year"]) == ["Later"]
    with translation.override("fr"):
        facet = search_catalogue().facet("duration")
    assert {value.value: value.label for value in facet.values} == {
        "under-1-month": "Moins d’un mois",
        "over-1-year": "Plus d’un an",
    }


# --- The page ----------------------------------------------------------------------------


@pytest.fixture
def programme(home):
    page = ProgrammePageFactory(
        title="Welding course",
        delivery_city="Bangkok",
        duration_number=12,
        duration_unit="weeks",
        fee_kind="paid",
        fee_amount=1500,
        fee_currency="USD",
        fee_period="programme",
        fees_cover="Tuition and tools.",
        capacity=20,
        entry_requirements="Two years of work in a workshop.",
        contact_role="International Office, programme coordinator",
        website="https://college.example.org/welding",
        other_details="Duration: about 12 weeks",
    )
    page.teaching_languages.set([teaching_language("en"), teaching_language("th")])
    page.language_requirements = [ProgrammeLanguageRequirement(language=teaching_language("en"), level="B1")]
    page.intakes = [ProgrammeIntake(**_intake_in(2, application_deadline=None))]
    page.save_revision().publish()
    return page


def _get(client, page, language):
    with translation.override(language):
        url = page.get_url()
    return BeautifulSoup(client.get(url).content, "html.parser")


def test_programme_page_shows_every_fact_with_its_label(client, programme):
    soup = _get(client, programme, "en")
    facts = soup.select_one(".key-facts").get_text(" ", strip=True)
    for text in (
        "Duration: 12 weeks",
        "Fees: USD 1,500 for the whole programme",
        "Tuition and tools.",
        "Places per intake: 20",
        "Language requirements: English: CEFR level B1",
        "Languages of teaching: English, Thai",
        "Where: Bangkok, Thailand",
        "(ISCED-F ",
        "college.example.org",
    ):
        assert text in facts, text
    start = first_of_month(add_months(timezone.localdate(), 2))
    assert start.strftime("%B %Y") in facts
    page = soup.get_text(" ", strip=True)
    assert "Two years of work in a workshop." in page
    assert "International Office, programme coordinator" in page
    assert "Duration: about 12 weeks" in page


def test_empty_facts_are_not_shown(client, home):
    page = ProgrammePageFactory(duration_number=None, duration_unit="")
    facts = _get(client, page, "en").select_one(".key-facts").get_text(" ")
    for label in ("Duration:", "Fees:", "Start dates:", "Places per intake:", "Language requirements:"):
        assert label not in facts


def test_programme_page_reads_in_the_reader_language_and_marks_fallback_text(client, programme):
    chinese = _get(client, programme, "zh-hans").select_one(".key-facts").get_text(" ", strip=True)
    assert "时长： 12周" in chinese and "英语、泰语" in chinese
    spanish = _get(client, programme, "es").select_one(".key-facts").get_text(" ", strip=True)
    assert "(CINE-F " in spanish
    arabic = _get(client, programme, "ar")
    facts = arabic.select_one(".key-facts")
    assert "12 أسبوعًا" in facts.get_text()
    # The city has no Arabic text: shown in English, marked as such.
    city = facts.find("bdi", attrs={"lang": "en"})
    assert city is not None and city["dir"] == "ltr" and city.get_text() == "Bangkok"
    role = arabic.select_one(".contact__role bdi")
    assert role["lang"] == "en" and role["dir"] == "ltr"


def test_kept_key_facts_follow_the_month_a_publish_and_not_a_draft(client, settings, home, monkeypatch):
    """The key facts are kept per public version, language, host and month
    even with the page caches off: an intake whose month has passed goes,
    a published change shows at once, a draft does not."""
    settings.PAGE_CACHE = settings.PAGE_HTML_KEPT = settings.CATALOGUE_PAGE_CACHE = False
    page = ProgrammePageFactory(capacity=20)
    page.intakes = [ProgrammeIntake(**_intake_in(0, application_deadline=None))]
    page.save_revision().publish()

    def facts():
        return _get(client, page, "en").select_one(".key-facts").get_text(" ", strip=True)

    this_month = first_of_month(timezone.localdate())
    assert this_month.strftime("%B %Y") in facts()
    next_month = add_months(this_month, 1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: next_month)
    assert "Start dates:" not in facts()

    page.capacity = 25
    page.save_revision()
    assert "Places per intake: 20" in facts()
    page.get_latest_revision().publish()
    assert "Places per intake: 25" in facts()

"""What the search index holds of each page, whichever engine keeps it.

A page's text is read in every language and put in the index's form
(``search.analysis.index_text``: folded, Chinese words, stems), in two parts: its titles and
the rest. A programme's text includes its field of study, its country and
its school's names, so that a search for a school's name finds its
programmes; a school's includes its province.

``pages_to_index`` says which pages an event touches: a programme itself; a
school and the programmes that show its name; a partner and the programmes
it takes part in (their documents hold its country)."""

from dataclasses import dataclass

from django.utils import translation

from wagtail.models import Page, PageViewRestriction

from django_countries import countries

from partners.models import PartnerPage
from portal.languages import LANGUAGE_CODES, translated_columns
from programmes.facts import FACTS, PROGRAMME, SCHOOL, SCHOOL_PATHS
from programmes.models import ProgrammePage, SchoolPage

from .analysis import index_text
from .lexicon import indexing_lexicon
from .models import PageKind

KIND_OF_MODEL = {
    SchoolPage: PageKind.SCHOOLS,
    ProgrammePage: PageKind.PROGRAMMES,
    PartnerPage: PageKind.PARTNERS,
}
MODEL_OF_KIND = {kind: model for model, kind in KIND_OF_MODEL.items()}


@dataclass
class PageText:
    """A page's text in the search normal form."""

    page_id: int
    kind: str
    title: str
    body: str


def country_names(code):
    """A country's name in every site language."""
    if not code:
        return []
    names = []
    for language in LANGUAGE_CODES:
        with translation.override(language):
            names.append(str(countries.name(code)))
    return names


def _translations(page, *fields):
    values = []
    for column in translated_columns(*fields):
        value = getattr(page, column, None)
        if value and str(value).strip():
            values.append(value)
    return values


def page_texts(pages):
    """``PageText`` of each of ``pages`` (specific pages of the three indexed
    kinds; others are skipped), reading related rows in a few queries for all
    of them together."""
    pages = [page for page in pages if type(page) in KIND_OF_MODEL]
    programmes = [page for page in pages if isinstance(page, ProgrammePage)]
    steplen = ProgrammePage.steplen
    schools_by_path = {}
    fields_of_study = {}
    cooperating_paths = {}
    if programmes:
        programme_ids = [programme.pk for programme in programmes]
        for pk, path in ProgrammePage.objects.filter(
            pk__in=programme_ids, **{f"{SCHOOL_PATHS}__isnull": False}
        ).values_list("pk", SCHOOL_PATHS):
            cooperating_paths.setdefault(pk, []).append(path)
        parent_paths = {programme.path[:-steplen] for programme in programmes}
        parent_paths |= {path for paths in cooperating_paths.values() for path in paths}
        schools_by_path = {
            values[0]: [value for value in values[1:] if value]
            for values in SchoolPage.objects.filter(path__in=parent_paths).values_list(
                "path", "official_name_zh", *translated_columns("title")
            )
        }
        # Each programme's fields of study, named in every language.
        for pk, *names in ProgrammePage.objects.filter(pk__in=programme_ids, fields_of_study__isnull=False).values_list(
            "pk", *translated_columns("fields_of_study__name")
        ):
            fields_of_study.setdefault(pk, []).extend(name for name in names if name)
    province_names = {}
    school_provinces = {page.province_id for page in pages if isinstance(page, SchoolPage)}
    if school_provinces:
        province_model = SchoolPage.province.field.related_model
        province_names = {
            values[0]: [value for value in values[1:] if value]
            for values in province_model.objects.filter(pk__in=school_provinces).values_list(
                "pk", *translated_columns("name")
            )
        }
    texts = []
    lexicon = indexing_lexicon() if pages else None
    for page in pages:
        kind = KIND_OF_MODEL[type(page)]
        if kind == PageKind.PROGRAMMES:
            titles = _translations(page, "title")
            body = _translations(page, "description", "certificates", "delivery_city")
            body += fields_of_study.get(page.pk, [])
            body += country_names(page.delivery_country)
            for path in [page.path[:-steplen], *cooperating_paths.get(page.pk, ())]:
                body += schools_by_path.get(path, [])
        elif kind == PageKind.SCHOOLS:
            titles = [page.official_name_zh, *_translations(page, "title")]
            titles += [name for name in (page.former_names or "").split(";")]
            body = _translations(page, "introduction", "city", "contact_department")
            body += province_names.get(page.province_id, [])
        else:
            titles = [page.native_name, *_translations(page, "title")]
            body = _translations(page, "description", "city") + country_names(page.country)
        texts.append(PageText(page.pk, kind, index_text(lexicon, *titles), index_text(lexicon, *body)))
    return texts


def pages_to_index(page):
    """The pages whose index entry may change when ``page`` changes (itself
    first), as specific pages."""
    page = page.specific
    pages = [page]
    if isinstance(page, SchoolPage):
        pages += ProgrammePage.objects.descendant_of(page)
        pages += ProgrammePage.objects.filter(cooperating_schools__school=page).distinct()
    elif isinstance(page, PartnerPage):
        pages += ProgrammePage.objects.filter(partner_links__partner=page).distinct()
    elif not isinstance(page, ProgrammePage):
        # A moved or restricted directory: every indexed page below it.
        pages += Page.objects.descendant_of(page).type(*KIND_OF_MODEL).specific()
    return pages


def restricted_paths():
    """The paths of pages under a view restriction: they and the pages below
    them stay out of the index."""
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def searchable_page_ids():
    """The ids of every page that belongs in the index, in order."""
    pages = Page.objects.live().type(*KIND_OF_MODEL)
    for path in restricted_paths():
        pages = pages.exclude(path__startswith=path)
    return list(pages.order_by("pk").values_list("pk", flat=True))


def split_searchable(pages):
    """``(pages that belong in the index, ids of the others)`` among ``pages``."""
    restricted = restricted_paths()
    pages = list(pages)
    searchable = [page for page in pages if is_searchable(page, restricted)]
    kept = {page.pk for page in searchable}
    return searchable, [page.pk for page in pages if page.pk not in kept]


def is_searchable(page, restricted_paths):
    """Whether a page belongs in the index: live, of an indexed kind and under
    no view restriction (``restricted_paths``: the paths of restricted pages)."""
    return (
        type(page) in KIND_OF_MODEL and page.live and not any(page.path.startswith(path) for path in restricted_paths)
    )


def read_facts(programmes):
    """``{programme id: {fact key: [values]}}`` of the programmes of a
    queryset, for every fact of ``programmes.facts``: one query for the
    programmes' own columns, one for their co-operating schools, one per school
    fact and one per fact that has several values or a condition. A school fact
    holds the values of every school of the programme (lead and co-operating),
    each once."""
    programmes = programmes.order_by()
    own = {fact.key: fact.column for fact in FACTS if fact.of == PROGRAMME and fact.in_main_row}
    facts = {}
    # The paths of each programme's schools: its lead school (parent page)
    # first, then its co-operating schools.
    school_of = {}
    steplen = ProgrammePage.steplen
    # Two facts may read one column (values_list would return it once).
    columns = list(dict.fromkeys(own.values()))
    for pk, path, *values in programmes.values_list("pk", "path", *columns):
        row = dict(zip(columns, values, strict=True))
        facts[pk] = {key: [] if row[column] in (None, "") else [row[column]] for key, column in own.items()}
        school_of[pk] = [path[:-steplen]]
    for pk, school_path in programmes.filter(**{f"{SCHOOL_PATHS}__isnull": False}).values_list("pk", SCHOOL_PATHS):
        if pk in school_of and school_path not in school_of[pk]:
            school_of[pk].append(school_path)
    for fact in FACTS:
        if fact.of == PROGRAMME and not fact.in_main_row:
            rows = programmes.filter(fact.condition) if fact.condition is not None else programmes
            for programme in facts.values():
                programme[fact.key] = []
            for pk, value in rows.values_list("pk", fact.column):
                if pk in facts and value not in (None, ""):
                    facts[pk][fact.key].append(value)
    # Every school is read and those without these programmes skipped: a
    # list of thousands of paths as query parameters costs more, and past
    # 32,766 SQLite refuses it.
    wanted = {path for paths in school_of.values() for path in paths}
    school_facts = [fact for fact in FACTS if fact.of == SCHOOL]
    schools = {}
    for fact in school_facts:
        rows = SchoolPage.objects.order_by()
        if fact.condition is not None:
            rows = rows.filter(fact.condition)
        for path, value in rows.values_list("path", fact.column):
            if path in wanted and value not in (None, ""):
                schools.setdefault(path, {}).setdefault(fact.key, []).append(value)
    for pk, programme in facts.items():
        for fact in school_facts:
            # Each value once: two schools of one province count the programme once there.
            values = (value for path in school_of[pk] for value in schools.get(path, {}).get(fact.key, ()))
            programme[fact.key] = list(dict.fromkeys(values))
    return facts

"""Volume for tests and benchmarks: ``generate_catalogue()`` makes N schools, M
programmes and K partners with partnerships and programme partners
(``manage.py generate_catalogue``; ``benchmarks/run.py`` and the demo tests
call that command, code can import this function).

Creating a Wagtail page the usual way (``add_child`` then
``save_revision().publish()``) costs about 70 queries, too slow for tens of
thousands of pages. Here each parent's first new child is added with Wagtail's
``add_child`` and its following siblings are inserted in bulk at the next
positions of treebeard's path numbering (see ``PageRows``); one revision per
page is bulk-created and set as the live and latest revision. The result is the
same as publishing: live pages with a URL path in every language, a revision,
search index entries (``_index_search``) and the catalogue cache invalidated.
Everything is ``is_sample``.

It is a generator, not a loader: each run adds more pages, numbered after the
ones a previous run with the same ``prefix`` made.
"""

import random
import time

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from wagtail.models import Page, Revision

from django_countries import countries

from partners.models import (
    PartnerIndexPage,
    PartnerKind,
    PartnerPage,
    Partnership,
    PartnershipKind,
    PartnershipStage,
    ProgrammePartner,
    is_foreign_partner,
)
from portal.demo.loader import (
    coming_intakes,
    programme_fees,
    read_data,
    read_specialties,
    search_and_reference_index_deferred,
)
from portal.site_tree import ensure_site_tree, set_slug, set_translations
from programmes.models import (
    DAYS_PER_UNIT,
    FieldOfStudy,
    Level,
    ProgrammeIntake,
    ProgrammePage,
    ProgrammeStatus,
    ProgrammeType,
    Province,
    SchoolIndexPage,
    SchoolPage,
    TeachingLanguage,
)
from search.engines import get_engine
from search.page_cache import invalidate_catalogue_cache

FEE_KEYS = ["free", "free", "employer", "tuition", "course_fee"]
INTAKE_KEYS = ["september", "march_september", "rolling", "july"]
LANGUAGE_SUFFIXES = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
BATCH_SIZE = 500
# Countries partners come from: many, so the country facet has spread.
PARTNER_COUNTRIES = [
    "TH",
    "VN",
    "ID",
    "MY",
    "KH",
    "LA",
    "MM",
    "PH",
    "SG",
    "KZ",
    "UZ",
    "KG",
    "TJ",
    "RU",
    "MN",
    "PK",
    "BD",
    "LK",
    "NP",
    "EG",
    "MA",
    "DZ",
    "TN",
    "AE",
    "SA",
    "JO",
    "ET",
    "KE",
    "TZ",
    "UG",
    "NG",
    "GH",
    "SN",
    "CI",
    "ZA",
    "ZM",
    "MG",
    "DE",
    "FR",
    "ES",
    "IT",
    "PL",
    "RS",
    "HU",
    "GB",
    "PT",
    "BR",
    "MX",
    "CL",
    "AR",
    "PE",
    "AU",
    "NZ",
]
PARTNER_WORDS = {
    PartnerKind.COLLEGE: ("Technical College", "技术学院"),
    PartnerKind.APPLIED_SCIENCES: ("University of Applied Sciences", "应用科学大学"),
    PartnerKind.POLYTECHNIC: ("Polytechnic", "理工学院"),
    PartnerKind.UNIVERSITY: ("University", "大学"),
    PartnerKind.AGENCY: ("Skills Development Agency", "技能发展署"),
    PartnerKind.ENTERPRISE: ("Industries Ltd.", "工业有限公司"),
    PartnerKind.CHINESE_ENTERPRISE_ABROAD: ("Engineering Co. (overseas branch)", "工程公司海外分公司"),
    PartnerKind.INTERNATIONAL: ("Vocational Training Network", "职业培训网络"),
}
SCHOOL_WORDS = [
    ("Vocational and Technical College", "职业技术学院", Level.HIGHER),
    ("Polytechnic", "职业学院", Level.HIGHER),
    ("Vocational University", "职业技术大学", Level.UNDERGRADUATE),
    ("Secondary Vocational School", "中等职业学校", Level.SECONDARY),
]


def _country_name(code, language):
    with translation.override(language):
        return str(countries.name(code))


class PageRows:
    """New pages of one type, added to the tree in bulk the way treebeard's own
    bulk loader (``MP_Node.load_bulk(bulk_create=True)``) does it, which cannot
    be called here because it refuses multi-table models such as pages.

    The first new child of each parent goes through Wagtail's ``add_child``:
    the tree finds its free position after the parent's existing children,
    validates the page and counts it in the parent's ``numchild``. Each
    following sibling takes the next position in treebeard's path numbering
    (``_inc_path``); Wagtail's ``set_url_path`` (extended by
    wagtail-modeltranslation to every language) gives every page its URL
    paths. Those siblings are then inserted in bulk and counted in their
    parent's ``numchild`` in one update."""

    def __init__(self, model):
        self.model = model
        self.content_type = ContentType.objects.get_for_model(model)
        self.pages = []
        self.children = {}  # parent -> its new pages, in order

    def add(self, page, parent, slug, titles):
        set_translations(page, "title", titles)
        set_slug(page, slug)
        now = timezone.now()
        page.draft_title = titles["en"]
        page.content_type = self.content_type
        page.locale_id = parent.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = page.latest_revision_created_at = now
        page.depth = parent.depth + 1
        page.set_url_path(parent)
        self.pages.append(page)
        self.children.setdefault(parent, []).append(page)
        return page

    def insert(self):
        """Add the pages to the tree: the first child of each parent through
        ``add_child``, the others in bulk behind it."""
        siblings = []
        with search_and_reference_index_deferred(self.model):
            for parent, pages in self.children.items():
                parent.add_child(instance=pages[0])
                for previous, page in zip(pages, pages[1:], strict=False):
                    page.path = previous._inc_path()
                    page.numchild = 0
                siblings += pages[1:]
        # Django's bulk_create refuses multi-table models: insert the rows of
        # wagtailcore_page, then those of the page type with the same keys.
        base_fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
        base_rows = [Page(**{name: getattr(page, name) for name in base_fields}) for page in siblings]
        Page.objects.bulk_create(base_rows, batch_size=BATCH_SIZE)
        for page, row in zip(siblings, base_rows, strict=True):
            page.pk = page.id = page.page_ptr_id = row.pk
        local_fields = list(self.model._meta.local_concrete_fields)
        manager = self.model._base_manager
        for start in range(0, len(siblings), BATCH_SIZE // 2):
            manager._insert(siblings[start : start + BATCH_SIZE // 2], fields=local_fields)
        for parent, pages in self.children.items():
            if len(pages) > 1:
                Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages) - 1)
                parent.numchild += len(pages) - 1

    def set_many_to_many(self, field_name, values_of):
        """Insert the rows of a many-to-many field; ``values_of(page)`` gives a
        page's values."""
        field = self.model._meta.get_field(field_name)
        through = field.remote_field.through
        own, other = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        rows = []
        for page in self.pages:
            values = values_of(page)
            rows += [through(**{own: page.pk, other: value.pk}) for value in values]
            setattr(page, field_name, values)
        through.objects.bulk_create(rows, batch_size=BATCH_SIZE)

    def publish(self):
        """One revision per page, set as its latest and live revision."""
        base_content_type = ContentType.objects.get_for_model(Page)
        now = timezone.now()
        for start in range(0, len(self.pages), BATCH_SIZE):
            chunk = self.pages[start : start + BATCH_SIZE]
            revisions = Revision.objects.bulk_create(
                [
                    Revision(
                        content_type=self.content_type,
                        base_content_type=base_content_type,
                        object_id=str(page.pk),
                        created_at=now,
                        object_str=page.title_en,
                        content=page.serializable_data(),
                    )
                    for page in chunk
                ]
            )
            base_rows = []
            for page, revision in zip(chunk, revisions, strict=True):
                page.latest_revision_id = page.live_revision_id = revision.pk
                base_rows.append(Page(pk=page.pk, latest_revision_id=revision.pk, live_revision_id=revision.pk))
            Page.objects.bulk_update(base_rows, ["latest_revision", "live_revision"])


def _index_search(pages):
    """Add the new pages to the search index, in batches."""
    engine = get_engine()
    for start in range(0, len(pages), BATCH_SIZE):
        engine.index(pages[start : start + BATCH_SIZE])


def _next_number(model, parent, prefix):
    existing = model.objects.child_of(parent).filter(slug_en__startswith=f"{prefix}-").values_list("slug_en", flat=True)
    numbers = [int(slug.rsplit("-", 1)[1]) for slug in existing if slug.rsplit("-", 1)[1].isdigit()]
    return max(numbers, default=0) + 1


@transaction.atomic
def generate_catalogue(schools, programmes, partners, seed=1, prefix="gen", stdout=None):
    """Add ``schools`` schools, ``programmes`` programmes spread over the new
    schools and ``partners`` partners; return the seconds it took."""
    started = time.monotonic()
    rng = random.Random(seed)
    with translation.override("en"):
        ensure_site_tree()
        school_index = SchoolIndexPage.objects.get()
        partner_index = PartnerIndexPage.objects.get()
        provinces = list(Province.objects.all())
        fields = {field.code: field for field in FieldOfStudy.objects.filter(depth=FieldOfStudy.Depth.DETAILED)}
        languages = {language.code: language for language in TeachingLanguage.objects.all()}
        vocabulary = read_data("vocabulary")
        specialties = [
            (zh, row["name_en"], row["isced_f"]) for zh, row in read_specialties().items() if row["isced_f"] in fields
        ]
        if programmes and not schools:
            raise ValueError("Programmes need schools: give --schools as well.")

        partner_rows = PageRows(PartnerPage)
        first = _next_number(PartnerPage, partner_index, f"{prefix}-partner")
        for number in range(first, first + partners):
            kind = rng.choice(PartnerKind.values)
            country = PARTNER_COUNTRIES[(number + rng.randint(0, 3)) % len(PARTNER_COUNTRIES)]
            zh_words, en_words = PARTNER_WORDS[kind][1], PARTNER_WORDS[kind][0]
            city_en = _country_name(country, "en")
            page = PartnerPage(
                native_name="",
                country=country,
                kind=kind,
                # Set here: most rows are inserted in bulk, without save().
                is_foreign=is_foreign_partner(country, kind),
                is_sample=True,
                city_en=f"City {number}",
                city_zh_hans=f"城市{number}",
                description_en=f"<p>A sample {en_words.lower()} in {city_en}, generated for load tests.</p>",
                description_zh_hans=f"<p>{_country_name(country, 'zh-hans')}的{zh_words}（测试数据）。</p>",
            )
            titles = {
                "en": f"{city_en} {en_words} {number}",
                "zh-hans": f"{_country_name(country, 'zh-hans')}{zh_words}{number}",
            }
            partner_rows.add(page, partner_index, f"{prefix}-partner-{number}", titles)
            page.teaching_language_code = vocabulary["country_languages"].get(country, "en")
        partner_rows.insert()
        partner_rows.publish()
        new_partners = partner_rows.pages

        school_rows = PageRows(SchoolPage)
        first = _next_number(SchoolPage, school_index, f"{prefix}-school")
        for index, number in enumerate(range(first, first + schools)):
            province = provinces[index % len(provinces)]
            en_words, zh_words, level = rng.choice(SCHOOL_WORDS)
            own = rng.sample(specialties, 3)
            spec_zh, spec_en, _code = own[0]
            page = SchoolPage(
                official_name_zh=f"{province.name_zh_hans}{spec_zh}{zh_words}{number}",
                province=province,
                level=level,
                founded_year=rng.randint(1950, 2015),
                contact_email=f"{prefix}-school-{number}@example.org",
                contact_language="zh-hans",
                is_sample=True,
                city_en=province.name_en,
                city_zh_hans=province.name_zh_hans,
                introduction_en=f"<p>A sample school in {province.name_en} teaching "
                f"{', '.join(s[1] for s in own)}.</p>",
                introduction_zh_hans=f"<p>位于{province.name_zh_hans}的示例院校，"
                f"开设{'、'.join(s[0] for s in own)}等专业。</p>",
                contact_department_en="International Office",
                contact_department_zh_hans="国际交流与合作处",
            )
            titles = {
                "en": f"{province.name_en} {spec_en} {en_words} {number}",
                "zh-hans": page.official_name_zh,
            }
            school_rows.add(page, school_index, f"{prefix}-school-{number}", titles)
            page.specialties = own
            page.language_codes = ["zh", "en"] + rng.sample(["ru", "fr", "es", "ar", "th"], rng.randint(0, 2))
        school_rows.insert()
        school_rows.set_many_to_many(
            "fields_of_study", lambda page: sorted({fields[s[2]] for s in page.specialties}, key=lambda f: f.code)
        )
        school_rows.set_many_to_many("teaching_languages", lambda page: [languages[c] for c in page.language_codes])
        new_schools = school_rows.pages

        # Partnerships: each new school works with one to four partners (new ones
        # if there are, otherwise any partner).
        partner_pool = new_partners or list(PartnerPage.objects.live())
        partnerships = []
        for school in new_schools:
            chosen = rng.sample(partner_pool, min(len(partner_pool), rng.randint(1, 4))) if partner_pool else []
            school.chosen_partners = chosen
            for order, partner in enumerate(chosen):
                stage = rng.choice(PartnershipStage.values)
                year = rng.randint(2015, 2025)
                partnerships.append(
                    Partnership(
                        school_id=school.pk,
                        partner_id=partner.pk,
                        sort_order=order,
                        kind=rng.choice(PartnershipKind.values),
                        stage=stage,
                        start_date=None if stage == PartnershipStage.PROPOSED else timezone.datetime(year, 9, 1).date(),
                    )
                )
        Partnership.objects.bulk_create(partnerships, batch_size=BATCH_SIZE)
        by_school = {}
        for partnership in partnerships:
            by_school.setdefault(partnership.school_id, []).append(partnership)
        for school in new_schools:
            school.partnerships = by_school.get(school.pk, [])

        programme_rows = PageRows(ProgrammePage)
        programmes_of = {}
        programme_partner_rows = []
        types = ProgrammeType.values
        today = timezone.localdate()
        statuses = [ProgrammeStatus.OPEN] * 3 + [ProgrammeStatus.RUNNING] * 2 + [ProgrammeStatus.CLOSED]
        levels = [Level.HIGHER, Level.HIGHER, Level.NON_DEGREE, Level.UNDERGRADUATE, Level.SECONDARY]
        for index in range(programmes):
            school = new_schools[index % len(new_schools)]
            number = programmes_of.get(school.pk, 0) + 1
            programmes_of[school.pk] = number
            programme_type = types[index % len(types)]
            spec_zh, spec_en, code = rng.choice(school.specialties + [rng.choice(specialties)])
            partner = None
            if school.chosen_partners and programme_type != ProgrammeType.ONLINE_COURSE:
                partner = rng.choice(school.chosen_partners)
            country = partner.country if partner and rng.random() < 0.8 else "CN"
            place_en, place_zh = _country_name(country, "en"), _country_name(country, "zh-hans")
            type_en = ProgrammeType(programme_type).label
            with translation.override("zh-hans"):
                type_zh = str(ProgrammeType(programme_type).label)
            duration_number, duration_unit = vocabulary["durations"][
                rng.choice(vocabulary["type_durations"][programme_type])
            ]
            page = ProgrammePage(
                programme_type=programme_type,
                level=rng.choice(levels),
                delivery_country=country,
                capacity=rng.choice([15, 20, 30, 40, 60, 100]),
                status=rng.choice(statuses),
                is_sample=True,
                delivery_city_en=place_en,
                delivery_city_zh_hans=place_zh,
                duration_number=duration_number,
                duration_unit=duration_unit,
                duration_days=duration_number * DAYS_PER_UNIT[duration_unit],
                entry_requirements_en=vocabulary["entry_requirements"][programme_type]["en"],
                entry_requirements_zh_hans=vocabulary["entry_requirements"][programme_type]["zh-hans"],
                **programme_fees(rng.choice(FEE_KEYS), country),
                description_en=f"<p>A sample {str(type_en).lower()} in {spec_en} delivered in {place_en}.</p>",
                description_zh_hans=f"<p>在{place_zh}开展的{spec_zh}{type_zh}（测试数据）。</p>",
            )
            title_templates = vocabulary["programme_titles"][programme_type]
            titles = {
                "en": title_templates["en"].format(spec=spec_en, place=place_en) + f" {index + 1}",
                "zh-hans": title_templates["zh-hans"].format(spec=spec_zh, place=place_zh) + f"{index + 1}",
            }
            programme_rows.add(page, school, f"{prefix}-programme-{number}", titles)
            page.partner = partner
            page.field_codes = [code]
            intake = vocabulary["intakes"][rng.choice(INTAKE_KEYS)]
            # Inserted in bulk below, then set on the page for its revision.
            page.new_intakes = coming_intakes(intake["months"], intake["deadline_weeks"], today)
            language = getattr(partner, "teaching_language_code", None)
            page.language_codes = ["zh", "en"] + ([language] if language and language not in ("zh", "en") else [])
        school_rows.publish()
        programme_rows.insert()
        intakes = []
        for page in programme_rows.pages:
            for order, intake in enumerate(page.new_intakes):
                intake.programme_id, intake.sort_order = page.pk, order
                intakes.append(intake)
        ProgrammeIntake.objects.bulk_create(intakes, batch_size=BATCH_SIZE)
        for page in programme_rows.pages:
            page.intakes = page.new_intakes
        programme_rows.set_many_to_many(
            "teaching_languages", lambda page: [languages[c] for c in page.language_codes if c in languages]
        )
        programme_rows.set_many_to_many("fields_of_study", lambda page: [fields[c] for c in page.field_codes])
        for page in programme_rows.pages:
            links = []
            if page.partner:
                links.append(
                    ProgrammePartner(programme_id=page.pk, partner_id=page.partner.pk, sort_order=0, role="Partner")
                )
            programme_partner_rows.extend(links)
            page.partner_links = links
        ProgrammePartner.objects.bulk_create(programme_partner_rows, batch_size=BATCH_SIZE)
        programme_rows.publish()

        _index_search(partner_rows.pages + school_rows.pages + programme_rows.pages)
    transaction.on_commit(invalidate_catalogue_cache)
    seconds = time.monotonic() - started
    if stdout is not None:
        stdout.write(
            f"Added {len(new_schools)} schools, {len(programme_rows.pages)} programmes, {len(new_partners)} partners, "
            f"{len(partnerships)} partnerships and {len(programme_partner_rows)} programme partners in {seconds:.1f} s."
        )
    return seconds

"""Build the demo site from ``portal.demo.content``: published pages in six
languages, partnerships, batches, selections, yearly figures, enquiries and two
demo users.

The whole demo is planned first from a seeded ``random.Random``, so it is the
same on every run; then only what is missing is created. Existing pages are
found by their URL path and left alone (an editor may have changed them), which
makes a second run take a second or two.
"""

import csv
import datetime
import io
import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone, translation
from django.utils.text import slugify

from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from partners.models import (
    Enquiry,
    EnquiryStatus,
    PartnerIndexPage,
    PartnerPage,
    Partnership,
    PartnershipKind,
    PartnershipStage,
    ProgrammePartner,
)
from portal.demo import content
from portal.roles import MINISTRY_EDITORS
from portal.site_tree import ensure_site_tree, set_slug, set_translations
from programmes.batches import record_decision
from programmes.models import (
    Batch,
    BatchSelection,
    FieldOfStudy,
    Level,
    ProgrammePage,
    ProgrammeStatus,
    ProgrammeType,
    Province,
    SchoolIndexPage,
    SchoolPage,
    SelectionStatus,
    TeachingLanguage,
    YearlyReport,
)

DATA_DIR = Path(__file__).resolve().parent
SEED = 20240901
PROGRAMME_COUNT = 80
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
DEMO_USERS = (("admin", "admin"), ("ministry", "ministry"))
CATEGORY_TEXT = {
    "高水平学校建设单位": {"en": "a high-level school", "zh-hans": "高水平学校建设单位"},
    "高水平专业群建设单位": {"en": "a school with high-level specialty groups", "zh-hans": "高水平专业群建设单位"},
}
# A programme of this type is usually agreed as a partnership of this kind.
PARTNERSHIP_KIND_FOR_TYPE = {
    ProgrammeType.TRAINING_CENTRE: PartnershipKind.TRAINING_CENTRE,
    ProgrammeType.JOINT_PROGRAMME: PartnershipKind.JOINT_PROGRAMME,
    ProgrammeType.EXCHANGE: PartnershipKind.EXCHANGE,
    ProgrammeType.TEACHER_TRAINING: PartnershipKind.TEACHER_TRAINING,
    ProgrammeType.STANDARD: PartnershipKind.STANDARDS,
}
TYPES_WITH_PARTNER = set(PARTNERSHIP_KIND_FOR_TYPE)
PROGRAMME_ROLES = {
    ProgrammeType.TRAINING_CENTRE: "Hosts the training centre",
    ProgrammeType.JOINT_PROGRAMME: "Awards the partner diploma",
    ProgrammeType.EXCHANGE: "Hosts exchange students",
    ProgrammeType.TEACHER_TRAINING: "Sends teachers for training",
    ProgrammeType.STANDARD: "Co-writes the standard",
}
LOGO_COLOURS = ["#1f5f8b", "#8b1f3a", "#2e7d32", "#6a1b9a", "#b35c00", "#00695c", "#37474f", "#ad1457", "#283593"]


def read_csv(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def suffix(code):
    return code.replace("-", "_")


# --- The plan ------------------------------------------------------------------


@dataclass
class SchoolPlan:
    slug: str
    titles: dict
    official_name_zh: str
    former_names: str
    province_zh: str
    city: dict
    level: str
    founded_year: int | None
    specialties: list
    languages: list
    introduction: dict
    category: str
    tier: str
    partnerships: list = field(default_factory=list)  # (partner slug, kind, stage, start year)


@dataclass
class ProgrammePlan:
    school_slug: str
    slug: str
    titles: dict
    programme_type: str
    specialty: str
    level: str
    country: str
    city: dict
    partner_slug: str | None
    languages: list
    duration: str
    intake: str
    capacity: int
    fees: str
    certificates: list
    status: str
    fully_translated: bool


def _school_introductions(school, row, province):
    """English and Chinese introductions built from the CSV's facts."""
    if "introduction_en" in school:
        return {"en": school["introduction_en"], "zh-hans": school["introduction_zh"]}
    city_en, city_zh = school["city"]["en"], school["city"]["zh-hans"]
    groups_zh = row["major_group_zh"].split("、")
    groups_en = " and ".join(content.SPECIALTIES[name][0] for name in groups_zh)
    place_en = city_en if city_en == province.name_en else f"{city_en}, {province.name_en}"
    place_zh = city_zh if city_zh == province.name_zh_hans else f"{province.name_zh_hans}{city_zh}"
    kind_en = "a vocational university" if school.get("level") == Level.UNDERGRADUATE else "a higher vocational college"
    category = CATEGORY_TEXT[row["category"]]
    former = ""
    if school.get("former"):
        former_zh, former_en = [name.strip() for name in school["former"].split(";")]
        former = f" Until its upgrade to a vocational university it was called {former_en}."
        former_zh_text = f"学校原名{former_zh}，后升格为职业本科大学。"
    else:
        former_zh_text = ""
    return {
        "en": f"<p>{school['en']} is {kind_en} in {place_en}.{former} In 2019 it was selected for the national "
        f'"Double High" plan as {category["en"]} (tier {row["tier"]}), for its specialty '
        f"{'groups' if len(groups_zh) > 1 else 'group'} in {groups_en}.</p>"
        "<p>Its international office welcomes partners for training centres abroad, joint programmes, exchanges "
        "and teacher training.</p>",
        "zh-hans": f"<p>{row['name_zh']}位于{place_zh}。{former_zh_text}2019年入选国家“双高计划”{category['zh-hans']}"
        f"（{row['tier']}档），建设专业群为{'、'.join(groups_zh)}。</p>"
        "<p>学校国际交流与合作处欢迎海外院校和企业在海外培训中心、合作办学、学生交流和师资培训等方面开展合作。</p>",
    }


def plan_schools():
    rows = {row["name_zh"]: row for row in read_csv("schools_double_high_2019_sample.csv")}
    provinces = {province.name_zh_hans: province for province in Province.objects.all()}
    plans = []
    for school in content.SCHOOLS:
        row = rows.get(school["name_zh"]) or {"name_zh": school["name_zh"], **school["csv"]}
        province = provinces[row["province_zh"]]
        city = school["city"]
        if isinstance(city, tuple):
            city = {"en": city[0], "zh-hans": city[1]}
            school = {**school, "city": city}
        titles = {"en": school["en"], "zh-hans": school["name_zh"]}
        introduction = _school_introductions(school, row, province)
        translations = school.get("translations", {})
        titles.update(translations.get("title", {}))
        introduction.update(translations.get("introduction", {}))
        plans.append(
            SchoolPlan(
                slug=school.get("slug") or slugify(school["en"]),
                titles=titles,
                official_name_zh=school["name_zh"],
                former_names=school.get("former", ""),
                province_zh=row["province_zh"],
                city=city,
                level=school.get("level", Level.HIGHER),
                founded_year=school.get("founded_year"),
                specialties=row["major_group_zh"].split("、"),
                languages=school.get("languages", ["zh", "en"]),
                introduction=introduction,
                category=row["category"],
                tier=row["tier"],
            )
        )
    return plans


def _partnership_stage(rng):
    stage = rng.choice(
        [PartnershipStage.RUNNING] * 4
        + [PartnershipStage.SIGNED, PartnershipStage.FIRST_COHORT, PartnershipStage.RENEWED]
        + [PartnershipStage.PROPOSED, PartnershipStage.ENDED]
    )
    return stage, rng.randint(2016, 2025)


def plan_demo():
    """The whole demo as plain data, the same on every run."""
    rng = random.Random(SEED)
    schools = plan_schools()
    by_slug = {school.slug: school for school in schools}
    partners = {partner["slug"]: partner for partner in content.PARTNERS}
    partner_slugs = list(partners)

    def add_partnership(school, partner_slug, kind=None):
        if any(existing[0] == partner_slug for existing in school.partnerships):
            return
        stage, start_year = _partnership_stage(rng)
        kind = kind or rng.choice(
            [PartnershipKind.OTHER, PartnershipKind.ENTERPRISE_TRAINING, PartnershipKind.EXCHANGE]
        )
        school.partnerships.append((partner_slug, kind, stage, start_year))

    programmes = []
    for school_slug, specialty, programme_type, partner_slug, country, city in content.FULLY_TRANSLATED_PROGRAMMES:
        if partner_slug:
            add_partnership(by_slug[school_slug], partner_slug, PARTNERSHIP_KIND_FOR_TYPE.get(programme_type))
        programmes.append(
            _plan_programme(rng, by_slug[school_slug], specialty, programme_type, partner_slug, country, city, True)
        )
    # Every partner works with at least one school; most schools with two to four.
    for index, partner_slug in enumerate(partner_slugs):
        add_partnership(schools[(index * 7) % len(schools)], partner_slug)
    for school in schools:
        for partner_slug in rng.sample(partner_slugs, rng.randint(1, 3)):
            add_partnership(school, partner_slug)

    types = list(ProgrammeType.values)
    remaining = PROGRAMME_COUNT - len(programmes)
    for index in range(remaining):
        school = schools[index] if index < len(schools) else rng.choice(schools)
        programme_type = types[index % len(types)]
        specialty = rng.choice(school.specialties)
        partner_slug = None
        if programme_type in TYPES_WITH_PARTNER:
            partner_slug = rng.choice(school.partnerships)[0]
            partner = partners[partner_slug]
            country = partner["country"]
            city = {"en": partner["city"][0], "zh-hans": partner["city"][1]}
        else:
            country, city = "CN", dict(school.city)
        programmes.append(_plan_programme(rng, school, specialty, programme_type, partner_slug, country, city, False))

    # Slugs are unique among a school's programmes.
    seen = set()
    for programme in programmes:
        slug, number = programme.slug, 2
        while (programme.school_slug, slug) in seen:
            slug, number = f"{programme.slug}-{number}", number + 1
        programme.slug = slug
        seen.add((programme.school_slug, slug))
    return schools, programmes, rng


def _plan_programme(rng, school, specialty, programme_type, partner_slug, country, city, fully_translated):
    spec_en = content.SPECIALTIES[specialty][0]
    spec_names = {"en": spec_en, "zh-hans": specialty, **content.SPECIALTY_TRANSLATIONS.get(specialty, {})}
    languages = ["zh", "en"]
    if country in content.COUNTRY_LANGUAGES and content.COUNTRY_LANGUAGES[country] not in languages:
        languages.append(content.COUNTRY_LANGUAGES[country])
    title_languages = LANGUAGE_CODES if fully_translated else ["en", "zh-hans"]
    titles = {
        code: content.PROGRAMME_TITLES[programme_type][code].format(spec=spec_names[code], place=city[code])
        for code in title_languages
    }
    level = {
        ProgrammeType.JOINT_PROGRAMME: Level.HIGHER,
        ProgrammeType.EXCHANGE: Level.HIGHER,
        ProgrammeType.STANDARD: Level.HIGHER,
    }.get(programme_type, Level.NON_DEGREE)
    if programme_type == ProgrammeType.JOINT_PROGRAMME and school.level == Level.UNDERGRADUATE:
        level = Level.UNDERGRADUATE
    status = rng.choice([ProgrammeStatus.OPEN] * 3 + [ProgrammeStatus.RUNNING] * 2 + [ProgrammeStatus.CLOSED])
    return ProgrammePlan(
        school_slug=school.slug,
        slug=slugify(titles["en"])[:70].strip("-"),
        titles=titles,
        programme_type=programme_type,
        specialty=specialty,
        level=level,
        country=country,
        city=city,
        partner_slug=partner_slug,
        languages=languages,
        duration=rng.choice(content.TYPE_DURATIONS[programme_type]),
        intake=rng.choice(list(content.INTAKES)),
        capacity=rng.choice([20, 25, 30, 40, 50, 60, 120]),
        fees=rng.choice(
            ["tuition", "free"] if programme_type == ProgrammeType.JOINT_PROGRAMME else ["free", "employer"]
        ),
        certificates=content.TYPE_CERTIFICATES[programme_type],
        status=status,
        fully_translated=fully_translated,
    )


# --- Building pages ------------------------------------------------------------------


def draw_logo(initials, colour):
    """A 256 px square PNG: white initials on a coloured background."""
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    image = PILImage.new("RGB", (256, 256), colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=110 if len(initials) <= 2 else 84 if len(initials) == 3 else 64)
    draw.text((128, 128), initials, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer


def initials_of(name):
    skip = {"of", "and", "the", "for", "in"}
    letters = [word[0] for word in name.replace("-", " ").replace("'", " ").split() if word.lower() not in skip]
    return "".join(letters[:4]).upper()


def make_logo(slug, name, index):
    image_model = get_image_model()
    title = f"{name} – logo"
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = draw_logo(initials_of(name), LOGO_COLOURS[index % len(LOGO_COLOURS)])
    image = image_model(title=title, file=ImageFile(buffer, name=f"demo-logo-{slug}.png"))
    image.save()
    return image


@contextmanager
def indexing_deferred(models):
    """Skip the search and reference index updates on every save of these
    models (a page is saved three times on its way to being published); the
    caller indexes each new page once afterwards with ``index_pages``."""
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def index_pages(pages):
    for page in pages:
        search_index.insert_or_update_object(page)
        ReferenceIndex.create_or_update_for_object(page)


def publish_child(parent, page):
    parent.add_child(instance=page)
    # add_child has just validated the page; validating again costs queries.
    page.save_revision(clean=False).publish()
    return page


def _partner_texts(partner):
    """Title, city and description of a partner in each language it has."""
    from django_countries import countries

    texts = {
        "en": (partner["en"], partner["city"][0]),
        "zh-hans": (partner["zh"], partner["city"][1]),
        **partner.get("texts", {}),
    }
    titles, cities, descriptions = {}, {}, {}
    for code, (title, city) in texts.items():
        with translation.override(code):
            country = str(countries.name(partner["country"]))
        sentence = content.PARTNER_SENTENCE[code].format(
            name=title, kind=content.KIND_WORDS[partner["kind"]][code], city=city, country=country
        )
        separator = "" if code == "zh-hans" else " "
        if partner.get("real") and "UNEVOC" in partner["csv_name"]:
            sentence += separator + content.PARTNER_FACTS["unevoc"][code]
        elif not partner.get("real"):
            sentence += separator + content.SAMPLE_PARTNER_SENTENCE[code]
        titles[code], cities[code], descriptions[code] = title, city, f"<p>{sentence}</p>"
    return titles, cities, descriptions


def build_partner(partner):
    titles, cities, descriptions = _partner_texts(partner)
    page = PartnerPage(
        native_name=partner.get("native", ""),
        country=partner["country"],
        kind=partner["kind"],
        is_sample=not partner.get("real", False),
    )
    set_translations(page, "title", titles)
    set_translations(page, "city", cities)
    set_translations(page, "description", descriptions)
    set_slug(page, partner["slug"])
    return page


def build_school(plan, provinces, fields, languages, partner_pages, logo):
    page = SchoolPage(
        official_name_zh=plan.official_name_zh,
        former_names=plan.former_names,
        province=provinces[plan.province_zh],
        level=plan.level,
        founded_year=plan.founded_year,
        logo=logo,
        contact_email=f"{plan.slug}@example.org",
        contact_language="zh-hans",
        is_sample=True,
    )
    set_translations(page, "title", plan.titles)
    set_translations(page, "city", plan.city)
    set_translations(page, "introduction", plan.introduction)
    set_translations(page, "contact_department", content.CONTACT_DEPARTMENT)
    set_slug(page, plan.slug)
    page.fields_of_study = sorted(
        {fields[content.SPECIALTIES[name][1]] for name in plan.specialties if name in content.SPECIALTIES},
        key=lambda field_of_study: field_of_study.code,
    )
    page.teaching_languages = [languages[code] for code in plan.languages]
    page.partnerships = [
        Partnership(
            partner=partner_pages[partner_slug],
            kind=kind,
            stage=stage,
            start_date=datetime.date(start_year, 9, 1) if stage != PartnershipStage.PROPOSED else None,
            agreement_date=datetime.date(start_year, 6, 15) if stage != PartnershipStage.PROPOSED else None,
            end_date=datetime.date(min(start_year + 3, 2025), 7, 31) if stage == PartnershipStage.ENDED else None,
            end_reason="Programme completed" if stage == PartnershipStage.ENDED else "",
        )
        for partner_slug, kind, stage, start_year in plan.partnerships
    ]
    return page


def build_programme(plan, school_plan, fields, languages, partner_pages):
    from django_countries import countries

    page = ProgrammePage(
        programme_type=plan.programme_type,
        field_of_study=fields[content.SPECIALTIES[plan.specialty][1]],
        level=plan.level,
        delivery_country=plan.country,
        capacity=plan.capacity,
        status=plan.status,
        is_sample=True,
    )
    text_languages = LANGUAGE_CODES if plan.fully_translated else ["en", "zh-hans"]
    spec_names = {"en": content.SPECIALTIES[plan.specialty][0], "zh-hans": plan.specialty}
    spec_names.update(content.SPECIALTY_TRANSLATIONS.get(plan.specialty, {}))
    partner = partner_pages.get(plan.partner_slug)
    descriptions = {}
    for code in text_languages:
        with translation.override(code):
            country = str(countries.name(plan.country))
        school_name = school_plan.titles.get(code, school_plan.titles["en"])
        partner_name = getattr(partner, f"title_{suffix(code)}", None) or (partner.title_en if partner else "")
        place = plan.city[code] if plan.country == "CN" else f"{plan.city[code]}, {country}"
        if code == "zh-hans":
            place = f"{country}{plan.city[code]}" if plan.country != "CN" else plan.city[code]
        if not partner:
            partner_name = {"en": "companies in the sector", "zh-hans": "行业企业"}.get(code, "")
        descriptions[code] = content.PROGRAMME_DESCRIPTIONS[plan.programme_type][code].format(
            school=school_name, spec=spec_names[code], partner=partner_name, place=place
        )
    set_translations(page, "title", plan.titles)
    set_translations(page, "description", descriptions)
    set_translations(page, "delivery_city", {code: plan.city[code] for code in text_languages})
    set_translations(page, "duration", {code: content.DURATIONS[plan.duration][code] for code in text_languages})
    set_translations(page, "intake", {code: content.INTAKES[plan.intake][code] for code in text_languages})
    set_translations(page, "fees", {code: content.FEES[plan.fees][code] for code in text_languages})
    if plan.programme_type in (ProgrammeType.JOINT_PROGRAMME, ProgrammeType.EXCHANGE):
        set_translations(page, "scholarships", {code: content.SCHOLARSHIPS[code] for code in text_languages})
    if plan.certificates:
        set_translations(
            page,
            "certificates",
            {code: "\n".join(content.CERTIFICATES[key][code] for key in plan.certificates) for code in text_languages},
        )
    set_slug(page, plan.slug)
    page.teaching_languages = [languages[code] for code in plan.languages]
    if partner:
        page.partner_links = [
            ProgrammePartner(partner=partner, role=PROGRAMME_ROLES.get(plan.programme_type, "Co-organises the course"))
        ]
    return page


# --- Rows that are not pages ------------------------------------------------------


def ensure_users(stdout):
    user_model = get_user_model()
    admin = user_model.objects.filter(username="admin").first()
    if admin is None:
        admin = user_model.objects.create_superuser("admin", "admin@example.org", "admin")
    users = {"admin": admin}
    group = Group.objects.filter(name=MINISTRY_EDITORS).first()
    if group is not None:
        ministry = user_model.objects.filter(username="ministry").first()
        if ministry is None:
            ministry = user_model.objects.create_user("ministry", "ministry@example.org", "ministry", is_staff=True)
        ministry.groups.add(group)
        users["ministry"] = ministry
    stdout.write(
        "WARNING: demo credentials "
        + ", ".join(f"{name}/{name}" for name in users)
        + " are for local development only; never load the demo on a public server."
    )
    return users


def ensure_batches():
    batches = {}
    for number, year in ((1, 2024), (2, 2025), (3, 2026)):
        names = content.BATCH_NAMES[number]
        batch, _created = Batch.objects.get_or_create(
            number=number,
            defaults={
                "name": names["en"],
                "name_en": names["en"],
                "name_zh_hans": names["zh-hans"],
                "year": year,
                "quota": 100,
            },
        )
        batches[number] = batch
    return batches


def ensure_selections(rng, school_pages, batches, decided_by):
    """Most demo schools in a batch: batch 1 mostly selected (one withdrawn),
    batch 2 selected and nominated, batch 3 nominated."""
    slugs = list(school_pages)
    plan = []
    for index, slug in enumerate(slugs[:38]):
        if index < 16:
            number, status = 1, SelectionStatus.WITHDRAWN if index == 15 else SelectionStatus.SELECTED
        elif index < 29:
            number, status = 2, SelectionStatus.SELECTED if index < 25 else SelectionStatus.NOMINATED
        else:
            number, status = 3, SelectionStatus.NOMINATED
        plan.append((slug, number, status, rng.randint(1, 27)))
    existing = set(BatchSelection.objects.filter(school__in=school_pages.values()).values_list("school_id", flat=True))
    for slug, number, status, day in plan:
        school = school_pages[slug]
        if school.pk in existing:
            continue
        batch = batches[number]
        nominated_on = datetime.date(batch.year, 3, day)
        history = [("", SelectionStatus.NOMINATED, nominated_on)]
        if status in (SelectionStatus.SELECTED, SelectionStatus.WITHDRAWN):
            history.append((SelectionStatus.NOMINATED, SelectionStatus.SELECTED, datetime.date(batch.year, 6, day)))
        if status == SelectionStatus.WITHDRAWN:
            history.append((SelectionStatus.SELECTED, SelectionStatus.WITHDRAWN, datetime.date(batch.year + 1, 2, day)))
        # Through the same decision function as the admin and the import, so
        # the demo's history is what a ministry editor's would be.
        for _from_status, to_status, decided_on in history:
            record_decision(school, batch, to_status, decided_on=decided_on, user=decided_by, note="Demo decision")


def ensure_yearly_reports(rng, school_pages, verified_by):
    """Figures for the last two completed years for twelve schools; the older
    year is verified everywhere, the newer one for half of them."""
    this_year = timezone.localdate().year
    years = [this_year - 2, this_year - 1]
    for index, slug in enumerate(list(school_pages)[:12]):
        school = school_pages[slug]
        for year in years:
            verified = year == years[0] or index % 2 == 0
            figures = {
                "programmes_running": rng.randint(2, 12),
                "students_trained_abroad": rng.randint(20, 400),
                "international_students": rng.randint(10, 300),
                "teachers_sent_abroad": rng.randint(3, 60),
                "foreign_teachers": rng.randint(1, 25),
                "standards_developed": rng.randint(0, 8),
                "enterprises_served": rng.randint(0, 15),
            }
            YearlyReport.objects.get_or_create(
                school=school,
                year=year,
                defaults={
                    **figures,
                    "verified_by": verified_by if verified else None,
                    "verified_at": timezone.make_aware(datetime.datetime(year + 1, 3, 31, 10, 0)) if verified else None,
                },
            )


def ensure_enquiries(school_pages):
    statuses = [EnquiryStatus.NEW, EnquiryStatus.ANSWERED, EnquiryStatus.NEW, EnquiryStatus.CLOSED, EnquiryStatus.NEW]
    for (slug, name, institution, country, language, email, message), status in zip(
        content.ENQUIRIES, statuses, strict=True
    ):
        Enquiry.objects.get_or_create(
            school=school_pages[slug],
            email=email,
            defaults={
                "name": name,
                "institution": institution,
                "country": country,
                "language": language,
                "message": message,
                "consent": True,
                "status": status,
            },
        )


# --- The entry point -----------------------------------------------------------------


def load_demo(stdout):
    """Create whatever of the demo is missing; return what was created."""
    # set_translations() also sets the untranslated attribute, which writes to
    # the active language's field: build in the default language.
    with translation.override(settings.LANGUAGE_CODE):
        return _load_demo(stdout)


@transaction.atomic
def _load_demo(stdout):
    home = ensure_site_tree()
    school_index = SchoolIndexPage.objects.get()
    partner_index = PartnerIndexPage.objects.get()
    schools, programmes, rng = plan_demo()
    existing_paths = set(Page.objects.filter(path__startswith=home.path).values_list("url_path_en", flat=True))
    created = {"partners": 0, "schools": 0, "programmes": 0}
    new_pages = []
    with indexing_deferred([PartnerPage, SchoolPage, ProgrammePage]):
        partner_pages = {page.slug_en: page for page in PartnerPage.objects.child_of(partner_index)}
        for partner in content.PARTNERS:
            if f"{partner_index.url_path_en}{partner['slug']}/" in existing_paths:
                continue
            partner_pages[partner["slug"]] = publish_child(partner_index, build_partner(partner))
            new_pages.append(partner_pages[partner["slug"]])
            created["partners"] += 1

        provinces = {province.name_zh_hans: province for province in Province.objects.all()}
        fields = {field_of_study.code: field_of_study for field_of_study in FieldOfStudy.objects.all()}
        languages = {language.code: language for language in TeachingLanguage.objects.all()}
        school_pages = {page.slug_en: page for page in SchoolPage.objects.child_of(school_index)}
        for index, plan in enumerate(schools):
            if f"{school_index.url_path_en}{plan.slug}/" in existing_paths:
                continue
            logo = make_logo(plan.slug, plan.titles["en"], index)
            page = build_school(plan, provinces, fields, languages, partner_pages, logo)
            school_pages[plan.slug] = publish_child(school_index, page)
            new_pages.append(page)
            created["schools"] += 1

        school_plans = {plan.slug: plan for plan in schools}
        for plan in programmes:
            school = school_pages[plan.school_slug]
            if f"{school.url_path_en}{plan.slug}/" in existing_paths:
                continue
            page = build_programme(plan, school_plans[plan.school_slug], fields, languages, partner_pages)
            new_pages.append(publish_child(school, page))
            created["programmes"] += 1
    index_pages(new_pages)

    demo_schools = {plan.slug: school_pages[plan.slug] for plan in schools}
    users = ensure_users(stdout)
    batches = ensure_batches()
    ensure_selections(rng, demo_schools, batches, users["admin"])
    ensure_yearly_reports(rng, demo_schools, users.get("ministry", users["admin"]))
    ensure_enquiries(demo_schools)
    stdout.write(
        f"Created {created['partners']} partners, {created['schools']} schools and {created['programmes']} "
        "programmes (existing demo pages are left as they are)."
    )
    return created

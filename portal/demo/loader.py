"""Load the demo site from the data files in ``data/`` (``manage.py load_demo``).

Everything the demo holds is written out in those files: pages with their texts
in each language, partnerships, selections with their decisions, yearly
figures, enquiries and users. This module only turns them into published pages
and rows. Pages that exist (found by their URL path) are left as they are, an
editor may have changed them; other rows are looked up before they are made, so
a second run creates nothing.
"""

import csv
import datetime
import functools
import io
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone, translation

from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

import yaml
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from ministry.imports import read_category
from partners.models import DatePrecision, Enquiry, PartnerIndexPage, PartnerPage, Partnership, ProgrammePartner
from portal.roles import MINISTRY_EDITORS
from portal.site_tree import ensure_site_tree, set_slug, set_translations
from programmes.batches import record_decision
from programmes.models import (
    Batch,
    BatchSelection,
    FieldOfStudy,
    ProgrammeIntake,
    ProgrammeLanguageRequirement,
    ProgrammePage,
    ProgrammePicture,
    ProgrammeSchool,
    ProgrammeSource,
    Province,
    SchoolIndexPage,
    SchoolPage,
    SchoolRecognition,
    TeachingLanguage,
    YearlyReport,
    split_former_names,
)
from programmes.recognitions import RecognitionValues, record_recognition

DEMO_DIR = Path(__file__).resolve().parent
DATA_DIR = DEMO_DIR / "data"


@functools.cache
def read_data(name):
    """The parsed content of ``data/<name>.yaml``."""
    with open(DATA_DIR / f"{name}.yaml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.cache
def read_specialties():
    """Specialties by Chinese name, in file order: ISCED-F field and names."""
    return {row["name_zh"]: row for row in read_csv(DATA_DIR / "specialties.csv")}


# --- Pages ------------------------------------------------------------------------


@contextmanager
def search_and_reference_index_deferred(*models):
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


def draw_logo(initials, colour):
    """A 256 px square PNG: white initials on a coloured background."""
    image = PILImage.new("RGB", (256, 256), colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=110 if len(initials) <= 2 else 84 if len(initials) == 3 else 64)
    draw.text((128, 128), initials, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer


def make_logo(school):
    image_model = get_image_model()
    title = f"{school['title']['en']} – logo"
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = draw_logo(school["logo"]["initials"], school["logo"]["colour"])
    image = image_model(title=title, file=ImageFile(buffer, name=f"demo-logo-{school['slug']}.png"))
    image.save()
    return image


def set_texts(page, entry, fields):
    for field in fields:
        if field in entry:
            set_translations(page, field, entry[field])
    set_slug(page, entry["slug"])


def build_partner(entry):
    page = PartnerPage(
        native_name=entry["native_name"],
        native_language=entry.get("native_language", ""),
        country=entry["country"],
        kind=entry["kind"],
        is_sample=entry["is_sample"],
    )
    set_texts(page, entry, ("title", "city", "description"))
    return page


def double_high_row(entry, lookups):
    """The school's row of the 2019 Double High list (or its own ``double_high``)."""
    return lookups["double_high"].get(entry["official_name_zh"]) or entry["double_high"]


def double_high_recognition(row):
    """The recognition the Double High list gives a school: its category,
    tier, major groups and year, as published."""
    kind, _tier = read_category(row["category"])
    return RecognitionValues(
        kind=kind,
        year=int(row["year_announced"]),
        tier=row["tier"],
        major_groups="、".join(split_former_names(row["major_group_zh"])),
    )


def build_school(entry, lookups, partner_pages, logo):
    double_high = double_high_row(entry, lookups)
    page = SchoolPage(
        official_name_zh=entry["official_name_zh"],
        former_names=entry.get("former_names", ""),
        province=lookups["provinces"][double_high["province_zh"]],
        level=entry["level"],
        founded_year=entry.get("founded_year"),
        logo=logo,
        contact_email=entry["contact_email"],
        contact_language="zh-hans",
        # The demo's schools are real (the 2019 "Double High" list): only an
        # invented school is marked as sample content.
        is_sample=entry.get("is_sample", False),
    )
    set_texts(page, entry, ("title", "city", "introduction"))
    set_translations(page, "contact_department", read_data("vocabulary")["contact_department"])
    groups = [name for name in double_high["major_group_zh"].split("、") if name in read_specialties()]
    page.fields_of_study = sorted(
        {lookups["fields"][read_specialties()[name]["isced_f"]] for name in groups}, key=lambda field: field.code
    )
    page.teaching_languages = [lookups["languages"][code] for code in entry["teaching_languages"]]
    page.recognitions = [double_high_recognition(double_high).row(sort_order=0)]
    page.partnerships = [
        Partnership(
            partner=partner_pages[partnership["partner"]],
            kind=partnership["kind"],
            stage=partnership["stage"],
            start_date=partnership.get("start_date"),
            start_precision=partnership.get("start_precision", DatePrecision.DAY),
            agreement_date=partnership.get("agreement_date"),
            end_date=partnership.get("end_date"),
            end_reason=partnership.get("end_reason", ""),
        )
        for partnership in entry["partnerships"]
    ]
    return page


def coming_intakes(months, deadline_weeks, today):
    """An intake in each of ``months`` within the coming year, with its
    deadline ``deadline_weeks`` before the start; a start whose deadline has
    passed moves to the next year."""
    intakes = []
    for month in months:
        year = today.year if month > today.month else today.year + 1
        deadline = None
        if deadline_weeks:
            deadline = datetime.date(year, month, 1) - datetime.timedelta(weeks=deadline_weeks)
            if deadline < today:
                year += 1
                deadline = deadline.replace(year=deadline.year + 1)
        intakes.append(
            ProgrammeIntake(
                start_year=year,
                start_month=month,
                starts_on=datetime.date(year, month, 1),
                application_deadline=deadline,
            )
        )
    return sorted(intakes, key=lambda intake: intake.starts_on)


def programme_fees(key, country):
    """``{field: value}`` of the fees ``key`` of vocabulary.yaml, in the currency of ``country``."""
    vocabulary = read_data("vocabulary")
    fees = vocabulary["fees"][key]
    if fees["kind"] != "paid":
        return {"fee_kind": fees["kind"]}
    region = "CN" if country == "CN" else "EU" if country in vocabulary["euro_countries"] else "other"
    currency, amount = fees[region]
    return {"fee_kind": "paid", "fee_amount": amount, "fee_currency": currency, "fee_period": fees["period"]}


def make_picture(entry, key, languages):
    """A drawn picture of the demo (a coloured 1200×900 PNG with the
    programme's initials), with its caption in ``languages``."""
    picture = read_data("vocabulary")["pictures"][key]
    image_model = get_image_model()
    title = f"{entry['title']['en']} – {key}"
    image = image_model.objects.filter(title=title).first()
    if image is None:
        initials = "".join(word[0] for word in entry["title"]["en"].split()[:3] if word[0].isalpha())
        buffer = io.BytesIO()
        canvas = PILImage.new("RGB", (1200, 900), picture["colour"])
        draw = ImageDraw.Draw(canvas)
        draw.text((600, 450), initials, fill="white", font=ImageFont.load_default(size=220), anchor="mm")
        canvas.save(buffer, format="PNG")
        image = image_model(title=title, file=ImageFile(buffer, name=f"demo-{entry['slug']}-{key}.png"))
        image.save()
    row = ProgrammePicture(image=image)
    set_translations(row, "caption", {code: picture["caption"][code] for code in languages})
    return row


def opening_date(value):
    """``{"opening_year": …, "opening_month": …}`` of an opening given as 2019 or "2019-03"."""
    if value in (None, ""):
        return {}
    year, _dash, month = str(value).partition("-")
    return {"opening_year": int(year), "opening_month": int(month) if month else None}


def place_names(entry):
    """The programme's city in every language the demo data names it in: its
    own names, then its partner's city when it is the same place, then the
    shared ``place_names`` of vocabulary.yaml."""
    english = entry["delivery_city"]["en"]
    names = dict(read_data("vocabulary")["place_names"].get(english, {}))
    partner = next((item for item in read_data("partners") if item["slug"] == entry.get("partner")), {})
    if partner.get("city", {}).get("en") == english:
        names.update(partner["city"])
    return {**names, **entry["delivery_city"]}


def composed_titles(entry, places):
    """Titles in the languages the programme's own titles lack, composed as
    its type's titles read (vocabulary.yaml's ``programme_titles``) from its
    specialty's and city's names in that language, where the data holds them:
    a reader then sees the title in their language rather than an English
    fallback. A language lacking either name, or a programme of several
    specialties, keeps the fallback."""
    if not isinstance(entry["specialty"], str):
        return {}
    specialty = read_specialties()[entry["specialty"]]
    titles = {}
    for code, template in read_data("vocabulary")["programme_titles"][entry["programme_type"]].items():
        spec = specialty.get(f"name_{code.split('-')[0]}")
        place = places.get(code)
        if code not in entry["title"] and spec and (place or "{place}" not in template):
            titles[code] = template.format(spec=spec, place=place)
    return titles


def build_programme(entry, lookups, partner_pages, school_pages):
    vocabulary = read_data("vocabulary")
    # The languages the programme is written in (its shared phrases follow them).
    languages = list(entry["title"])
    places = place_names(entry)
    entry = {**entry, "delivery_city": places, "title": {**composed_titles(entry, places), **entry["title"]}}
    number, unit = vocabulary["durations"][entry["duration"]]
    page = ProgrammePage(
        programme_type=entry["programme_type"],
        level=entry["level"],
        delivery_country=entry["delivery_country"],
        capacity=entry["capacity"],
        status=entry["status"],
        duration_number=number,
        duration_unit=unit,
        is_sample=True,
        **opening_date(entry.get("opening")),
        **programme_fees(entry["fees"], entry["delivery_country"]),
    )
    set_texts(page, entry, ("title", "description", "delivery_city"))
    # ``specialty`` is one Chinese name, or a list of them for a centre that teaches several.
    specialties = entry["specialty"] if isinstance(entry["specialty"], list) else [entry["specialty"]]
    page.fields_of_study = list(
        dict.fromkeys(lookups["fields"][read_specialties()[name]["isced_f"]] for name in specialties)
    )
    page.cooperating_schools = [
        ProgrammeSchool(school=school_pages[slug]) for slug in entry.get("cooperating_schools", ())
    ]
    page.sources = [
        ProgrammeSource(url=source["url"], title=source["title"], published_on=source.get("date"))
        for source in entry.get("sources", ())
    ]

    def phrases(values):
        return {code: values[code] for code in languages}

    set_translations(page, "entry_requirements", phrases(vocabulary["entry_requirements"][entry["programme_type"]]))
    set_translations(page, "contact_role", phrases(vocabulary["contact_role"]))
    if entry["fees"] in vocabulary["fees_cover"]:
        set_translations(page, "fees_cover", phrases(vocabulary["fees_cover"][entry["fees"]]))
    if entry["scholarships"]:
        set_translations(page, "scholarships", phrases(vocabulary["scholarships"]))
    if entry["certificates"]:
        certificates = [vocabulary["certificates"][key] for key in entry["certificates"]]
        set_translations(
            page, "certificates", {code: "\n".join(names[code] for names in certificates) for code in languages}
        )
    intake = vocabulary["intakes"][entry["intake"]]
    page.intakes = coming_intakes(intake["months"], intake["deadline_weeks"], timezone.localdate())
    page.teaching_languages = [lookups["languages"][code] for code in entry["teaching_languages"]]
    page.language_requirements = [
        ProgrammeLanguageRequirement(language=lookups["languages"][code], level=level)
        for code, level in vocabulary["language_requirements"][entry["programme_type"]]
        if code in entry["teaching_languages"] and code in lookups["languages"]
    ]
    page.pictures = [make_picture(entry, key, languages) for key in entry.get("pictures", ())]
    # ``partner`` and its ``partner_role``; ``more_partners`` (a list of
    # ``{partner, role}``) for a programme with several, such as a company.
    partners = [{"partner": entry["partner"], "role": entry["partner_role"]}] if entry.get("partner") else []
    links = []
    for item in [*partners, *entry.get("more_partners", ())]:
        link = ProgrammePartner(partner=partner_pages[item["partner"]])
        set_translations(link, "role", vocabulary["partner_roles"][item["role"]])
        links.append(link)
    page.partner_links = links
    return page


# --- Rows that are not pages ------------------------------------------------------


def ensure_users(stdout):
    """The demo's superuser and, where the ministry editors' group exists, its
    ministry editor (the school editor comes once the schools exist)."""
    user_model = get_user_model()
    users, credentials = {}, []
    for account in read_data("users"):
        group = None
        if account["role"] == "ministry editor":
            group = Group.objects.filter(name=MINISTRY_EDITORS).first()
            if group is None:
                continue
        elif account["role"] != "superuser":
            continue
        user = user_model.objects.filter(username=account["username"]).first()
        if user is None and group is None:
            user = user_model.objects.create_superuser(account["username"], account["email"], account["password"])
        elif user is None:
            user = user_model.objects.create_user(
                account["username"], account["email"], account["password"], is_staff=True
            )
        if group is not None:
            user.groups.add(group)
        users[account["role"]] = user
        credentials.append(f"{account['username']}/{account['password']}")
    stdout.write(
        f"WARNING: demo credentials {', '.join(credentials)} are for local development only; never load the demo "
        "on a public server."
    )
    return users


def ensure_school_editors(stdout):
    """Through ``add_school_editor``, which also makes the school's group."""
    for account in read_data("users"):
        if account["role"] != "school editor":
            continue
        call_command(
            "add_school_editor",
            account["school"],
            account["username"],
            email=account["email"],
            password=account["password"],
            stdout=io.StringIO(),
        )
        school = SchoolPage.objects.get(slug_en=account["school"])
        stdout.write(f"Demo school editor: {account['username']}/{account['password']} ({school.title_en}).")


def ensure_recognitions(entries, school_pages, lookups, user):
    """A demo school made before schools had recognitions gets its Double
    High recognition (as the import gives one: in a published revision); a
    school with any recognition is left as it is."""
    recognised = set(SchoolRecognition.objects.values_list("school_id", flat=True))
    for entry in entries:
        school = school_pages[entry["slug"]]
        if school.pk not in recognised:
            record_recognition(school.pk, double_high_recognition(double_high_row(entry, lookups)), user)


def ensure_batches():
    batches = {}
    for entry in read_data("batches")["batches"]:
        defaults = {"year": entry["year"], "quota": entry["quota"], "name": entry["name"]["en"]}
        defaults.update({f"name_{code.replace('-', '_')}": name for code, name in entry["name"].items()})
        batches[entry["number"]], _created = Batch.objects.get_or_create(number=entry["number"], defaults=defaults)
    return batches


def ensure_selections(school_pages, batches, decided_by):
    data = read_data("batches")
    existing = set(BatchSelection.objects.filter(school__in=school_pages.values()).values_list("school_id", flat=True))
    for selection in data["selections"]:
        school = school_pages[selection["school"]]
        if school.pk in existing:
            continue
        # Through the same decision function as the admin and the import, so
        # the demo's history is what a ministry editor's would be.
        for decision in selection["decisions"]:
            record_decision(
                school,
                batches[selection["batch"]],
                decision["status"],
                decided_on=decision["date"],
                user=decided_by,
                note=data["decision_note"],
            )


def ensure_yearly_reports(school_pages, verified_by):
    this_year = timezone.localdate().year
    for entry in read_data("yearly_reports"):
        figures = {key: value for key, value in entry.items() if key not in ("school", "years_ago", "verified")}
        year = this_year - entry["years_ago"]
        verified_at = timezone.make_aware(datetime.datetime(year + 1, 3, 31, 10, 0)) if entry["verified"] else None
        YearlyReport.objects.get_or_create(
            school=school_pages[entry["school"]],
            year=year,
            defaults={**figures, "verified_by": verified_by if verified_at else None, "verified_at": verified_at},
        )


def ensure_enquiries(school_pages):
    for entry in read_data("enquiries"):
        fields = {key: value for key, value in entry.items() if key not in ("school", "email")}
        Enquiry.objects.get_or_create(
            school=school_pages[entry["school"]], email=entry["email"], defaults={**fields, "consent": True}
        )


# --- The entry point -----------------------------------------------------------------


def load_demo(stdout):
    """Create whatever of the demo is missing; return what was created."""
    # set_translations() also sets the untranslated attribute, which writes to
    # the active language's field: build in the default language.
    with translation.override(settings.LANGUAGE_CODE):
        created = _load_demo(stdout)
        ensure_school_editors(stdout)
    return created


@transaction.atomic
def _load_demo(stdout):
    home = ensure_site_tree()
    school_index = SchoolIndexPage.objects.get()
    partner_index = PartnerIndexPage.objects.get()
    existing_paths = set(Page.objects.filter(path__startswith=home.path).values_list("url_path_en", flat=True))
    lookups = {
        "double_high": {row["name_zh"]: row for row in read_csv(DEMO_DIR / "schools_double_high_2019_sample.csv")},
        "provinces": {province.name_zh_hans: province for province in Province.objects.all()},
        "fields": {field.code: field for field in FieldOfStudy.objects.all()},
        "languages": {language.code: language for language in TeachingLanguage.objects.all()},
    }
    created = {"partners": 0, "schools": 0, "programmes": 0}
    new_pages = []
    with search_and_reference_index_deferred(PartnerPage, SchoolPage, ProgrammePage):
        partner_pages = {page.slug_en: page for page in PartnerPage.objects.child_of(partner_index)}
        for entry in read_data("partners"):
            if f"{partner_index.url_path_en}{entry['slug']}/" in existing_paths:
                continue
            partner_pages[entry["slug"]] = publish_child(partner_index, build_partner(entry))
            new_pages.append(partner_pages[entry["slug"]])
            created["partners"] += 1

        school_pages = {page.slug_en: page for page in SchoolPage.objects.child_of(school_index)}
        for entry in read_data("schools"):
            if f"{school_index.url_path_en}{entry['slug']}/" in existing_paths:
                continue
            page = build_school(entry, lookups, partner_pages, make_logo(entry))
            school_pages[entry["slug"]] = publish_child(school_index, page)
            new_pages.append(page)
            created["schools"] += 1

        for entry in read_data("programmes"):
            school = school_pages[entry["school"]]
            if f"{school.url_path_en}{entry['slug']}/" in existing_paths:
                continue
            new_pages.append(publish_child(school, build_programme(entry, lookups, partner_pages, school_pages)))
            created["programmes"] += 1
    index_pages(new_pages)

    demo_schools = {entry["slug"]: school_pages[entry["slug"]] for entry in read_data("schools")}
    users = ensure_users(stdout)
    ensure_recognitions(read_data("schools"), demo_schools, lookups, users["superuser"])
    ensure_selections(demo_schools, ensure_batches(), users["superuser"])
    ensure_yearly_reports(demo_schools, users.get("ministry editor", users["superuser"]))
    ensure_enquiries(demo_schools)
    stdout.write(
        f"Created {created['partners']} partners, {created['schools']} schools and {created['programmes']} "
        "programmes (existing demo pages are left as they are)."
    )
    return created

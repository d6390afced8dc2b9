"""schema.org markup (JSON-LD) for the site, schools, programmes and partners,
so that search engines and other systems read the same facts as the pages.
Every URL is on the host of the request (``portal.seo.page_url``), never the
Wagtail Site's configured hostname."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.languages import translated_text
from portal.seo import absolute_url, page_url
from portal.text import plain_text


def _text(page, field):
    return " ".join(plain_text(translated_text(page, field).text).split())


def website(page, request, catalogue_url):
    """The portal itself, from its home page: a WebSite whose search is the
    programme catalogue, published by an Organization."""
    home_url = page_url(page, request)
    organization = {
        "@type": "Organization",
        "@id": f"{home_url}#organization",
        "name": _("Vocational Education International Portal"),
        "url": home_url,
        "description": _("A portal for the international cooperation of Chinese vocational education."),
    }
    site = {
        "@type": "WebSite",
        "@id": f"{home_url}#website",
        "name": _("Vocational Education International Portal"),
        "url": home_url,
        "inLanguage": get_language(),
        "publisher": {"@id": organization["@id"]},
    }
    if catalogue_url:
        site["potentialAction"] = {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{absolute_url(request, catalogue_url)}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        }
    return {"@context": "https://schema.org", "@graph": [site, organization]}


def school(page, request):
    data = {
        "@context": "https://schema.org",
        "@type": "CollegeOrUniversity",
        "name": page.title,
        "alternateName": [
            name.strip() for name in [page.official_name_zh, *page.former_names.split(";")] if name.strip()
        ],
        "url": page_url(page, request),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": _text(page, "city"),
            "addressRegion": page.province.name,
            "addressCountry": "CN",
        },
        "description": _text(page, "introduction"),
    }
    if page.founded_year:
        data["foundingDate"] = str(page.founded_year)
    if page.website:
        data["sameAs"] = page.website
    return data


# ISO 8601 designators of ``ProgrammePage.duration_unit``'s values.
ISO_DURATION_UNITS = {"days": "D", "weeks": "W", "months": "M", "years": "Y"}


def iso_duration(number, unit):
    """``P12W``, ``P3Y``…; None without a duration."""
    if not number or unit not in ISO_DURATION_UNITS:
        return None
    return f"P{number}{ISO_DURATION_UNITS[unit]}"


def _offer(page):
    """What a participant pays, as a schema.org Offer; None when not given."""
    if page.fee_kind in ("free", "sponsored"):
        # Nothing to pay for the participant, whoever else pays.
        return {"@type": "Offer", "price": "0", "category": "Free" if page.fee_kind == "free" else "Sponsored"}
    if page.fee_kind != "paid" or page.fee_amount is None or not page.fee_currency:
        return None
    offer = {"@type": "Offer", "price": f"{page.fee_amount:f}", "priceCurrency": page.fee_currency, "category": "Paid"}
    if page.fee_period in ("year", "semester"):
        offer["priceSpecification"] = {
            "@type": "UnitPriceSpecification",
            "price": offer["price"],
            "priceCurrency": page.fee_currency,
            "referenceQuantity": {"@type": "QuantitativeValue", "value": 1, "unitText": page.fee_period},
        }
    covers = _text(page, "fees_cover")
    if covers:
        offer["description"] = covers
    return offer


def programme(
    page,
    request,
    school_page,
    teaching_languages=None,
    intakes=None,
    cooperating_schools=None,
    sources=None,
    fields_of_study=None,
):
    """A programme as a schema.org Course, with one CourseInstance per coming
    start (``intakes``: objects with ``starts_on``, soonest first). Its lead
    school and each of its ``cooperating_schools`` are its providers; its
    ``sources`` are its citations. ``fields_of_study`` as the page shows
    them (by default, read from the page)."""
    online = page.programme_type == "online_course"
    location = {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": _text(page, "delivery_city"),
            "addressCountry": page.delivery_country.code,
        },
    }
    duration = iso_duration(page.duration_number, page.duration_unit)
    instance = {"@type": "CourseInstance", "courseMode": "online" if online else "onsite"}
    if not online:
        instance["location"] = location
    if duration:
        instance["duration"] = duration
    if page.capacity:
        instance["maximumAttendeeCapacity"] = page.capacity
    instances = [{**instance, "startDate": intake.starts_on.strftime("%Y-%m")} for intake in intakes or ()]
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": page.title,
        "url": page_url(page, request),
        "description": _text(page, "description"),
        "provider": _school(school_page, request),
        # The co-operating schools run it with the lead school (the provider).
        "contributor": [_school(school, request) for school in cooperating_schools or ()],
        "educationalLevel": page.get_level_display(),
        "about": [
            {"@type": "DefinedTerm", "termCode": field.code, "name": field.name, "inDefinedTermSet": "ISCED-F 2013"}
            for field in (page.fields_of_study.all() if fields_of_study is None else fields_of_study)
        ],
        "inLanguage": [language.code for language in teaching_languages or ()],
        "timeRequired": duration,
        "hasCourseInstance": instances or [instance],
        "offers": _offer(page),
        "coursePrerequisites": _text(page, "entry_requirements"),
    }
    if page.website:
        data["sameAs"] = page.website
    if sources:
        data["citation"] = [_citation(source) for source in sources]
    return data


def _school(page, request):
    return {"@type": "CollegeOrUniversity", "name": page.title, "url": page_url(page, request)}


def _citation(source):
    citation = {"@type": "CreativeWork", "name": source.title, "url": source.url}
    if source.published_on:
        citation["datePublished"] = source.published_on.isoformat()
    return citation


def partner(page, request):
    return {
        "@context": "https://schema.org",
        "@type": "Corporation" if page.kind in {"enterprise", "chinese_enterprise"} else "EducationalOrganization",
        "name": page.title,
        "alternateName": page.native_name or None,
        "url": page_url(page, request),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": _text(page, "city"),
            "addressCountry": page.country.code,
        },
        "sameAs": page.website or None,
    }

"""schema.org markup (JSON-LD) for the site, schools, programmes and partners,
so that search engines and other systems read the same facts as the pages.
Every URL is on the host of the request (``portal.seo.page_url``), never the
Wagtail Site's configured hostname."""

from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.languages import translated_text
from portal.seo import absolute_url, page_url


def _text(page, field):
    return strip_tags(translated_text(page, field).text).strip()


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


def programme(page, request, school_page):
    data = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": page.title,
        "url": page_url(page, request),
        "description": _text(page, "description"),
        "programType": page.get_programme_type_display(),
        "educationalProgramMode": "onsite" if page.programme_type != "online_course" else "online",
        "provider": {
            "@type": "CollegeOrUniversity",
            "name": school_page.title,
            "url": page_url(school_page, request),
        },
        "location": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": _text(page, "delivery_city"),
                "addressCountry": page.delivery_country.code,
            },
        },
        "occupationalCategory": f"ISCED-F {page.field_of_study.code} {page.field_of_study.name}",
    }
    if page.capacity:
        data["maximumEnrollment"] = page.capacity
    duration = _text(page, "duration")
    if duration:
        data["timeToComplete"] = duration
    return data


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

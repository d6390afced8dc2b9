"""schema.org markup (JSON-LD) for schools, programmes and partners, so that
search engines and other systems read the same facts as the pages."""

from django.utils.html import strip_tags

from portal.languages import translated_text


def _text(page, field):
    return strip_tags(translated_text(page, field).text).strip()


def school(page, request):
    data = {
        "@context": "https://schema.org",
        "@type": "CollegeOrUniversity",
        "name": page.title,
        "alternateName": [name for name in [page.official_name_zh, *page.former_names.split(";")] if name.strip()],
        "url": page.get_full_url(request),
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
        "url": page.get_full_url(request),
        "description": _text(page, "description"),
        "programType": page.get_programme_type_display(),
        "educationalProgramMode": "onsite" if page.programme_type != "online_course" else "online",
        "provider": {
            "@type": "CollegeOrUniversity",
            "name": school_page.title,
            "url": school_page.get_full_url(request),
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
        "url": page.get_full_url(request),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": _text(page, "city"),
            "addressCountry": page.country.code,
        },
        "sameAs": page.website or None,
    }

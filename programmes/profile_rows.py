"""The lists of a school's profile, its first programmes and partnerships, as
the rows the page shows.

``SchoolPage.profile_lists`` reads them once per public version and language:
a row holds what its line shows (a link, a title, a few labels), not the
pages and rows it comes from, so it is small to keep and quick to unpickle
(some 30 KB and 0.7 ms a profile as pages). ``programme_items`` and
``partnership_rows`` write them out in Python, the same HTML the template
wrote with a dozen tags and an include a row. ``partnership_history`` writes
a partnership's recorded steps, for the school's and the partner's pages."""

from typing import NamedTuple

from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.directory_cards import inline_text
from portal.languages import TranslatedText, in_language, in_own_language, list_separator, translated_text
from portal.text import sentence, time_element, translated_block


class ListedProgramme(NamedTuple):
    """One programme of a school's profile list."""

    url: str
    title: TranslatedText
    programme_type: str
    country: str
    status: str
    is_cooperation: bool
    # For a programme the school runs as a co-operating school: its lead
    # school, linked when that is live.
    lead_url: str
    lead_title: str


class Step(NamedTuple):
    """One recorded step of a partnership (``partners.models.PartnershipEvent``)."""

    recorded_at: object
    stage: str
    stage_label: str
    agreement_date: object
    end_date: object
    end_reason: str


class ListedPartnership(NamedTuple):
    """One partnership of a school's profile table, seen from the school."""

    partner_url: str
    partner_title: TranslatedText
    native_name: str
    native_language: str
    country: str
    kind: str
    stage: str
    steps: tuple
    start_iso: str
    start_display: str


def listed_programme(programme):
    """``programme`` (with ``is_cooperation`` and ``lead_school`` set by
    ``programmes_of_school``) as its row, in the active language."""
    lead = programme.lead_school if programme.is_cooperation else None
    live_lead = lead is not None and lead.live
    return ListedProgramme(
        url=programme.get_url() or "",
        title=translated_text(programme, "title"),
        programme_type=str(programme.get_programme_type_display()),
        country=str(programme.delivery_country.name),
        status=str(programme.get_status_display()),
        is_cooperation=programme.is_cooperation,
        lead_url=(lead.get_url() or "") if live_lead else "",
        lead_title=lead.title if live_lead else "",
    )


def steps_of(events):
    """The recorded steps of a partnership, from its events."""
    return tuple(
        Step(
            event.recorded_at,
            event.stage,
            str(event.get_stage_display()),
            event.agreement_date,
            event.end_date,
            event.end_reason,
        )
        for event in events
    )


def listed_partnership(partnership):
    """``partnership`` (its partner and events read with it) as its row, in
    the active language."""
    partner = partnership.partner
    return ListedPartnership(
        partner_url=partner.get_url() or "",
        partner_title=translated_text(partner, "title"),
        native_name=partner.native_name,
        native_language=partner.native_language,
        country=str(partner.country.name),
        **_partnership_facts(partnership),
    )


def _partnership_facts(partnership):
    """What a partnership's row shows of it, from either side."""
    return {
        "kind": str(partnership.get_kind_display()),
        "stage": str(partnership.get_stage_display()),
        "steps": steps_of(partnership.events.all()),
        "start_iso": partnership.start_iso if partnership.start_date else "",
        "start_display": str(partnership.start_display) if partnership.start_date else "",
    }


def programme_items(rows):
    """The ``<li>``s of a school's programme list."""
    return format_html_join("", "{}", ((_programme_item(row),) for row in rows))


def _programme_item(row):
    cooperation = ""
    if row.is_cooperation:
        if row.lead_url:
            # The sentence holds its link.
            said = sentence(
                _('As a co-operating school, with the lead school <a href="%(school_url)s">%(school_name)s</a>'),
                school_url=row.lead_url,
                school_name=row.lead_title,
            )
        else:
            said = _("As a co-operating school")
        cooperation = format_html('<span class="compact-list__meta">{}</span>', said)
    return format_html(
        '\n        <li><a class="compact-list__title" href="{}">{}</a>\n'
        '          <span class="compact-list__meta">{} · {} · {}</span>\n          {}\n        </li>\n      ',
        row.url,
        inline_text(row.title),
        row.programme_type,
        row.country,
        row.status,
        cooperation,
    )


def partnership_rows(rows):
    """The ``<tr>``s of a school's partnership table."""
    labels = {
        "Partner": _("Partner"),
        "Country": _("Country"),
        "Cooperation": _("Cooperation"),
        "Stage": _("Stage"),
        "Started": _("Started"),
    }
    return format_html_join("", "{}", ((_partnership_row(row, labels),) for row in rows))


def _partnership_row(row, labels):
    native = ""
    if row.native_name:
        native = format_html(
            '<span class="data-table__native">{}</span>', in_language(row.native_name, row.native_language)
        )
    started = format_html('<time datetime="{}">{}</time>', row.start_iso, row.start_display) if row.start_iso else ""
    return format_html(
        '\n        <tr>\n          <th scope="row" data-label="{}"><a href="{}">{}</a>{}</th>\n'
        '          <td data-label="{}">{}</td>\n          <td data-label="{}">{}</td>\n'
        '          <td data-label="{}">{}{}</td>\n          <td data-label="{}">{}</td>\n        </tr>\n      ',
        labels["Partner"],
        row.partner_url,
        inline_text(row.partner_title),
        native,
        labels["Country"],
        row.country,
        labels["Cooperation"],
        row.kind,
        labels["Stage"],
        row.stage,
        partnership_history(row.steps),
        labels["Started"],
        started,
    )


def partnership_history(steps):
    """The recorded steps of one partnership, in a ``<details>``: each step is
    one translated sentence, so that its colon and brackets follow the
    reader's language ("" when none was recorded)."""
    if not steps:
        return ""
    items = format_html_join("\n      ", "<li>{}</li>", ((_step_sentence(step),) for step in steps))
    return format_html(
        '\n  <details class="partnership-history">\n    <summary>{}</summary>\n    <ol>\n      {}\n    </ol>\n'
        "  </details>\n",
        _("History"),
        items,
    )


def _step_sentence(step):
    recorded, stage = time_element(step.recorded_at), step.stage_label
    if step.agreement_date and step.stage == "signed":
        return sentence(
            _("%(date)s: %(stage)s (signed on %(signed)s)"),
            date=recorded,
            stage=stage,
            signed=time_element(step.agreement_date),
        )
    if step.stage == "ended" and step.end_reason:
        return sentence(
            _("%(date)s: %(stage)s (%(ended)s: %(reason)s)"),
            date=recorded,
            stage=stage,
            ended=time_element(step.end_date),
            reason=in_language(step.end_reason, None),
        )
    if step.stage == "ended":
        return sentence(
            _("%(date)s: %(stage)s (%(ended)s)"), date=recorded, stage=stage, ended=time_element(step.end_date)
        )
    return sentence(_("%(date)s: %(stage)s"), date=recorded, stage=stage)


# A key fact whose value takes the box's whole width.
WIDE = mark_safe(' class="key-facts__wide"')


def programme_key_facts(page, request, shown):
    """The ``<div>``s of a programme page's key facts (its type, fields,
    level, place, languages, duration, start dates, places, fees, language
    requirements, status, opening, co-operating schools and web page), from
    the page and the rows it shows (``ProgrammePage.SHOWN_ROWS``), written in
    Python: some 60 tags and lookups in a template, the most of the page's
    own time uncached."""
    facts = [(_("Type:"), page.get_programme_type_display(), False)]
    fields = shown.get("fields_of_study") or ()
    if fields:
        items = format_html_join(
            "",
            '<li>{} <bdi class="code">{}</bdi></li>',
            ((field.name, sentence(_("(ISCED-F %(code)s)"), code=field.code)) for field in fields),
        )
        label = _("Fields of study:") if len(fields) > 1 else _("Field of study:")
        facts.append((label, format_html('<ul class="plain-list">{}</ul>', items), False))
    facts.append((_("Level:"), page.get_level_display(), False))
    city = translated_text(page, "delivery_city")
    country = page.delivery_country.name
    if city:
        where = sentence(_("%(city)s, %(country)s"), city=in_own_language(city), country=country)
    else:
        where = country
    facts.append((_("Where:"), where, False))
    if shown.get("teaching_language_names"):
        facts.append((_("Languages of teaching:"), shown["teaching_language_names"], False))
    if page.duration_display:
        facts.append((_("Duration:"), page.duration_display, False))
    intakes = shown.get("intakes") or ()
    if intakes:
        items = format_html_join("", "<li>{}</li>", ((_intake(intake),) for intake in intakes))
        facts.append((_("Start dates:"), format_html('<ul class="plain-list">{}</ul>', items), True))
    if page.capacity:
        facts.append((_("Places per intake:"), page.capacity, False))
    if page.fees_display:
        cover = translated_text(page, "fees_cover")
        fees = page.fees_display
        if cover:
            fees = format_html("{}{}", fees, translated_block(cover, css_class="key-facts__note"))
        facts.append((_("Fees:"), fees, bool(cover)))
    requirements = shown.get("language_requirements") or ()
    if requirements:
        items = format_html_join("", "<li>{}</li>", ((requirement.display,) for requirement in requirements))
        facts.append((_("Language requirements:"), format_html('<ul class="plain-list">{}</ul>', items), False))
    status = format_html('<span class="status status--{}">{}</span>', page.status, page.get_status_display())
    facts.append((_("Status:"), status, False))
    if page.opening_display:
        opening = format_html('<time datetime="{}">{}</time>', page.opening_iso, page.opening_display)
        facts.append((_("Opening date:"), opening, False))
    schools = _cooperating_schools(shown.get("cooperating_schools") or (), page.other_chinese_school_names, request)
    if schools:
        facts.append((_("Co-operating Chinese schools:"), schools, True))
    if page.website:
        link = format_html('<a href="{}" rel="noopener" dir="ltr">{}</a>', page.website, shown.get("website_host"))
        facts.append((_("Programme web page:"), link, False))
    return format_html_join(
        "\n      ",
        "<div{}><dt>{}</dt><dd>{}</dd></div>",
        ((WIDE if wide else "", label, value) for label, value, wide in facts),
    )


def _intake(intake):
    if intake.application_deadline:
        deadline = date_filter(intake.application_deadline, "DATE_FORMAT")
        return sentence(_("%(month)s, apply by %(deadline)s"), month=intake.month_display, deadline=deadline)
    return intake.month_display


def _cooperating_schools(schools, other_names, request):
    items = [
        format_html(
            '<li><a href="{}">{}</a>{}</li>',
            school.get_url(request=request),
            in_own_language(translated_text(school, "title")),
            format_html(' <bdi lang="zh-hans">{}</bdi>', school.official_name_zh)
            if school.official_name_zh != school.title
            else "",
        )
        for school in schools
    ]
    items += [
        format_html("<li><bdi{}>{}</bdi></li>", format_html(' lang="{}"', language) if language else "", name)
        for name, language in other_names
    ]
    if not items:
        return ""
    return format_html('<ul class="plain-list">{}</ul>', mark_safe("".join(items)))  # noqa: S308 - each by format_html


def partner_link_items(links, request):
    """The ``<li>``s of a programme page's partner institutions: each
    partner's name (linked), its country and its role in the programme."""
    separator = list_separator()
    items = []
    for link in links:
        partner = link.partner
        role = translated_text(link, "role")
        role_html = ""
        if role:
            attributes = format_html(' lang="{}" dir="{}"', role.language, role.direction) if role.is_fallback else ""
            role_html = format_html("{}<bdi{}>{}</bdi>", separator, attributes, role.text)
        items.append(
            format_html(
                '\n        <li class="card"><a href="{}">{}</a>{}{}{}</li>\n      ',
                partner.get_url(request=request),
                in_own_language(translated_text(partner, "title")),
                separator,
                partner.country.name,
                role_html,
            )
        )
    return mark_safe("".join(items))  # noqa: S308 - each written by format_html


class ListedSchoolPartnership(NamedTuple):
    """One partnership of a partner's profile table, seen from the partner."""

    school_url: str
    school_title: TranslatedText
    province: TranslatedText
    kind: str
    stage: str
    steps: tuple
    start_iso: str
    start_display: str


def listed_school_partnership(partnership):
    """``partnership`` (its school, the school's province and its events read
    with it) as its row on the partner's profile, in the active language."""
    school = partnership.school
    return ListedSchoolPartnership(
        school_url=school.get_url() or "",
        school_title=translated_text(school, "title"),
        province=translated_text(school.province, "name"),
        **_partnership_facts(partnership),
    )


def school_partnership_rows(rows):
    """The ``<tr>``s of a partner's table of the Chinese schools it works with."""
    labels = (_("School"), _("Province"), _("Cooperation"), _("Stage"), _("Started"))
    return format_html_join(
        "",
        '\n        <tr>\n          <th scope="row" data-label="{}"><a href="{}">{}</a></th>\n'
        '          <td data-label="{}">{}</td>\n          <td data-label="{}">{}</td>\n'
        '          <td data-label="{}">{}{}</td>\n          <td data-label="{}">{}</td>\n        </tr>\n      ',
        (
            (
                labels[0],
                row.school_url,
                inline_text(row.school_title),
                labels[1],
                inline_text(row.province),
                labels[2],
                row.kind,
                labels[3],
                row.stage,
                partnership_history(row.steps),
                labels[4],
                format_html('<time datetime="{}">{}</time>', row.start_iso, row.start_display) if row.start_iso else "",
            )
            for row in rows
        ),
    )


class ListedPartnerProgramme(NamedTuple):
    """One programme a partner takes part in, on its profile."""

    url: str
    title: TranslatedText
    programme_type: str


def listed_partner_programme(programme):
    return ListedPartnerProgramme(
        programme.get_url() or "", translated_text(programme, "title"), str(programme.get_programme_type_display())
    )


def partner_programme_items(rows):
    """The ``<li>``s of the programmes a partner takes part in."""
    return format_html_join(
        "",
        '\n        <li class="card"><a href="{}">{}</a> · {}</li>\n      ',
        ((row.url, inline_text(row.title), row.programme_type) for row in rows),
    )

"""The import of a list of partners: foreign colleges, universities,
ministries and companies, as a ministry or a school publishes them.

Read as the batch lists and registers are (``ministry.imports``: CSV or XLSX,
title rows, Chinese or English headings, columns remembered for the
"partners" list). Each row is one partner:

* name (required): in English or Chinese, or both (Ayutthaya Technical
  College (大城技术学院)); a Chinese name may also have a column of its own;
* name in its own language and that language's code;
* country (required), city, kind (college, polytechnic, university,
  ministry or agency, enterprise, Chinese enterprise abroad, international
  organisation; guessed from the name when the column is empty), website.

A row is a partner already in the portal when one of its names is one of the
partner's names (any language, or its own); a partner merged into another is
found as that other. A name close to an existing partner's of the same country
(a typo, a variant spelling) is a *possible duplicate*: the editor says
whether it is that partner or a new one. A partner not found is created as a
draft partner page; a partner found is never overwritten: the list fills what
its page lacks (Chinese or English name, name in its own language, city,
website) in a new revision, published if the page was live without a pending
draft, and the preview lists where the page says otherwise. Re-importing the
same list changes nothing. Applying is all or nothing.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ministry.import_plan import ImportFileError, check_before_applying
from ministry.imports import ListColumns, data_runs, heading_key, map_columns
from ministry.register import (
    CountryIndex,
    ListPlan,
    PartnerNames,
    choice_lookup,
    create_draft,
    in_default_language,
    institution_kind,
    name_key,
    partner_page,
    split_bilingual,
    words,
)
from partners.models import PartnerIndexPage, PartnerKind, PartnerPage
from portal.languages import list_separator
from programmes.models import has_latin_letters

PARTNER_FIELDS = ["name", "name_zh", "native_name", "native_language", "country", "city", "kind", "website"]
PARTNER_REQUIRED = ["name", "country"]
PARTNER_LABELS = {
    "name": gettext_lazy("Name"),
    "name_zh": gettext_lazy("Chinese name"),
    "native_name": gettext_lazy("Name in its own language"),
    "native_language": gettext_lazy("Language of that name"),
    "country": gettext_lazy("Country"),
    "city": gettext_lazy("City"),
    "kind": gettext_lazy("Kind"),
    "website": gettext_lazy("Website"),
}
PARTNER_ALIASES = {
    "name": words(
        "名称|机构名称|合作机构|合作伙伴|外方机构名称|外方合作机构|院校名称|单位名称|英文名称|合作方"
        "|name|institution|partner|partner name|english name|name_en"
    ),
    "name_zh": words("中文名称|中文名|机构中文名称|chinese name|name_zh"),
    "native_name": words(
        "原文名称|当地语言名称|本国语言名称|外文名称|native name|name in its own language|original name|local name"
    ),
    "native_language": words("原文语言|名称语言|语言|native language|language"),
    "country": words("国家|所在国家|所在国|国别|国家地区|country"),
    "city": words("城市|所在城市|所在地|city|location"),
    "kind": words("类型|机构类型|性质|类别|kind|type|institution type|category"),
    "website": words("网站|网址|官网|链接|website|web site|url|homepage"),
}
PARTNER_LIST = ListColumns(
    "partners", PARTNER_FIELDS, PARTNER_REQUIRED, PARTNER_ALIASES, PARTNER_LABELS, normalise_cells=False
)

KIND_VALUES = {
    PartnerKind.COLLEGE: words("学院|职业学院|技术学院|职业技术学院|college|technical college|vocational college"),
    PartnerKind.APPLIED_SCIENCES: words("应用科学大学|应用技术大学|university of applied sciences"),
    PartnerKind.POLYTECHNIC: words("理工学院|理工|polytechnic"),
    PartnerKind.UNIVERSITY: words("大学|university"),
    PartnerKind.AGENCY: words("政府部门|部委|政府机构|教育部|ministry|agency|ministry body|government"),
    PartnerKind.ENTERPRISE: words("企业|公司|外国企业|当地企业|company|enterprise|business"),
    PartnerKind.CHINESE_ENTERPRISE_ABROAD: words(
        "中资企业|中国企业|境外中资企业|走出去企业|chinese enterprise|chinese company"
    ),
    PartnerKind.INTERNATIONAL: words("国际组织|international organisation|international organization"),
}

# How close a name must be to an existing partner's of the same country to ask.
SIMILAR_PARTNER_RATIO = 0.85
WEBSITE_CHARS = PartnerPage._meta.get_field("website").max_length
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass
class PartnerRow:
    """One row of a partner list and what applying it will do."""

    line: int
    cells: dict
    name: str = ""
    title_en: str = ""
    title_zh: str = ""
    native_name: str = ""
    native_language: str = ""
    country: str = ""
    city_en: str = ""
    city_zh: str = ""
    kind: str = ""
    website: str = ""
    partner_id: int | None = None
    partner_title: str = ""
    matched_by: str = ""  # "name" or "editor"
    action: str = ""
    candidates: list = field(default_factory=list)  # [[partner id, title]]
    choice: str = ""
    changes: list = field(default_factory=list)
    differences: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def unchanged(self):
        return self.action == "match" and not self.changes

    @property
    def kind_label(self):
        return PartnerKind(self.kind).label if self.kind else ""


class PartnerReader:
    """What the rows are checked against, read once for the whole list."""

    def __init__(self):
        self.countries = CountryIndex()
        self.partners = PartnerNames()
        self.kinds = choice_lookup(PartnerKind, KIND_VALUES)
        self.pages = {
            values["pk"]: values
            for values in PartnerPage.objects.values(
                "pk",
                "title",
                "title_en",
                "title_zh_hans",
                "native_name",
                "native_language",
                "country",
                "city_en",
                "city_zh_hans",
                "kind",
                "website",
                "latest_revision__content",
            )
        }
        self.by_country = {}
        for pk, values in self.pages.items():
            names = {values["title_en"], values["title_zh_hans"], values["native_name"], values["title"]}
            keys = {name_key(name) for name in names if name}
            self.by_country.setdefault(values["country"], []).extend((key, pk) for key in keys)

    def state(self, pk):
        """The partner's latest version: its last revision, or its row."""
        values = self.pages[pk]
        return values["latest_revision__content"] or values

    def similar(self, keys, country):
        scores = {}
        for other, pk in self.by_country.get(country, ()):
            for key in keys:
                matcher = difflib.SequenceMatcher(None, key, other)
                if matcher.quick_ratio() >= SIMILAR_PARTNER_RATIO and matcher.ratio() >= SIMILAR_PARTNER_RATIO:
                    scores[pk] = max(scores.get(pk, 0), matcher.ratio())
        return sorted(scores, key=lambda pk: -scores[pk])[:3]


def build_partner_plan(table, *, columns=None, choices=None):
    """Check every row of a partner list against the database and say what
    applying will do; ``choices`` are the editor's decisions on possible
    duplicates, ``{line: "new" or partner id}``."""
    column_map = map_columns(table.header, columns, PARTNER_LIST)
    plan = ListPlan(rows=[], **column_map.plan_columns())
    if column_map.missing:
        return plan
    choices = {int(line): str(choice) for line, choice in (choices or {}).items()}
    reader = PartnerReader()
    seen = {}
    for line, cells in (item for run in data_runs(table, column_map, plan) for item in run):
        entry = PartnerRow(line=line, cells=cells)
        _read_row(entry, reader)
        if not entry.errors:
            _find_partner(entry, reader, choices)
        keys = {name_key(name) for name in (entry.title_en, entry.title_zh) if name}
        identity = ("partner", entry.partner_id) if entry.partner_id else ("name", min(keys) if keys else "")
        if keys and not entry.errors:
            if identity in seen:
                entry.errors.append(_("Duplicate row: the same partner as line %(line)s.") % {"line": seen[identity]})
            else:
                seen[identity] = entry.line
        if entry.action == "match" and not entry.errors:
            _compare(entry, reader)
        if entry.errors:
            entry.action = "error"
        plan.rows.append(entry)
    return plan


# Scripts other than Latin and Chinese, and the language a name in them is in
# (by the partner's country where one script serves several languages).
SCRIPTS = [
    ("\u0600-\u06ff", {"IR": "fa", "AF": "fa", "PK": "ur"}, "ar"),
    ("\u0400-\u04ff", {"UA": "uk", "BG": "bg", "RS": "sr", "MK": "mk", "MN": "mn"}, "ru"),
    ("\u0e00-\u0e7f", {}, "th"),
    ("\u0e80-\u0eff", {}, "lo"),
    ("\u1780-\u17ff", {}, "km"),
    ("\u1000-\u109f", {}, "my"),
    ("\u10a0-\u10ff", {}, "ka"),
    ("\u0530-\u058f", {}, "hy"),
    ("\u0590-\u05ff", {}, "he"),
    ("\u0900-\u097f", {"NP": "ne"}, "hi"),
    ("\u0980-\u09ff", {}, "bn"),
    ("\u0370-\u03ff", {}, "el"),
    ("\uac00-\ud7af", {}, "ko"),
    ("\u3040-\u30ff", {}, "ja"),
    ("\u1200-\u137f", {}, "am"),
    ("\u0d80-\u0dff", {}, "si"),
]


def script_language_of(name, country=""):
    """The language code of a name written in a script other than Latin
    letters or Chinese characters ("" when the script is not known)."""
    for characters, by_country, language in SCRIPTS:
        if re.search(f"[{characters}]", name):
            return by_country.get(country, language)
    return ""


def guessed_kind(entry):
    """A partner's kind from its name, or from its Chinese name when the name
    tells nothing (جامعة القاهرة with 开罗大学)."""
    kind = institution_kind(entry.name)
    if kind == PartnerKind.COLLEGE and entry.title_zh:
        kind = institution_kind(entry.title_zh)
    return kind


def _read_row(entry, reader):
    cells = entry.cells
    entry.name = cells.get("name", "")
    latin, chinese = split_bilingual(entry.name)
    chinese = cells.get("name_zh") or chinese
    entry.title_en, entry.title_zh = latin[:255], chinese[:255]
    if not entry.name and not chinese:
        entry.errors.append(_("The name is empty."))
    entry.native_name = cells.get("native_name", "")[:200]
    # The language of the name in its own language: without that name, it describes nothing.
    entry.native_language = cells.get("native_language", "").strip().lower() if entry.native_name else ""
    if entry.native_language and not LANGUAGE_CODE.match(entry.native_language):
        entry.errors.append(
            _("Unknown language code “%(code)s”: use a code such as de, th or ar.") % {"code": entry.native_language}
        )
    country_text = cells.get("country", "")
    entry.country, city_in_country = reader.countries.find(country_text)
    if not entry.country:
        if country_text:
            entry.errors.append(_("Unknown country “%(country)s”.") % {"country": country_text})
        else:
            entry.errors.append(_("The country is empty."))
    # A name in neither Latin letters nor Chinese (جامعة القاهرة, Московский …
    # университет) is the partner's name in its own language, not an English one.
    if entry.title_en and not has_latin_letters(entry.title_en):
        if not entry.native_name:
            entry.native_name = entry.title_en[:200]
            entry.native_language = entry.native_language or script_language_of(entry.title_en, entry.country)
        if entry.title_zh:
            entry.title_en = ""
    city = cells.get("city", "") or city_in_country
    city_latin, city_chinese = split_bilingual(city) if city else ("", "")
    entry.city_en, entry.city_zh = city_latin[:80], city_chinese[:80]
    text = cells.get("kind", "")
    entry.kind = reader.kinds.get(heading_key(text), "") if text else guessed_kind(entry)
    if not entry.kind:
        entry.errors.append(
            _("Unknown kind “%(kind)s”: use %(kinds)s.")
            % {"kind": text, "kinds": list_separator().join(str(label) for _value, label in PartnerKind.choices)}
        )
    website = cells.get("website", "").strip()
    if website and not re.match(r"https?://", website, re.IGNORECASE):
        website = "https://" + website
    if website:
        try:
            URLValidator()(website)
        except ValidationError:
            entry.errors.append(_("“%(website)s” is not a web address.") % {"website": cells.get("website")})
        else:
            if len(website) > WEBSITE_CHARS:
                entry.errors.append(_("The web address is longer than %(max)s characters.") % {"max": WEBSITE_CHARS})
            entry.website = website


def _find_partner(entry, reader, choices):
    names = [entry.name, entry.title_en, entry.title_zh, entry.native_name]
    for name in names:
        pk = reader.partners.find(name) if name else None
        if pk:
            entry.partner_id, entry.matched_by = pk, "name"
            break
    else:
        keys = {name_key(name) for name in names if name}
        candidates = reader.similar(keys, entry.country)
        if candidates:
            entry.candidates = [[pk, reader.partners.titles[pk]] for pk in candidates]
            entry.choice = choices.get(entry.line, "")
            if entry.choice.isdigit() and int(entry.choice) in candidates:
                entry.partner_id, entry.matched_by = int(entry.choice), "editor"
            elif entry.choice != "new":
                entry.choice = ""
                entry.action = "duplicate"
                return
    if entry.partner_id:
        entry.partner_title = reader.partners.titles[entry.partner_id]
        entry.action = "match"
    else:
        entry.action = "create"


# The fields a list fills on a partner's page when the page has none: field → the row's attribute.
FILLED = {
    "title_en": "title_en",
    "title_zh_hans": "title_zh",
    "native_name": "native_name",
    "native_language": "native_language",
    "city_en": "city_en",
    "city_zh_hans": "city_zh",
    "website": "website",
}
FILLED_LABELS = {
    "title_en": gettext_lazy("English name"),
    "title_zh_hans": gettext_lazy("Chinese name"),
    "native_name": gettext_lazy("name in its own language"),
    "native_language": gettext_lazy("language of that name"),
    "city_en": gettext_lazy("city in English"),
    "city_zh_hans": gettext_lazy("city in Chinese"),
    "website": gettext_lazy("website"),
}


def _field_label(column):
    return FILLED_LABELS[column]


def _compare(entry, reader):
    state = reader.state(entry.partner_id)
    for column, attribute in FILLED.items():
        value = getattr(entry, attribute)
        current = state.get(column) or ""
        # An English title that repeats the Chinese name is no English name.
        if column == "title_en" and current == state.get("title_zh_hans") and not re.search("[A-Za-z]", current):
            current = ""
        if value and not current:
            entry.changes.append(_("Gives its %(field)s: %(value)s.") % {"field": _field_label(column), "value": value})
        elif value and name_key(current) != name_key(value) and column != "website":
            entry.differences.append(
                _("The page gives its %(field)s as %(page)s, the list as %(list)s.")
                % {"field": _field_label(column), "page": current, "list": value}
            )
    if state.get("country") and state.get("country") != entry.country:
        entry.differences.append(
            _("The page gives its country as %(page)s, the list as %(list)s.")
            % {"page": state.get("country"), "list": entry.country}
        )
    if entry.cells.get("kind") and state.get("kind") and state.get("kind") != entry.kind:
        entry.differences.append(
            _("The page gives its kind as %(page)s, the list as %(list)s.")
            % {"page": PartnerKind(state["kind"]).label, "list": entry.kind_label}
        )


@in_default_language
def _update_partner(row, user):
    page = PartnerPage.objects.get(pk=row.partner_id)
    pending = page.has_unpublished_changes
    latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
    for column, attribute in FILLED.items():
        value = getattr(row, attribute)
        current = getattr(latest, column) or ""
        if column == "title_en" and current == latest.title_zh_hans and not re.search("[A-Za-z]", current):
            current = ""
        if value and not current:
            setattr(latest, column, value)
            if column == "title_en":
                latest.draft_title = value
    revision = latest.save_revision(user=user, log_action=True)
    if page.live and not pending:
        # The ministry's own additions: published by the import, also when run
        # from the command line on behalf of a user without publishing rights.
        revision.publish(user=user, skip_permission_checks=True)


def apply_partner_plan(plan, user, expected_digest=None):
    """Apply a checked partner list, all or nothing. Returns ``{"created",
    "updated", "unchanged"}`` counts."""
    check_before_applying(
        plan,
        expected_digest,
        undecided_message=_(
            "Decide for each possible duplicate whether it is the same partner or a new one; nothing was imported."
        ),
        errors_message=_("The list has errors; nothing was imported."),
    )
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        index = PartnerIndexPage.objects.first()
        if index is None and plan.created:
            raise ImportFileError(_("There is no partner directory to create new partners in."))
        taken = set(index.get_children().values_list("slug", flat=True)) if index else set()
        for row in plan.rows:
            if row.action == "create":
                info = {
                    # The slug's source: a name in another script gives none, the Chinese one its pinyin.
                    "name": row.title_en or row.title_zh or row.name,
                    "title_en": row.title_en,
                    "title_zh": row.title_zh,
                    "country": row.country,
                    "city_en": row.city_en,
                    "city_zh": row.city_zh,
                    "kind": row.kind,
                }
                partner = partner_page(info, taken)
                if row.native_name:
                    partner.native_name, partner.native_language = row.native_name, row.native_language
                partner.website = row.website
                create_draft(index, partner, user)
                counts["created"] += 1
            elif row.changes:
                _update_partner(row, user)
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
    return counts

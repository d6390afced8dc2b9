"""The import of a register of international programmes: overseas training
centres, workshops abroad and the other programmes a ministry or a province
publishes in a spreadsheet.

The register is read as the school-list import reads a batch list
(``ministry.imports``: CSV in UTF-8 or GB18030, or XLSX; title rows and merged
title cells above the header; columns recognised by their Chinese or English
names, or as the editor says, remembered in ``ImportColumnAlias`` for the
"register" list). Each row is one programme:

* host country (required; 泰国, Thailand, TH, or with its city: 泰国曼谷,
  Thailand, Bangkok) and city;
* Chinese schools: the lead school (required; the first of the cell when it
  names several) and co-operating schools, each matched by its Chinese name,
  English name, former name or a known rename (``SchoolIndex``). A name close
  to a school's (天津职业大字) is an error ("Did you mean …?"); a lead school the
  portal does not hold, with no close name, skips the row (listed, counted,
  imported by the next import once the school is in the portal); an unknown
  co-operating school is kept on the programme as its published name
  (``ProgrammePage.other_chinese_schools``);
* foreign partners and company partners, matched by any of their names or
  their name in their own language; a partner not found is created as a draft
  partner page (a foreign partner in the host country; a company named in
  Chinese is a Chinese enterprise abroad, one named in Latin letters an
  enterprise of the host country);
* opening date (a year, or a year and month), specialties (fields of study,
  ``programmes.specialties``), status, type, sources (web addresses) and how
  sure the facts are.

Lists inside a cell are separated by 、 , ; / or new lines (full-width forms
too); text in brackets stays with its name.

**Which programme a row is.** A row is a programme of its lead school (a
child page of the school's page):

1. with the same title (the row's title column, in any of the page's
   languages), else
2. delivered in the same host country and city (a row without a city, a
   programme without one). When the row has a title and only the place
   agrees, or several programmes share the place, or the city cannot be
   compared (the page names it only in another script: 曼谷, Bangkok), the row
   is a *possible duplicate* and the editor says which programme it is, or
   that it is new.

So a re-imported register finds the programmes it created: by their title, or,
without a title column, by their place.

**What applying does.** A new programme is created as a draft (a revision, not
published) under its lead school, with an ASCII slug. A programme already in
the portal is never overwritten: the register adds what the page lacks
(co-operating schools, partners, fields of study, sources; the city, the
opening date and how sure the facts are when the page has none), as a new
revision, published if the page was live without a pending draft; where the
page says something else (status, opening year…), the preview says so and the
page keeps its value. A row that adds nothing is unchanged: re-importing the
same register changes nothing.

**Luban Workshops.** A row that is a Luban Workshop (鲁班工坊 or "Luban
Workshop" in its type or its name) also records a Luban Workshop recognition
(``programmes.recognitions``) with its opening year and its name (泰国鲁班工坊)
for its *lead school* only: the recognition is the school's that builds and
runs the workshop; the co-operating schools show the programme on their
profiles and count it in the catalogue's recognition facet already, and giving
them the recognition too would count one workshop several times. A workshop
without an opening year records none (the preview says so). Recording it again
changes nothing.

Rows that are not data (the header repeated, a footnote 注：…, a sub-heading
between groups of rows) are listed in the preview as skipped, not checked
(``ministry.imports.row_kind``). A register grouped by host country that
names the country on the first row of each group only (a merged cell,
exported) has it carried down to the rows below (``ministry.imports.carry_down``).

Applying is all or nothing: one transaction, refused while any row has an
error or an undecided possible duplicate, or when the database changed since
the preview (``PlanChanged``). ``manage.py import_register`` runs the same
steps from the command line.
"""

import datetime
import difflib
import functools
import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from wagtail.log_actions import log

from django_countries import countries
from modeltranslation.utils import build_localized_fieldname

from ministry.import_plan import ImportFileError, PlanRows, check_before_applying
from ministry.imports import (
    ListColumns,
    SchoolIndex,
    carried_down_note,
    carry_down,
    data_runs,
    heading_key,
    map_columns,
    normalise_name,
    rename_key,
)
from partners.models import PartnerIndexPage, PartnerKind, PartnerPage, ProgrammePartner
from portal.languages import list_separator, translated_columns
from programmes.models import (
    FieldOfStudy,
    ProgrammeCertainty,
    ProgrammePage,
    ProgrammeSchool,
    ProgrammeSource,
    ProgrammeStatus,
    ProgrammeType,
    RecognitionKind,
    SchoolPage,
    ascii_slug,
)
from programmes.recognitions import RecognitionValues, change_of, current_recognitions, record_recognition
from programmes.specialties import SpecialtyIndex

# --- The columns -------------------------------------------------------------------

REGISTER_FIELDS = [
    "title",
    "title_en",
    "programme_type",
    "country",
    "city",
    "lead_school",
    "schools",
    "partners",
    "companies",
    "opening",
    "specialties",
    "status",
    "certainty",
    "sources",
]
REGISTER_REQUIRED = ["country", "lead_school"]
REGISTER_LABELS = {
    "title": gettext_lazy("Name of the programme"),
    "title_en": gettext_lazy("English name of the programme"),
    "programme_type": gettext_lazy("Type"),
    "country": gettext_lazy("Host country"),
    "city": gettext_lazy("City"),
    "lead_school": gettext_lazy("Lead school"),
    "schools": gettext_lazy("Co-operating schools"),
    "partners": gettext_lazy("Foreign partners"),
    "companies": gettext_lazy("Company partners"),
    "opening": gettext_lazy("Opening date"),
    "specialties": gettext_lazy("Specialties"),
    "status": gettext_lazy("Status"),
    "certainty": gettext_lazy("How sure the facts are"),
    "sources": gettext_lazy("Sources"),
}


def words(text):
    """The words of a vocabulary written on one line, separated by "|"."""
    return [word.strip() for word in text.split("|") if word.strip()]


# The headings each column is known by (compared without spaces, punctuation or case).
REGISTER_ALIASES = {
    "title": words(
        "名称|项目名称|中心名称|培训中心名称|海外培训中心名称|工坊名称|鲁班工坊名称|机构名称|办学机构名称|海外办学机构名称"
        "|项目|title|name|programme|programme name|program name|centre|centre name"
    ),
    "title_en": words("英文名称|英文名|项目英文名称|中心英文名称|english name|name_en|title_en"),
    "programme_type": words("类型|项目类型|办学类型|合作类型|合作形式|形式|type|programme type|kind"),
    "country": words(
        "国家|所在国家|所在国|国别|东道国|合作国家|国家地区|所在国家地区|国家和地区"
        "|country|host country|country of delivery"
    ),
    "city": words("城市|所在城市|所在地|地点|城市地区|city|location|place"),
    "lead_school": words(
        "牵头院校|牵头学校|牵头单位|主持院校|主办院校|建设院校|实施院校|举办院校|中方院校|中方学校|国内院校|院校|学校"
        "|学校名称|院校名称|lead school|school|chinese school"
    ),
    "schools": words(
        "合作院校|参与院校|共建院校|联合院校|参建院校|其他院校|国内合作院校|中方合作院校|合作院校中方"
        "|co-operating schools|cooperating schools|partner schools|other schools"
    ),
    "partners": words(
        "外方合作机构|外方合作院校|外方合作单位|外方院校|外方机构|外方|国外合作院校|国外合作机构|境外合作院校|境外合作机构"
        "|合作院校外方|合作机构外方"
        "|合作机构|foreign partners|foreign partner|partner institutions|partners|partner"
    ),
    "companies": words(
        "合作企业|参与企业|共建企业|中方企业|企业|企业合作伙伴|companies|company|enterprises|company partners"
        "|enterprise partners"
    ),
    "opening": words(
        "成立时间|建立时间|设立时间|揭牌时间|启动时间|开设时间|建成时间|签约时间|成立年份|时间|年份|日期"
        "|opening|opened|opening date|date|year|established"
    ),
    "specialties": words(
        "专业|合作专业|开设专业|专业名称|专业领域|培训专业|专业方向|涉及专业"
        "|specialties|specialty|specialities|fields of study|field of study|majors"
    ),
    "status": words("状态|建设状态|运行状态|进展|建设进度|status"),
    "certainty": words("可信度|核实情况|确认情况|信息来源类型|准确性|certainty|confidence|verification"),
    "sources": words("来源|信息来源|资料来源|来源链接|链接|网址|出处|参考|source|sources|url|link|links|references"),
}
REGISTER_LIST = ListColumns(
    "register",
    REGISTER_FIELDS,
    REGISTER_REQUIRED,
    REGISTER_ALIASES,
    REGISTER_LABELS,
    max_cell_chars=4000,
    normalise_cells=False,
)

# Values of the status, type and certainty columns, besides each choice's value
# and its label in every language of the site.
STATUS_VALUES = {
    ProgrammeStatus.PLANNED: words("筹建|筹建中|拟建|计划|计划中|规划|规划中|待建|planning"),
    ProgrammeStatus.UNDER_CONSTRUCTION: words("在建|建设中|施工中|建设|under construction|construction"),
    ProgrammeStatus.OPEN: words("招生|招生中|开放|开放招生|open"),
    ProgrammeStatus.RUNNING: words(
        "运行|运行中|运营|运营中|在运行|正常运行|已运行|建成|已建成|已揭牌|揭牌|开展中|operating|active|established"
    ),
    ProgrammeStatus.CLOSED: words("关闭|已关闭|停办|停止|终止|结束|已结束|ended"),
}
TYPE_VALUES = {
    ProgrammeType.TRAINING_CENTRE: words(
        "海外培训中心|境外培训中心|培训中心|鲁班工坊|工坊|海外工坊|中心|training centre|training center|workshop"
        "|luban workshop|centre"
    ),
    ProgrammeType.JOINT_PROGRAMME: words("合作办学|联合办学|中外合作办学|境外办学|联合培养|学历教育|joint"),
    ProgrammeType.EXCHANGE: words("交流|交换|互访|交流项目|exchange"),
    ProgrammeType.TEACHER_TRAINING: words("师资培训|教师培训|师资|teacher training"),
    ProgrammeType.SHORT_COURSE: words("短期培训|短期|培训|研修|short course|training"),
    ProgrammeType.ONLINE_COURSE: words("在线|线上|在线课程|网络课程|online|online course"),
    ProgrammeType.STANDARD: words("标准|课程标准|专业标准|标准开发|教材|standard|curriculum"),
}
CERTAINTY_VALUES = {
    ProgrammeCertainty.CONFIRMED: words("确认|已确认|学校确认|院校确认|核实|已核实|confirmed|verified"),
    ProgrammeCertainty.OFFICIAL: words("官方|官方来源|官方发布|官方公布|official|official source"),
    ProgrammeCertainty.REPORTED: words("报道|媒体报道|未核实|待核实|未经核实|reported|unverified|not verified"),
}

# A register without a status column lists programmes that exist.
DEFAULT_STATUS = ProgrammeStatus.RUNNING
# A register is most often a register of overseas training centres.
DEFAULT_TYPE = ProgrammeType.TRAINING_CENTRE

# Country names the standard lists spell otherwise, or that publishers shorten.
COUNTRY_ALIASES = {
    "塔吉克斯坦": "TJ",
    "马里": "ML",
    "印尼": "ID",
    "阿联酋": "AE",
    "沙特": "SA",
    "英格兰": "GB",
    "苏格兰": "GB",
    "威尔士": "GB",
    "uk": "GB",
    "usa": "US",
    "刚果金": "CD",
    "刚果布": "CG",
    "中国香港": "HK",
    "中国台湾": "TW",
    "中国澳门": "MO",
    "香港": "HK",
    "澳门": "MO",
    "俄罗斯联邦": "RU",
    "南韩": "KR",
    "孟加拉": "BD",
    "中国": "CN",
}


def choice_lookup(choices, extra):
    """``{value key: choice}``: a choice's value, its label in every language of
    the site and the ``extra`` words for it."""
    lookup = {}
    for choice, words in extra.items():
        for word in words:
            lookup[heading_key(word)] = choice
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            for value, label in choices.choices:
                lookup.setdefault(heading_key(label), value)
    for value in choices.values:
        lookup.setdefault(heading_key(value), value)
    return lookup


# --- Reading a cell ------------------------------------------------------------------

MAX_URL_CHARS = ProgrammeSource._meta.get_field("url").max_length
LIST_SEPARATORS = "、,;/\n，；／"
URL = re.compile(r"https?://[^\s,;，；、。（）<>\"]+", re.IGNORECASE)
OPENING_BRACKETS, CLOSING_BRACKETS = "([（【", ")]）】"
BRACKETED = re.compile(r"[(（【\[]([^)）】\]]*)[)）】\]]")
HAN = re.compile(r"[\u3400-\u9fff]")


def split_list(text):
    """The items of a cell, separated by the publisher's separators; text in
    brackets stays with its item (大城技术学院(泰国,大城府)). Each once."""
    items, current, depth = [], [], 0
    for char in text or "":
        if char in OPENING_BRACKETS:
            depth += 1
        elif char in CLOSING_BRACKETS and depth:
            depth -= 1
        if char in LIST_SEPARATORS and depth == 0:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return list(dict.fromkeys(item.strip(" \t\r\u3000。") for item in items if item.strip(" \t\r\u3000。")))


def split_bilingual(text):
    """``(Latin name, Chinese name)`` of a name written in one script with the
    other in brackets (Ayutthaya Technical College (大城技术学院)); a name in one
    script gives ``("name", "")`` or ``("", "名称")``."""
    match = re.fullmatch(r"(.+?)\s*[(（](.+)[)）]", text.strip())
    if match:
        first, second = match.group(1).strip(), match.group(2).strip()
        if HAN.search(first) and not HAN.search(second) and re.search("[A-Za-z]", second):
            return second, first
        if HAN.search(second) and not HAN.search(first) and re.search("[A-Za-z]", first):
            return first, second
    return ("", text.strip()) if HAN.search(text) else (text.strip(), "")


def without_brackets(text):
    """A name without the notes in brackets (天津职业大学(牵头) → 天津职业大学)."""
    return BRACKETED.sub("", text).strip()


def name_key(text):
    """A partner's or programme's name as a matching key: no spaces, no
    punctuation, case folded."""
    return heading_key(text)


def parse_opening(text):
    """``(year, month)`` of an opening date as registers write it: 2019,
    2019年, 2019-03, 2019.3, 2019/03, 2019年3月, 2019年3月18日, March 2019
    (the day is dropped); ``(None, None)`` when empty. Raises ``ValueError``."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text:
        return None, None
    year = month = None
    patterns = [
        r"(\d{4})\s*年?",
        r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*月?",
        r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?",
    ]
    for pattern in patterns:
        match = re.fullmatch(pattern, text)
        if match:
            year = int(match.group(1))
            month = int(match.group(2)) if match.lastindex and match.lastindex >= 2 else None
            break
    else:
        match = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{4})", text) or re.fullmatch(r"(\d{4})\s+([A-Za-z]+)", text)
        if not match:
            raise ValueError(text)
        name, number = (match.group(1), match.group(2)) if match.group(1).isalpha() else match.groups()[::-1]
        months = {datetime.date(2000, n, 1).strftime("%B").lower(): n for n in range(1, 13)}
        found = [n for full, n in months.items() if full.startswith(name.lower()) and len(name) >= 3]
        if len(found) != 1:
            raise ValueError(text)
        year, month = int(number), found[0]
    if not 1950 <= year <= 2100 or (month is not None and not 1 <= month <= 12):
        raise ValueError(text)
    return year, month


def parse_sources(text):
    """``([(url, title)], [text without an address])`` of a sources cell: each
    web address with the words before it as its title (新华网: https://…)."""
    sources, leftovers, start = [], [], 0
    for match in URL.finditer(text or ""):
        before = text[start : match.start()]
        start = match.end()
        url = match.group().rstrip(".。)")
        parts = [part for part in split_list(before.replace("\n", ";")) if part.strip(" :：-—")]
        title = parts[-1].strip(" :：-—") if parts else ""
        leftovers.extend(part for part in parts[:-1])
        if url not in (existing for existing, _title in sources):
            sources.append((url, title[:300] or _source_title(url)))
    leftovers.extend(part for part in split_list((text or "")[start:]) if part.strip(" :：-—"))
    return sources, leftovers


def _source_title(url):
    """A title for an address given without one: the address without its scheme."""
    return re.sub(r"^https?://", "", url, flags=re.IGNORECASE).rstrip("/")[:300]


# --- What the database holds --------------------------------------------------------------


class CountryIndex:
    """Countries by their names in every language of the site, their ISO codes
    and the usual short forms."""

    def __init__(self):
        self.by_key = {}
        for code, _label in settings.LANGUAGES:
            with translation.override(code):
                for country_code, name in countries:
                    self.by_key.setdefault(heading_key(str(name)), country_code)
        for country_code, _name in countries:
            self.by_key.setdefault(heading_key(country_code), country_code)
            alpha3 = countries.alpha3(country_code)
            if alpha3:
                self.by_key.setdefault(heading_key(alpha3), country_code)
        for alias, country_code in COUNTRY_ALIASES.items():
            self.by_key[heading_key(alias)] = country_code
        self.longest = max(map(len, self.by_key))

    def find(self, text):
        """``(country code, rest)``: the country a cell names, and the city
        written with it (泰国曼谷, Thailand, Bangkok, 曼谷(泰国)), or
        ``(None, "")``."""
        text = (text or "").strip()
        key = heading_key(text)
        if not key:
            return None, ""
        if key in self.by_key:
            return self.by_key[key], ""
        outer = without_brackets(text)
        inner = BRACKETED.findall(text)
        if inner and outer:
            for country, city in ((outer, inner[0]), (inner[0], outer)):
                if heading_key(country) in self.by_key:
                    return self.by_key[heading_key(country)], city.strip()
        parts = [part.strip() for part in re.split(r"[,;/·•|–—，；、／]|\s-\s|\s{2,}", text) if part.strip()]
        if len(parts) >= 2:
            if heading_key(parts[0]) in self.by_key:
                return self.by_key[heading_key(parts[0])], ", ".join(parts[1:])
            if heading_key(parts[-1]) in self.by_key:
                return self.by_key[heading_key(parts[-1])], ", ".join(parts[:-1])
        if HAN.search(text):
            compact = re.sub(r"\s+", "", text)
            for length in range(min(len(compact), self.longest), 1, -1):
                if heading_key(compact[:length]) in self.by_key:
                    return self.by_key[heading_key(compact[:length])], compact[length:].strip("()（）·-")
        return None, ""


# How close a name must be to an existing school's to be suggested in an error
# (天津职业大字 → 天津职业大学): one character in six.
SUGGESTION_RATIO = 0.8


class SchoolNames(SchoolIndex):
    """``SchoolIndex`` without provinces (a register names none), and with
    each school's title in every language (its English name)."""

    def __init__(self):
        super().__init__()
        self.renames = {}
        for (_province, renamed), pks in self.by_rename.items():
            self.renames.setdefault(renamed, set()).update(pks)
        for pk, *titles in SchoolPage.objects.values_list("pk", *translated_columns("title")):
            for title in titles:
                key = normalise_name(title)
                if key:
                    self.by_name.setdefault(key, (pk, "name"))

    def find(self, text):
        """``(school id, how)`` or ``(None, [similar school names])``."""
        names = [text, without_brackets(text), *split_bilingual(text)]
        for name in names:
            key = normalise_name(name)
            if key and self.exact(key):
                return self.exact(key)
        for name in names:
            key = normalise_name(name)
            renamed = rename_key(key) if key else None
            if renamed and len(self.renames.get(renamed, ())) == 1:
                return next(iter(self.renames[renamed])), "rename"
        key = normalise_name(without_brackets(text))
        similar = {}
        for entries in self.by_province.values():
            for other, pk in entries:
                if abs(len(other) - len(key)) > 1:
                    continue
                ratio = difflib.SequenceMatcher(None, key, other).ratio()
                if ratio >= SUGGESTION_RATIO:
                    similar[pk] = max(similar.get(pk, 0), ratio)
        return None, [self.titles[pk] for pk in sorted(similar, key=lambda pk: -similar[pk])[:3]]


class PartnerNames:
    """Every partner's names (in every language and in its own), for matching
    a register's partners and companies in one query. A partner merged into
    another is found as that other."""

    def __init__(self):
        self.by_key = {}
        self.titles = {}
        self.slugs = set()
        columns = translated_columns("title")
        rows = PartnerPage.objects.values_list("pk", "title", "native_name", "merged_into_id", "slug", *columns)
        for pk, title, native, merged_into, slug, *titles in rows:
            self.titles[pk] = title
            self.slugs.add(slug)
            for name in (title, native, *titles):
                for variant in (name, *split_bilingual(name or "")):
                    key = name_key(variant or "")
                    if key:
                        self.by_key.setdefault(key, merged_into or pk)

    def find(self, text):
        for variant in (text, *split_bilingual(text)):
            key = name_key(variant)
            if key and key in self.by_key:
                return self.by_key[key]
        return None


class ProgrammeIndex:
    """The programmes of each school (its child pages), by title and by place,
    and what their latest version holds, read from its revision."""

    def __init__(self, school_ids):
        """The programmes of the schools ``school_ids`` (the lead schools of a file)."""
        school_paths = dict(SchoolPage.objects.filter(pk__in=school_ids).values_list("path", "pk"))
        self.by_school = {}
        self.titles = {}
        self.state = {}
        paths = Q()
        for path in school_paths:
            paths |= Q(path__startswith=path, depth=len(path) // ProgrammePage.steplen + 1)
        rows = ProgrammePage.objects.filter(paths).select_related("latest_revision") if school_paths else ()
        for programme in rows:
            school = school_paths.get(programme.path[: -programme.steplen])
            if school is None:
                continue
            revision = programme.latest_revision
            state = revision.content if revision is not None else programme.serializable_data()
            self.state[programme.pk] = state
            # In the editor's language where the page has it.
            language_title = state.get(build_localized_fieldname("title", translation.get_language() or "en"))
            self.titles[programme.pk] = language_title or state.get("title") or programme.title
            self.by_school.setdefault(school, []).append(programme.pk)

    def title_keys(self, pk):
        state = self.state[pk]
        names = [state.get(column) for column in ("title", *translated_columns("title"))]
        return {name_key(name) for name in names if name}

    def cities(self, pk):
        """The programme's country and ``{script: city key}`` ("latin", "han")."""
        state = self.state[pk]
        cities = {}
        for column in ("delivery_city", *translated_columns("delivery_city")):
            value = state.get(column) or ""
            if value:
                cities.setdefault("han" if HAN.search(value) else "latin", set()).add(name_key(value))
        return state.get("delivery_country") or "", cities

    def with_title(self, school, keys):
        return [pk for pk in self.by_school.get(school, ()) if self.title_keys(pk) & keys]

    def at_place(self, school, country, cities):
        """``(same place, maybe the same place)``: the school's programmes in
        ``country`` whose city is one of ``cities`` (``{script: key}``; no city
        on both sides counts as the same), and those whose city cannot be
        compared (the page names it only in another script: 曼谷 and Bangkok)."""
        same, maybe = [], []
        for pk in self.by_school.get(school, ()):
            page_country, page_cities = self.cities(pk)
            if page_country != country:
                continue
            comparable = [script for script in cities if script in page_cities]
            if not cities and not page_cities:
                same.append(pk)
            elif any(cities[script] in page_cities[script] for script in comparable):
                same.append(pk)
            elif not comparable:
                maybe.append(pk)
        return same, maybe


# --- The plan -------------------------------------------------------------------------------


@dataclass
class RegisterRow:
    """One row of the register and what applying it will do."""

    line: int
    cells: dict  # field → the cell as written
    title_en: str = ""
    title_zh: str = ""
    programme_type: str = ""
    country: str = ""
    city_en: str = ""
    city_zh: str = ""
    lead_school_id: int | None = None
    lead_school: str = ""
    lead_matched_by: str = ""
    schools: list = field(default_factory=list)  # [[school id, name, how]]
    # Co-operating schools the portal does not hold (no close match), as written: kept as names on the programme.
    other_schools: list = field(default_factory=list)
    # The co-operating schools found, as written: a name the programme kept without a link gets its link.
    linked_names: list = field(default_factory=list)
    # The lead school as written when the portal does not hold it (no close match): the row is skipped.
    missing_lead: str = ""
    partners: list = field(default_factory=list)  # [[partner id or None, name key, name, "partner"/"company"]]
    opening_year: int | None = None
    opening_month: int | None = None
    fields_of_study: list = field(default_factory=list)  # [[field id, as written, label, how, word]]
    status: str = ""
    certainty: str = ""
    sources: list = field(default_factory=list)  # [[url, title]]
    programme_id: int | None = None
    programme_title: str = ""
    matched_by: str = ""  # "title", "place" or "editor"
    # "match", "create", "duplicate" (the editor decides), "skip" (the lead school is not in the portal) or "error"
    action: str = ""
    candidates: list = field(default_factory=list)  # [[programme id, title]] of a possible duplicate
    choice: str = ""
    changes: list = field(default_factory=list)  # what applying adds to a matched programme
    differences: list = field(default_factory=list)  # what the page says otherwise, and keeps
    notes: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    luban: bool = False  # a Luban Workshop: its lead school gets the recognition
    luban_change: str = ""  # "add", "update" or "" (none, or already recorded)

    @property
    def unchanged(self):
        return self.action == "match" and not self.changes and not self.luban_change

    @property
    def luban_recognition(self):
        """The Luban Workshop recognition the row gives its lead school, or ``None``."""
        if not self.luban or not self.opening_year:
            return None
        return RecognitionValues(kind=RecognitionKind.LUBAN, year=self.opening_year, name=self.title)

    @property
    def title(self):
        return self.title_zh or self.title_en

    @property
    def country_name(self):
        return str(countries.name(self.country)) if self.country else ""

    @property
    def status_label(self):
        return ProgrammeStatus(self.status).label if self.status else ""


@dataclass
class ListPlan(PlanRows):
    """The checked rows of a list (a register, a partner list): the dry-run
    preview. Each row's ``action`` is "match", "create", "duplicate" (a
    possible duplicate the editor decides), "skip" (a register's row whose
    lead school is not in the portal) or "error"."""

    rows: list
    columns: dict = field(default_factory=dict)  # field → heading
    unused_columns: list = field(default_factory=list)
    missing_columns: list = field(default_factory=list)
    # Rows that are not data: [{"line", "kind", "text", "reason"}] (``ministry.imports.row_kind``).
    skipped: list = field(default_factory=list)
    # What the import read beyond the cells, in the editor's language (a column carried down).
    notes: list = field(default_factory=list)

    @property
    def changes(self):
        return [
            row
            for row in self.rows
            if row.action == "create" or (row.action == "match" and (row.changes or getattr(row, "luban_change", "")))
        ]

    def digest(self):
        """A fingerprint of what applying will do, to check at confirmation
        that it is exactly what the editor previewed."""
        payload = json.dumps([asdict(self)], sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()


@dataclass
class RegisterPlan(ListPlan):
    """The checked rows of one register."""

    # name key → {"name", "title_en", "title_zh", "country", "kind", "line", …}: partners to create
    new_partners: dict = field(default_factory=dict)

    @property
    def new_partner_list(self):
        """The partners to create, with their kind and country in the editor's language."""
        return [
            {**info, "kind_label": PartnerKind(info["kind"]).label, "country_name": countries.name(info["country"])}
            for info in self.new_partners.values()
        ]


class RegisterReader:
    """What the rows are checked against, read once for the whole file."""

    def __init__(self):
        self.countries = CountryIndex()
        self.schools = SchoolNames()
        self.partners = PartnerNames()
        self.programmes = None  # read once the lead schools are known (``ProgrammeIndex``)
        self.specialties = SpecialtyIndex()
        self.statuses = choice_lookup(ProgrammeStatus, STATUS_VALUES)
        self.types = choice_lookup(ProgrammeType, TYPE_VALUES)
        self.certainties = choice_lookup(ProgrammeCertainty, CERTAINTY_VALUES)


def build_register_plan(table, *, columns=None, choices=None):
    """Check every row of a register against the database and say what
    applying will do. ``columns`` are the editor's choices of columns (see
    ``ministry.imports.map_columns``); ``choices`` their decisions on possible
    duplicates, ``{line: "new" or programme id}``."""
    column_map = map_columns(table.header, columns, REGISTER_LIST)
    plan = RegisterPlan(rows=[], **column_map.plan_columns())
    if column_map.missing:
        return plan
    choices = {int(line): str(choice) for line, choice in (choices or {}).items()}
    reader = RegisterReader()
    # The runs of adjacent rows a country may be carried down in.
    runs = [[RegisterRow(line=line, cells=cells) for line, cells in run] for run in data_runs(table, column_map, plan)]
    plan.rows = [entry for run in runs for entry in run]
    # A register grouped by country names it on the first row of each group.
    carried = carry_down(
        runs, lambda entry: entry.cells.get("country", ""), lambda entry, value: entry.cells.update(country=value)
    )
    if carried:
        plan.notes.append(carried_down_note("country", [entry.line for entry in carried]))
    for entry in plan.rows:
        _read_row(entry, reader, plan)
    reader.programmes = ProgrammeIndex({entry.lead_school_id for entry in plan.rows if entry.lead_school_id})
    recognitions = current_recognitions() if any(entry.luban for entry in plan.rows) else {}
    seen = {}
    for entry in plan.rows:
        if entry.missing_lead and not entry.errors:
            entry.action = "skip"
            continue
        _find_programme(entry, reader, choices)
        identity = _identity(entry)
        if identity and not entry.errors:
            if identity in seen:
                entry.errors.append(_("Duplicate row: the same programme as line %(line)s.") % {"line": seen[identity]})
            else:
                seen[identity] = entry.line
        if entry.action in ("match", "create") and not entry.errors:
            _compare(entry, reader, plan)
            _check_luban(entry, recognitions)
        if entry.errors:
            entry.action = "error"
    return plan


def is_luban_workshop(*texts):
    """Whether a row's type or name says it is a Luban Workshop (鲁班工坊)."""
    return any("鲁班工坊" in key or "lubanworkshop" in key for key in map(heading_key, texts))


def _check_luban(entry, recognitions):
    """Whether the row records a Luban Workshop recognition for its lead school
    (see the module's docstring), and a note when it cannot."""
    if not entry.luban:
        return
    wanted = entry.luban_recognition
    if wanted is None:
        entry.notes.append(_("A Luban Workshop without an opening year: no recognition is recorded for its school."))
        return
    entry.luban_change = change_of(recognitions.get(entry.lead_school_id, []), wanted)


def _identity(entry):
    if entry.programme_id:
        return ("programme", entry.programme_id)
    if entry.lead_school_id is None or not entry.country:
        return None
    if entry.title:
        return ("title", entry.lead_school_id, name_key(entry.title))
    return ("place", entry.lead_school_id, entry.country, name_key(entry.city_en or entry.city_zh))


def _read_row(entry, reader, plan):
    """Read the cells of a row into ``entry``; each problem is an error in the
    editor's language."""
    cells = entry.cells
    # The title: a Chinese and an English name, from one cell or two.
    latin, chinese = split_bilingual(cells.get("title", ""))
    entry.title_zh = chinese[:255]
    entry.title_en = (cells.get("title_en") or latin)[:255]

    text = cells.get("programme_type", "")
    entry.luban = is_luban_workshop(text, cells.get("title", ""), entry.title_en)
    entry.programme_type = reader.types.get(heading_key(text), "") if text else DEFAULT_TYPE
    if not entry.programme_type:
        entry.errors.append(
            _("Unknown type “%(type)s”: use 海外培训中心/training centre, 合作办学/joint programme, 交流/exchange, …")
            % {"type": text}
        )

    country_text = cells.get("country", "")
    entry.country, city_in_country = reader.countries.find(country_text)
    if not entry.country:
        if country_text:
            entry.errors.append(_("Unknown country “%(country)s”.") % {"country": country_text})
        else:
            entry.errors.append(_("The host country is empty."))
    city = cells.get("city", "") or city_in_country
    city_latin, city_chinese = split_bilingual(city) if city else ("", "")
    entry.city_en, entry.city_zh = city_latin[:80], city_chinese[:80]

    # The schools: the lead school first; the others of its cell co-operate.
    lead_names = split_list(cells.get("lead_school", ""))
    if not lead_names:
        entry.errors.append(_("The lead school is empty."))
    for position, name in enumerate([*lead_names, *split_list(cells.get("schools", ""))]):
        pk, how = reader.schools.find(name)
        if pk is None:
            if how:
                # A name close to a school's is most likely a typo: the file is corrected.
                entry.errors.append(
                    _("School “%(school)s” not found. Did you mean %(similar)s?")
                    % {"school": name, "similar": list_separator().join(f"“{title}”" for title in how)}
                )
            elif position == 0:
                # A programme belongs to its lead school: without it, the row
                # waits until the school is in the portal (re-importing then adds it).
                entry.missing_lead = name
            elif normalise_name(name) not in map(normalise_name, entry.other_schools):
                entry.other_schools.append(name)
                entry.notes.append(
                    _(
                        "“%(school)s” is not in the portal: the programme keeps the name as published, "
                        "without a link, beside its co-operating schools."
                    )
                    % {"school": name}
                )
            continue
        if position == 0:
            entry.lead_school_id, entry.lead_school, entry.lead_matched_by = pk, reader.schools.titles[pk], how
        elif pk != entry.lead_school_id and pk not in (school[0] for school in entry.schools):
            entry.schools.append([pk, reader.schools.titles[pk], how])
            entry.linked_names.extend({name, reader.schools.titles[pk]})

    # Partners and companies: found, or new drafts.
    for kind, name in [
        *(("partner", name) for name in split_list(cells.get("partners", ""))),
        *(("company", name) for name in split_list(cells.get("companies", ""))),
    ]:
        pk = reader.partners.find(name)
        key = name_key(without_brackets(name) or name)
        if any(existing[1] == key or (pk and existing[0] == pk) for existing in entry.partners):
            continue
        entry.partners.append([pk, key, name, kind])

    try:
        entry.opening_year, entry.opening_month = parse_opening(cells.get("opening", ""))
    except ValueError:
        entry.errors.append(
            _("Unreadable opening date “%(date)s”: write a year (2019) or a year and month (2019-03, 2019年3月).")
            % {"date": cells.get("opening", "")}
        )

    for text in split_list(cells.get("specialties", "")):
        found = reader.specialties.match(text)
        if found is None:
            entry.errors.append(
                _("Unknown specialty “%(specialty)s”: use a specialty name, an ISCED-F field or its code (0714).")
                % {"specialty": text}
            )
            continue
        pk, how, word = found
        if pk not in (existing[0] for existing in entry.fields_of_study):
            entry.fields_of_study.append([pk, text, reader.specialties.label(pk), how, word])

    text = cells.get("status", "")
    entry.status = reader.statuses.get(heading_key(text), "") if text else DEFAULT_STATUS
    if not entry.status:
        entry.errors.append(
            _("Unknown status “%(status)s”: use 筹建/planned, 在建/under construction, 运行/running or 停办/closed.")
            % {"status": text}
        )

    text = cells.get("certainty", "")
    entry.certainty = reader.certainties.get(heading_key(text), "") if text else ""
    if text and not entry.certainty:
        entry.errors.append(
            _("Unknown certainty “%(certainty)s”: use 学校确认/confirmed, 官方/official or 未核实/reported.")
            % {"certainty": text}
        )

    sources, leftovers = parse_sources(cells.get("sources", ""))
    # An address longer than the field holds is no address a reader could follow.
    leftovers += [url for url, _title in sources if len(url) > MAX_URL_CHARS]
    entry.sources = [list(source) for source in sources if len(source[0]) <= MAX_URL_CHARS]
    for text in leftovers:
        entry.notes.append(_("“%(text)s” in the sources is not a web address: it is not imported.") % {"text": text})

    if entry.lead_school_id and not entry.errors:
        # Partners new to the portal, created once however many rows name them.
        for pk, key, name, kind in entry.partners:
            if pk is None and key not in plan.new_partners:
                plan.new_partners[key] = _new_partner(name, kind, entry)


def _new_partner(name, kind, entry):
    """What a partner created from a register's row is: a foreign partner
    (a college unless its name says otherwise) in the host country, or a
    company: a Chinese enterprise abroad when named in Chinese, an enterprise
    of the host country when named in Latin letters."""
    latin, chinese = split_bilingual(name)
    if kind == "company":
        if chinese and entry.country != "CN":
            partner_kind = PartnerKind.CHINESE_ENTERPRISE_ABROAD
        else:
            partner_kind = PartnerKind.ENTERPRISE
    else:
        partner_kind = institution_kind(name)
    return {
        "name": name,
        "title_en": (latin or chinese)[:255],
        "title_zh": chinese[:255],
        "country": entry.country,
        "city_en": entry.city_en if kind != "company" else "",
        "city_zh": entry.city_zh if kind != "company" else "",
        "kind": partner_kind,
        "line": entry.line,
    }


INSTITUTION_WORDS = [
    (PartnerKind.APPLIED_SCIENCES, ["university of applied sciences", "fachhochschule", "hochschule", "应用科学大学"]),
    (PartnerKind.POLYTECHNIC, ["polytechnic", "politeknik", "politécnico", "politecnico", "理工学院"]),
    (
        PartnerKind.AGENCY,
        ["ministry", "ministère", "ministerio", "министерство", "وزارة", "กระทรวง", "kementerian", "agency"]
        + ["部", "局", "署"],
    ),
    (
        PartnerKind.UNIVERSITY,
        [
            "university",
            "université",
            "universidad",
            "universidade",
            "università",
            "universität",
            "universiteit",
            "universiti",
            "universitas",
            "университет",
            "جامعة",
            "มหาวิทยาลัย",
            "đại học",
            "大学",
        ],
    ),
    (PartnerKind.INTERNATIONAL, ["unesco", "unevoc", "international organisation", "国际组织"]),
    (PartnerKind.ENTERPRISE, ["company", "ltd", "limited", "corporation", "group", "公司", "集团"]),
]


def institution_kind(name):
    """A new foreign partner's kind, from the words of its name; a college by default."""
    text = name.casefold()
    for kind, words in INSTITUTION_WORDS:
        if any(word in text for word in words):
            return kind
    return PartnerKind.COLLEGE


def _find_programme(entry, reader, choices):
    """Which programme of the lead school the row is (see the module's rules)."""
    if entry.errors or entry.lead_school_id is None:
        return
    programmes = reader.programmes
    title_keys = {name_key(name) for name in (entry.title_en, entry.title_zh) if name}
    by_title = programmes.with_title(entry.lead_school_id, title_keys) if title_keys else []
    cities = {script: name_key(name) for script, name in (("latin", entry.city_en), ("han", entry.city_zh)) if name}
    by_place, maybe_place = programmes.at_place(entry.lead_school_id, entry.country, cities)
    if len(by_title) == 1:
        entry.programme_id, entry.matched_by = by_title[0], "title"
    elif not title_keys and len(by_place) == 1:
        entry.programme_id, entry.matched_by = by_place[0], "place"
    else:
        candidates = by_title or by_place or maybe_place
        if candidates:
            entry.candidates = [[pk, programmes.titles[pk]] for pk in candidates]
            entry.choice = choices.get(entry.line, "")
            if entry.choice == "new":
                entry.action = "create"
            elif entry.choice.isdigit() and int(entry.choice) in candidates:
                entry.programme_id, entry.matched_by = int(entry.choice), "editor"
            else:
                entry.choice = ""
                entry.action = "duplicate"
                return
    if entry.programme_id:
        entry.programme_title = programmes.titles[entry.programme_id]
        entry.action = "match"
    else:
        entry.action = "create"
        if not entry.title:
            entry.title_zh, entry.title_en = _generated_titles(entry)


def _generated_titles(entry):
    """Titles for a programme the register does not name: its lead school and
    its place (深圳职业技术大学（泰国曼谷）), in Chinese and in English."""
    titles = []
    school = SchoolPage.objects.filter(pk=entry.lead_school_id).values("official_name_zh", "title_en").first()
    for code, school_name, city in (
        ("zh-hans", school["official_name_zh"] or entry.lead_school, entry.city_zh or entry.city_en),
        ("en", school["title_en"] or entry.lead_school, entry.city_en or entry.city_zh),
    ):
        with translation.override(code):
            country = str(countries.name(entry.country))
            place = country
            if city:
                place = pgettext("a programme's place", "%(city)s, %(country)s") % {"city": city, "country": country}
            titles.append((_("%(school)s in %(place)s") % {"school": school_name, "place": place})[:255])
    return titles


def _compare(entry, reader, plan):
    """What applying adds to the matched programme (``changes``), and where the
    page says something else and keeps it (``differences``). A new programme
    gets everything."""
    if entry.action == "create":
        return
    state = reader.programmes.state[entry.programme_id]
    lead = entry.lead_school_id
    have_schools = {link.get("school") for link in state.get("cooperating_schools", ())}
    now_linked = _other_schools_now_linked(state.get("other_chinese_schools"), entry.linked_names)
    for pk, name, _how in entry.schools:
        if pk not in have_schools and pk != lead and normalise_name(name) not in map(normalise_name, now_linked):
            entry.changes.append(_("Adds the co-operating school %(school)s.") % {"school": name})
    for name in _other_schools_to_add(state.get("other_chinese_schools"), entry.other_schools):
        entry.changes.append(_("Adds %(school)s to the schools named without a link.") % {"school": name})
    for name in now_linked:
        entry.changes.append(_("Links %(school)s, named without a link until now, to its profile.") % {"school": name})
    have_partners = {link.get("partner") for link in state.get("partner_links", ())}
    for pk, _key, name, _kind in entry.partners:
        if pk is None:
            entry.changes.append(_("Adds the new partner %(partner)s.") % {"partner": name})
        elif pk not in have_partners:
            entry.changes.append(_("Adds the partner %(partner)s.") % {"partner": reader.partners.titles[pk]})
    have_fields = set(state.get("fields_of_study") or ())
    for pk, _text, label, _how, _word in entry.fields_of_study:
        if pk not in have_fields:
            entry.changes.append(_("Adds the field of study %(field)s.") % {"field": label})
    have_urls = {source.get("url") for source in state.get("sources", ())}
    for url, _title in entry.sources:
        if url not in have_urls:
            entry.changes.append(_("Adds the source %(url)s.") % {"url": url})
    for column, value in (("delivery_city_en", entry.city_en), ("delivery_city_zh_hans", entry.city_zh)):
        if value and not state.get(column):
            entry.changes.append(_("Gives the city: %(city)s.") % {"city": value})
        elif value and name_key(state.get(column)) != name_key(value):
            entry.differences.append(
                _("The page gives the city as %(page)s, the register as %(register)s.")
                % {"page": state.get(column), "register": value}
            )
    page_year, page_month = state.get("opening_year"), state.get("opening_month")
    if entry.opening_year:
        if not page_year:
            entry.changes.append(_("Gives the opening date."))
        elif page_year == entry.opening_year and entry.opening_month and not page_month:
            entry.changes.append(_("Gives the month of the opening."))
        elif page_year != entry.opening_year or (entry.opening_month and page_month != entry.opening_month):
            entry.differences.append(
                _("The page gives the opening as %(page)s, the register as %(register)s.")
                % {
                    "page": _opening_iso(page_year, page_month),
                    "register": _opening_iso(entry.opening_year, entry.opening_month),
                }
            )
    if entry.certainty and not state.get("certainty"):
        entry.changes.append(
            _("Says how sure the facts are: %(certainty)s.") % {"certainty": ProgrammeCertainty(entry.certainty).label}
        )
    elif entry.certainty and state.get("certainty") != entry.certainty:
        entry.differences.append(
            _("The page says its facts are “%(page)s”, the register “%(register)s”.")
            % {
                "page": ProgrammeCertainty(state["certainty"]).label,
                "register": ProgrammeCertainty(entry.certainty).label,
            }
        )
    if entry.cells.get("status") and state.get("status") != entry.status:
        entry.differences.append(
            _("The page gives the status as “%(page)s”, the register as “%(register)s”.")
            % {"page": _status_label(state.get("status")), "register": entry.status_label}
        )


def _other_schools_to_add(text, names):
    """The names of ``names`` that the programme's other Chinese schools
    (``text``, one per line) do not list yet."""
    have = {normalise_name(line) for line in (text or "").splitlines() if line.strip()}
    return [name for name in names if normalise_name(name) not in have]


def _other_schools_now_linked(text, linked_names):
    """The lines of the programme's other Chinese schools (``text``) that name
    a co-operating school the row now links: the school has joined the portal."""
    linked = {normalise_name(name) for name in linked_names}
    return [line.strip() for line in (text or "").splitlines() if line.strip() and normalise_name(line) in linked]


def _opening_iso(year, month):
    return f"{year:04d}-{month:02d}" if month else f"{year:04d}"


def _status_label(status):
    return ProgrammeStatus(status).label if status in ProgrammeStatus.values else status or "—"


# --- Applying --------------------------------------------------------------------------------


def _unique_slug(base, taken, fallback):
    base = base[:70].strip("-") or fallback
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug


def _set_slug(page, slug):
    page.slug = slug
    for code, _label in settings.LANGUAGES:
        setattr(page, build_localized_fieldname("slug", code), slug)


def set_name(page, column, latin, chinese):
    """A translated field (``title``, ``delivery_city``…) from a name in Latin
    letters and one in Chinese: English and Chinese as given, the English
    name (or the Chinese one) as the default."""
    # Never ``page.title``: modeltranslation would write the editor's language.
    if latin or column == "title":
        setattr(page, build_localized_fieldname(column, "en"), latin or chinese)
    if chinese:
        setattr(page, build_localized_fieldname(column, "zh-hans"), chinese)
    if column == "title":
        page.draft_title = latin or chinese


def in_default_language(function):
    """Run ``function`` in the site's default language: saving a page writes
    the value of a translated field it reads (with its fallback) into the
    active language's field, so a page built in the Chinese admin would get
    its English name as its Chinese one."""

    @functools.wraps(function)
    def wrapped(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapped


@in_default_language
def create_draft(parent, page, user):
    """Add ``page`` under ``parent`` as a draft with its first revision, as the
    admin's "Save draft" does."""
    page.live = False
    page.owner = user
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=False)
    log(instance=page, action="wagtail.create", user=user, content_changed=True)
    return page


def partner_page(info, taken_slugs):
    """An unsaved partner page for a partner the portal does not hold: its
    names, country, city and kind from ``info`` (see ``_new_partner``)."""
    partner = PartnerPage(country=info["country"], kind=info["kind"], is_sample=False)
    set_name(partner, "title", info["title_en"] if info["title_en"] != info["title_zh"] else "", info["title_zh"])
    set_name(partner, "city", info["city_en"], info["city_zh"])
    if info["kind"] == PartnerKind.CHINESE_ENTERPRISE_ABROAD and info["title_zh"]:
        partner.native_name, partner.native_language = info["title_zh"][:200], "zh-hans"
    _set_slug(partner, _unique_slug(ascii_slug(info["title_en"] or info["name"], "partner"), taken_slugs, "partner"))
    return partner


@in_default_language
def _new_programme(row, partners, user):
    lead = SchoolPage.objects.get(pk=row.lead_school_id)
    taken = set(lead.get_children().values_list("slug", flat=True))
    page = ProgrammePage(
        programme_type=row.programme_type,
        delivery_country=row.country,
        status=row.status,
        certainty=row.certainty,
        opening_year=row.opening_year,
        opening_month=row.opening_month,
        is_sample=False,
    )
    latin = row.title_en if row.title_en != row.title_zh else ""
    set_name(page, "title", latin, row.title_zh)
    set_name(page, "delivery_city", row.city_en, row.city_zh)
    page.other_chinese_schools = "\n".join(row.other_schools)
    _set_slug(page, _unique_slug(ascii_slug(row.title_en or row.title_zh, "programme"), taken, "programme"))
    _add_links(page, row, partners, have_schools=set(), have_partners=set(), have_urls=set())
    page.fields_of_study = list(FieldOfStudy.objects.filter(pk__in=[item[0] for item in row.fields_of_study]))
    return create_draft(lead, page, user)


def _add_links(page, row, partners, *, have_schools, have_partners, have_urls):
    """Append the row's co-operating schools, partners and sources that the
    page does not list yet, after the ones it lists."""
    order = len(have_schools)
    for pk, _name, _how in row.schools:
        if pk not in have_schools and pk != row.lead_school_id:
            page.cooperating_schools.add(ProgrammeSchool(school_id=pk, sort_order=order))
            order += 1
    order = len(have_partners)
    for pk, key, _name, _kind in row.partners:
        partner_id = pk or partners[key].pk
        if partner_id not in have_partners:
            page.partner_links.add(ProgrammePartner(partner_id=partner_id, sort_order=order))
            have_partners.add(partner_id)
            order += 1
    order = len(have_urls)
    for url, title in row.sources:
        if url not in have_urls:
            page.sources.add(ProgrammeSource(url=url, title=title, sort_order=order))
            order += 1


@in_default_language
def _update_programme(row, partners, user):
    """Add what the register knows and the programme lacks, as a new revision:
    published when the page was live without a pending draft, otherwise a
    draft beside the school's own changes."""
    page = ProgrammePage.objects.get(pk=row.programme_id)
    pending = page.has_unpublished_changes
    latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
    _add_links(
        latest,
        row,
        partners,
        have_schools={link.school_id for link in latest.cooperating_schools.all()},
        have_partners={link.partner_id for link in latest.partner_links.all()},
        have_urls={source.url for source in latest.sources.all()},
    )
    fields = list(latest.fields_of_study.all())
    wanted = [item[0] for item in row.fields_of_study if item[0] not in {field.pk for field in fields}]
    if wanted:
        latest.fields_of_study = fields + list(FieldOfStudy.objects.filter(pk__in=wanted))
    if row.city_en and not latest.delivery_city_en:
        latest.delivery_city_en = row.city_en
    if row.city_zh and not latest.delivery_city_zh_hans:
        latest.delivery_city_zh_hans = row.city_zh
    if row.opening_year and not latest.opening_year:
        latest.opening_year, latest.opening_month = row.opening_year, row.opening_month
    elif row.opening_year == latest.opening_year and row.opening_month and not latest.opening_month:
        latest.opening_month = row.opening_month
    if row.certainty and not latest.certainty:
        latest.certainty = row.certainty
    other_schools = _other_schools_to_add(latest.other_chinese_schools, row.other_schools)
    now_linked = _other_schools_now_linked(latest.other_chinese_schools, row.linked_names)
    if other_schools or now_linked:
        kept = [line.strip() for line in latest.other_chinese_schools.splitlines() if line.strip() not in now_linked]
        latest.other_chinese_schools = "\n".join(filter(None, [*kept, *other_schools]))
    revision = latest.save_revision(user=user, log_action=True)
    if page.live and not pending:
        # The ministry's own additions: published by the import, also when run
        # from the command line on behalf of a user without publishing rights.
        revision.publish(user=user, skip_permission_checks=True)


def apply_register_plan(plan, user, expected_digest=None):
    """Apply a checked register, all or nothing. Returns ``{"created",
    "updated", "unchanged", "partners", "recognitions", "not_in_portal"}``
    counts (rows whose lead school is not in the portal are skipped). Raises ``ImportFileError``
    when the plan has errors or undecided rows, or ``PlanChanged`` when it no
    longer matches what was previewed."""
    check_before_applying(
        plan,
        expected_digest,
        undecided_message=_(
            "Decide for each possible duplicate whether it is the same programme or a new one; nothing was imported."
        ),
        errors_message=_("The register has errors; nothing was imported."),
    )
    counts = {"created": 0, "updated": 0, "unchanged": 0, "partners": 0, "recognitions": 0, "not_in_portal": 0}
    with transaction.atomic():
        partners = {}
        if plan.new_partners:
            index = PartnerIndexPage.objects.first()
            if index is None:
                raise ImportFileError(_("There is no partner directory to create new partners in."))
            taken = set(index.get_children().values_list("slug", flat=True))
            for key, info in plan.new_partners.items():
                partners[key] = create_draft(index, partner_page(info, taken), user)
                counts["partners"] += 1
        for row in plan.rows:
            if row.action == "skip":
                counts["not_in_portal"] += 1
                continue
            if row.action == "create":
                _new_programme(row, partners, user)
                counts["created"] += 1
            elif row.changes:
                _update_programme(row, partners, user)
                counts["updated"] += 1
            elif not row.luban_change:
                counts["unchanged"] += 1
            if row.luban_change:
                counts["recognitions"] += record_recognition(
                    row.lead_school_id, row.luban_recognition, user, skip_permission_checks=True
                )
    return counts


def missing_columns_message(column_map):
    """The command line's message when a required column of a register or a
    partner list is not recognised."""
    return _("Wrong columns: missing %(missing)s. The header row reads: %(found)s.") % {
        "missing": list_separator().join(str(column_map.list_columns.labels[name]) for name in column_map.missing),
        "found": " | ".join(title for title in column_map.header if title) or _("(empty)"),
    }

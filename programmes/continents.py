"""Which continent a country is in, for the catalogue's continent facet.

ISO 3166-1 alpha-2 codes, grouped as the UN geoscheme groups them (the
Americas split into North and South, the Caribbean and Central America counted
as North America). Countries spanning two continents are placed where their
capital is."""

from django.utils.translation import gettext_lazy as _

CONTINENTS = {
    "africa": _("Africa"),
    "asia": _("Asia"),
    "europe": _("Europe"),
    "north_america": _("North America"),
    "south_america": _("South America"),
    "oceania": _("Oceania"),
    "antarctica": _("Antarctica"),
}

_COUNTRIES = {
    "africa": "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR "
    "MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH ZM ZW IO",
    "asia": "AF AM AZ BH BD BT BN KH CN CY GE HK IN ID IR IQ IL JP JO KZ KW KG LA LB MO MY MV MN MM NP KP OM PK PS "
    "PH QA SA SG KR LK SY TW TJ TH TL TR TM AE UZ VN YE",
    "europe": "AX AL AD AT BY BE BA BG HR CZ DK EE FO FI FR DE GI GR GG HU IS IE IM IT JE XK LV LI LT LU MT MD MC "
    "ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB VA",
    "north_america": "AI AG AW BS BB BZ BM BQ VG CA KY CR CU CW DM DO SV GL GD GP GT HT HN JM MQ MX MS NI PA PR BL "
    "KN LC MF PM VC SX TT TC US VI UM",
    "south_america": "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE",
    "oceania": "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF CX CC HM",
    "antarctica": "AQ TF",
}

CONTINENT_OF_COUNTRY = {code: continent for continent, codes in _COUNTRIES.items() for code in codes.split()}


def continent_of(country_code):
    """The continent key of a country code, or "" when unknown."""
    return CONTINENT_OF_COUNTRY.get(str(country_code or "").upper(), "")

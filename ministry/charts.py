"""Charts drawn by the portal itself, as inline SVG: horizontal bar charts, a
progress bar and the world map. No script, no external service.

Every chart is drawn next to a table of the same numbers (the table is what
screen readers read), so the SVG carries a short title and is otherwise
decorative.

The world map's country shapes come from the npm package ``world-atlas`` 2.0.2
(ISC licence, Natural Earth 1:110m admin-0 countries, public domain), shipped in
``ministry/data/world-atlas/``. They are projected here (equirectangular) and
drawn once into a static file (``manage.py draw_world_map``) that every map
refers to."""

import functools
import json
from pathlib import Path

from django.templatetags.static import static
from django.utils import formats, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from django_countries import countries

from portal.languages import text_direction

WORLD_ATLAS = Path(__file__).resolve().parent / "data" / "world-atlas" / "countries-110m.json"

BAR_COLOUR = "#1f5f8b"
TRACK_COLOUR = "#e3e8ee"
TEXT_COLOUR = "#1b1f23"


def _number(value):
    """A number in the reader's format (1,234 · 1 234 · 1.234)."""
    if isinstance(value, float):
        value = round(value, 1)
        if value.is_integer():
            value = int(value)
    return formats.number_format(value, force_grouping=True)


def _direction():
    return text_direction(translation.get_language())


class _Axis:
    """x positions along a chart's width, mirrored on right-to-left pages: a
    bar grows from the right and its label starts on the right."""

    def __init__(self, width, direction):
        self.width = width
        self.rtl = direction == "rtl"

    def x(self, x):
        """The point ``x`` from the start edge."""
        return round(self.width - x, 1) if self.rtl else round(x, 1)

    def span(self, x, length):
        """The left edge of a shape running ``length`` from ``x`` (start edge)."""
        return round(self.width - x - length, 1) if self.rtl else round(x, 1)


# Charts are drawn for a phone: the viewBox is about as wide as a 390 px screen's
# content, so 13-unit text is shown at about 13 CSS px there; portal.css keeps
# them from growing past a comfortable width on a desktop.
PHONE_WIDTH = 360
FONT_SIZE = 13


def bar_chart(items, title, max_value=None, width=PHONE_WIDTH, unit=""):
    """A horizontal bar chart of ``items`` = ``[(label, value), …]`` or
    ``[(label, value, of), …]``: with ``of`` (a batch's quota), each bar is
    drawn against its own total and its value reads "15 / 100".

    Each label sits on its own line above its bar, so that long labels stay
    readable at a phone's width; on right-to-left pages the bars grow from the
    right."""
    items = [tuple(item) if len(item) == 3 else (*item, None) for item in items]
    direction = _direction()
    axis = _Axis(width, direction)
    row_height, bar_height, value_width = 46, 14, 96
    height = max(1, len(items)) * row_height + 4
    bar_space = width - value_width
    top = max_value if max_value else max([value for _label, value, _of in items] + [1])
    top = top or 1
    parts = [
        format_html(
            '<svg direction="{}" class="chart chart--bar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
            'width="100%" role="img" aria-label="{}" focusable="false"><title>{}</title>',
            direction,
            width,
            height,
            title,
            title,
        )
    ]
    for position, (label, value, of) in enumerate(items):
        y = position * row_height
        scale = of if of else top
        bar = round(bar_space * min(value, scale) / scale, 1) if value and scale else 0
        # "15 of 100" as a sentence of the reader's language: a bare "15 / 100"
        # reads "100 / 15" on a right-to-left page.
        shown = (
            _("%(value)s of %(total)s") % {"value": _number(value), "total": _number(of)}
            if of
            else f"{_number(value)}{unit}"
        )
        label_text = str(label)
        if len(label_text) > 48:
            label_text = label_text[:47] + "…"
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>'
                '<rect class="chart__track" x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<rect class="chart__bar" x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>',
                axis.x(0),
                y + 16,
                FONT_SIZE,
                TEXT_COLOUR,
                label_text,
                axis.span(0, bar_space),
                y + 23,
                bar_space,
                bar_height,
                TRACK_COLOUR,
                axis.span(0, bar),
                y + 23,
                bar,
                bar_height,
                BAR_COLOUR,
                axis.x(bar_space + 6),
                y + 35,
                FONT_SIZE,
                TEXT_COLOUR,
                shown,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def progress_bar(value, total, title, width=PHONE_WIDTH):
    """One bar: ``value`` out of ``total`` (e.g. selected schools against the
    target), filled from the right on right-to-left pages."""
    share = min(1, value / total) if total else 0
    height = 28
    direction = _direction()
    axis = _Axis(width, direction)
    filled = round(width * share, 1)
    return format_html(
        '<svg direction="{}" class="chart chart--progress" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="100%" role="img" aria-label="{}" focusable="false"><title>{}</title>'
        '<rect class="chart__track" x="0" y="0" width="{}" height="{}" rx="4" fill="{}"/>'
        '<rect class="chart__bar" x="{}" y="0" width="{}" height="{}" rx="4" fill="{}"/>'
        '<text x="{}" y="19" font-size="{}" fill="{}">{}</text></svg>',
        direction,
        width,
        height,
        title,
        title,
        width,
        height,
        TRACK_COLOUR,
        axis.span(0, filled),
        filled,
        height,
        BAR_COLOUR,
        # Inside the bar (white) once it is half full, else just after its end,
        # so that the text never sits half on the bar and half off it.
        axis.x(8 if share >= 0.5 else filled + 8),
        FONT_SIZE,
        TEXT_COLOUR if share < 0.5 else "#ffffff",
        _("%(value)s of %(total)s (%(percent)s%%)")
        % {"value": _number(value), "total": _number(total), "percent": _number(round(100 * share))},
    )


# --- The world map ----------------------------------------------------------------

MAP_WIDTH = 960
MAP_NORTH, MAP_SOUTH = 84.0, -58.0  # Antarctica and the far north are left out
# Natural Earth draws Taiwan as its own shape; the portal shows it with China.
SHAPE_COUNTRY = {"TW": "CN"}


def _decode_arcs(topology):
    scale_x, scale_y = topology["transform"]["scale"]
    move_x, move_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(points)
    return arcs


def _ring(indexes, arcs):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    # A ring that crosses the antimeridian (Russia, Fiji) is unwrapped so that
    # it runs past the map's edge instead of drawing a line across the world.
    unwrapped, shift = [], 0.0
    for position, (lon, lat) in enumerate(points):
        if position:
            previous = points[position - 1][0]
            if lon - previous > 180:
                shift -= 360
            elif lon - previous < -180:
                shift += 360
        unwrapped.append((lon + shift, lat))
    return unwrapped


def _project(lon, lat):
    k = MAP_WIDTH / 360
    lat = max(MAP_SOUTH, min(MAP_NORTH, lat))
    return round((lon + 180) * k, 1), round((MAP_NORTH - lat) * k, 1)


@functools.lru_cache(maxsize=1)
def country_paths():
    """``{alpha-2 code: SVG path data}`` for every country of the shipped shapes."""

    topology = json.loads(WORLD_ATLAS.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    paths = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        code = countries.alpha2(numeric) if numeric else None
        if not code or code == "AQ":
            code = f"_{geometry['properties'].get('name', '')}" if code != "AQ" else None
        if code is None:
            continue
        code = SHAPE_COUNTRY.get(code, code)
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        data = []
        for polygon in polygons:
            for ring in polygon:
                points = [_project(lon, lat) for lon, lat in _ring(ring, arcs)]
                if len(points) > 2:
                    data.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
        paths[code] = paths.get(code, "") + "".join(data)
    return paths


def map_height():
    return round((MAP_NORTH - MAP_SOUTH) * MAP_WIDTH / 360, 1)


# The outline of the world, drawn once by ``manage.py draw_world_map`` into a
# static file (fingerprinted and compressed like every static file, kept by the
# browser): each page carries only the countries it colours, as references into
# it, instead of ~130 KB of country shapes.
WORLD_OUTLINE = "ministry/world-map.svg"
WORLD_OUTLINE_PATH = Path(__file__).resolve().parent / "static" / WORLD_OUTLINE
LAND_COLOUR = "#d5dbe1"
HOME_COLOUR = "#c0392b"


def world_outline():
    """The static SVG of every country: the group ``#world`` draws the land
    (grey), and each country's path carries its alpha-2 code as its ``id``
    for the page to colour it. Shapes that are no ISO country (Kosovo,
    Somaliland…) are drawn but have no ``id``."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_WIDTH} {map_height()}">'
        f'<g id="world" fill="{LAND_COLOUR}" stroke="#ffffff" stroke-width="0.5">'
    ]
    for code, data in country_paths().items():
        name = "" if code.startswith("_") else f' id="{code}"'
        parts.append(f'<path{name} d="{data}"/>')
    parts.append("</g></svg>\n")
    return "".join(parts)


def world_map(highlighted, title, home_country="CN", home_label=""):
    """The world with ``highlighted`` countries coloured and linked.

    The shapes are not in the page: the land and each coloured country are
    ``<use>`` references into the static outline (``world_outline``), so the
    page holds only what changes with the data.

    The map is a picture for the eye and a shortcut for the mouse: the table
    next to it holds the same countries and links, so the map is hidden from
    screen readers and its links are out of the Tab order (32 focusable links
    inside an image were both an axe violation and 32 useless Tab stops). It
    is not mirrored on right-to-left pages: geography has one orientation.

    ``highlighted`` = ``{code: (label, url)}``; ``label`` is the country's
    tooltip (its name: its figures are in the table, and each country's
    markup is repeated for every partner country)."""
    paths = country_paths()
    outline = static(WORLD_OUTLINE)
    parts = [
        format_html(
            '<svg direction="ltr" class="chart world-map" xmlns="http://www.w3.org/2000/svg" '
            'viewBox="0 0 {} {}" width="100%" aria-hidden="true" focusable="false">'
            '<title>{}</title><rect width="{}" height="{}" fill="#f4f8fb"/>'
            '<use href="{}#world"/><g stroke="#ffffff" stroke-width="0.5">',
            MAP_WIDTH,
            map_height(),
            title,
            MAP_WIDTH,
            map_height(),
            outline,
        )
    ]
    if home_country in paths and home_country not in highlighted:
        parts.append(
            format_html(
                '<use href="{}#{}" fill="{}"><title>{}</title></use>', outline, home_country, HOME_COLOUR, home_label
            )
        )
    parts.append(format_html('<g fill="{}">', BAR_COLOUR))
    for code, (label, url) in sorted(highlighted.items()):
        if code not in paths:
            continue
        parts.append(
            format_html(
                '<a href="{}" tabindex="-1"><use data-country="{}" href="{}#{}"><title>{}</title></use></a>',
                url,
                code,
                outline,
                code,
                label,
            )
        )
    parts.append(mark_safe("</g>"))
    parts.append(mark_safe("</g></svg>"))
    return mark_safe("".join(parts))

"""Charts drawn by the portal itself, as inline SVG: horizontal bar charts, a
progress bar and the world map. No script, no external service.

Every chart is drawn next to a table of the same numbers (the table is what
screen readers read), so the SVG carries a short title and is otherwise
decorative.

The world map's country shapes come from the npm package ``world-atlas`` 2.0.2
(ISC licence, Natural Earth 1:110m admin-0 countries, public domain), shipped in
``ministry/data/world-atlas/``. They are projected here (equirectangular) once per
process."""

import functools
import json
from pathlib import Path

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from django_countries import countries

WORLD_ATLAS = Path(__file__).resolve().parent / "data" / "world-atlas" / "countries-110m.json"

BAR_COLOUR = "#1f5f8b"
TRACK_COLOUR = "#e3e8ee"
TEXT_COLOUR = "#1b1f23"


def _number(value):
    if isinstance(value, float):
        return f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{value:,}"


def bar_chart(items, title, max_value=None, width=640, unit=""):
    """A horizontal bar chart of ``items`` = ``[(label, value), …]``."""
    items = list(items)
    row_height, label_width, value_width = 26, 220, 70
    height = max(1, len(items)) * row_height + 8
    bar_space = width - label_width - value_width
    top = max_value if max_value else max([value for _label, value in items] + [1])
    top = top or 1
    parts = [
        format_html(
            '<svg direction="ltr" class="chart chart--bar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
            'width="100%" role="img" aria-label="{}" focusable="false"><title>{}</title>',
            width,
            height,
            title,
            title,
        )
    ]
    for position, (label, value) in enumerate(items):
        y = 4 + position * row_height
        bar = round(bar_space * min(value, top) / top, 1) if value else 0
        label_text = str(label)
        if len(label_text) > 32:
            label_text = label_text[:31] + "…"
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="{}">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" font-size="12" fill="{}">{}{}</text>',
                label_width - 8,
                y + 16,
                TEXT_COLOUR,
                label_text,
                label_width,
                y + 3,
                bar_space,
                row_height - 8,
                TRACK_COLOUR,
                label_width,
                y + 3,
                bar,
                row_height - 8,
                BAR_COLOUR,
                label_width + bar_space + 6,
                y + 16,
                TEXT_COLOUR,
                _number(value),
                unit,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def progress_bar(value, total, title, width=640):
    """One bar: ``value`` out of ``total`` (e.g. selected schools against the target)."""
    share = min(1, value / total) if total else 0
    height = 28
    return format_html(
        '<svg direction="ltr" class="chart chart--progress" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="100%" role="img" aria-label="{}" focusable="false"><title>{}</title>'
        '<rect x="0" y="0" width="{}" height="{}" rx="4" fill="{}"/>'
        '<rect x="0" y="0" width="{}" height="{}" rx="4" fill="{}"/>'
        '<text x="8" y="19" font-size="13" fill="{}">{} / {} ({}%)</text></svg>',
        width,
        height,
        title,
        title,
        width,
        height,
        TRACK_COLOUR,
        round(width * share, 1),
        height,
        BAR_COLOUR,
        TEXT_COLOUR if share < 0.5 else "#ffffff",
        _number(value),
        _number(total),
        round(100 * share),
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


def world_map(highlighted, title, home_country="CN", home_label=""):
    """The world with ``highlighted`` countries coloured and linked.

    ``highlighted`` = ``{code: (label, url)}``; ``label`` is the country's
    tooltip and link text (its name and counts)."""
    paths = country_paths()
    parts = [
        format_html(
            '<svg direction="ltr" class="chart world-map" xmlns="http://www.w3.org/2000/svg" '
            'viewBox="0 0 {} {}" width="100%" '
            'role="img" aria-label="{}"><title>{}</title><rect width="{}" height="{}" fill="#f4f8fb"/>',
            MAP_WIDTH,
            map_height(),
            title,
            title,
            MAP_WIDTH,
            map_height(),
        )
    ]
    for code, data in paths.items():
        if code in highlighted:
            continue
        if code == home_country:
            parts.append(
                format_html(
                    '<path d="{}" fill="#c0392b" stroke="#ffffff" stroke-width="0.5"><title>{}</title></path>',
                    data,
                    home_label,
                )
            )
        else:
            parts.append(format_html('<path d="{}" fill="#d5dbe1" stroke="#ffffff" stroke-width="0.5"/>', data))
    for code, (label, url) in sorted(highlighted.items()):
        data = paths.get(code)
        if not data:
            continue
        parts.append(
            format_html(
                '<a href="{}" aria-label="{}"><path class="world-map__country" data-country="{}" d="{}" '
                'fill="{}" stroke="#ffffff" stroke-width="0.5"><title>{}</title></path></a>',
                url,
                label,
                code,
                data,
                BAR_COLOUR,
                label,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))

"""Maps drawn on the server as inline SVG: Natural Earth's country outlines and a marker
per place, so that a map needs no JavaScript, no tiles and nothing from another host.

The outlines are ``events/data/countries.json`` (made by ``ops/base_map.py`` from the npm
package world-atlas), read once per process: a file that ships with the code, the same
on every server. The projection is equirectangular with the longitudes narrowed by the
cosine of the frame's middle latitude, so that shapes keep their proportions near it.
The frame is fitted to the places shown, with padding and a minimum extent (a map of
Seoul alone shows the Korean peninsula); outlines are clipped to the frame and thinned
to about a pixel, so a page carries only what it shows.
"""

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

BASE_MAP = Path(__file__).resolve().parent / "data" / "countries.json"
ATTRIBUTION = "Made with Natural Earth"

PADDING = 0.18  # of the places' extent, on each side
MIN_SPAN = 9.0  # degrees of latitude at least: the length of the Korean peninsula
MAX_LATITUDE = 90.0  # a frame never goes past a pole
# Labels are placed for the larger size a narrow screen shows them at (the stylesheet
# sets it), so that they do not overlap there either; wider screens show them smaller.
LABEL_SIZE = {"large": 26, "small": 18}  # in the map's units, for each size of map
SIZES = {"large": (800, 500), "small": (400, 300)}  # width and height, in the map's units
CHARACTER_WIDTH = 0.56  # of a label's characters, as a share of the font size
THIN = 1.5  # a point closer than this to the last one drawn (in the map's units, about a pixel) is left out


@dataclass
class Marker:
    """A place as the map draws it: a circle (or a shaded country) at ``x``, ``y`` in the
    map's units, linking to ``url``, with its label where one fits."""

    place: object
    x: float
    y: float
    radius: float
    url: str
    count: int | None = None
    label: str = ""
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "start"
    baseline: str = "central"
    label_box: tuple = ()  # (left, top, right, bottom) the label takes at its largest size
    current: bool = False
    area: str = ""  # SVG path data of a place drawn as a whole country, instead of a circle

    @property
    def description(self):
        if self.count is None:
            return self.place.name
        return f"{self.place.name}: {self.count} event{'' if self.count == 1 else 's'}"


@dataclass
class Map:
    """What ``includes/map.html`` draws: the countries' outlines and the markers."""

    width: int
    height: int
    countries: list = field(default_factory=list)  # (name, SVG path data)
    markers: list = field(default_factory=list)
    size: str = "large"
    attribution: str = ATTRIBUTION
    html: str = ""  # drawn once, where it is kept (the events' map: events.views.MapView)


@dataclass(frozen=True)
class Country:
    """A country of the base map: its Natural Earth name, its rings of (longitude,
    latitude), its bounding box and the point its label goes on (the middle of its
    largest ring)."""

    name: str
    rings: list
    box: tuple
    label_point: tuple
    main_box: tuple  # the bounding box of its largest ring


@dataclass(frozen=True)
class Spot:
    """What a map shows of one place: the place (with its coordinates), where its marker
    links, its number of events (or None), whether it is the page's own place, the base
    map's country when the place is drawn as a whole country, and whether the frame is
    fitted to it (a town's country, shown around it, is not: Russia around Moscow)."""

    place: object
    url: str
    count: int | None = None
    current: bool = False
    area: Country | None = None
    fitted: bool = True


@cache
def base_countries():
    """Every country of the base map by name, read once."""
    data = json.loads(BASE_MAP.read_text(encoding="utf-8"))
    found = {}
    for country in data["countries"]:
        rings = [[(lon, lat) for lon, lat in ring] for ring in country["rings"]]
        largest = max(rings, key=_area)
        found[country["name"]] = Country(country["name"], rings, _box(rings), _centroid(largest), _box([largest]))
    return found


def country_area(place):
    """The base map's country that ``place`` is, or None: a place is drawn as a whole
    country when it is its own country (its name or an alias is a name of its country)
    and the base map has a country of that name (Natural Earth's "Russia", "Ukraine")."""
    if place.country is None:
        return None
    names = {place.name, *place.alias_list} & {place.country.name, *place.country.alias_list}
    countries = base_countries()
    return next((countries[name] for name in sorted(names) if name in countries), None)


def _box(rings):
    lons = [lon for ring in rings for lon, _lat in ring]
    lats = [lat for ring in rings for _lon, lat in ring]
    return (min(lons), min(lats), max(lons), max(lats))


def _area(ring):
    return abs(_signed_area(ring))


def _signed_area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


def _centroid(ring):
    area = _signed_area(ring)
    if not area:
        return ring[0]
    pairs = list(zip(ring, ring[1:] + ring[:1], strict=True))
    x = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs) / (6 * area)
    y = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs) / (6 * area)
    return (x, y)


@dataclass(frozen=True)
class Frame:
    """The part of the world a map shows, and how a point of it lands on the map."""

    west: float
    south: float
    east: float
    north: float
    width: int
    height: int

    def project(self, lon, lat):
        x = (lon - self.west) / (self.east - self.west) * self.width
        y = (self.north - lat) / (self.north - self.south) * self.height
        return x, y

    def overlaps(self, box):
        west, south, east, north = box
        return west <= self.east and east >= self.west and south <= self.north and north >= self.south


def fit(points, width, height):
    """The frame showing every (longitude, latitude) of ``points``, padded, at least
    ``MIN_SPAN`` degrees of latitude tall, in the proportions of the map."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    middle = (min(lats) + max(lats)) / 2
    narrowing = max(math.cos(math.radians(middle)), 0.1)  # near a pole, no narrower than at 84°
    # Spans as they are drawn: longitude narrowed, latitude as it is.
    across = max((max(lons) - min(lons)) * narrowing * (1 + 2 * PADDING), 1e-9)
    down = max((max(lats) - min(lats)) * (1 + 2 * PADDING), MIN_SPAN)
    if across / down < width / height:
        across = down * width / height
    else:
        down = across * height / width
    lon_middle = (min(lons) + max(lons)) / 2
    south, north = middle - down / 2, middle + down / 2
    if north > MAX_LATITUDE:
        south, north = south - (north - MAX_LATITUDE), MAX_LATITUDE
    if south < -MAX_LATITUDE:
        south, north = -MAX_LATITUDE, north + (-MAX_LATITUDE - south)
    half_across = across / narrowing / 2
    return Frame(lon_middle - half_across, south, lon_middle + half_across, north, width, height)


def clip(points, frame):
    """A ring clipped to the frame (Sutherland–Hodgman, one edge of the frame at a time)."""
    margin_lon = (frame.east - frame.west) * 0.01
    margin_lat = (frame.north - frame.south) * 0.01
    edges = [
        (lambda p: p[0] >= frame.west - margin_lon, 0, frame.west - margin_lon),
        (lambda p: p[0] <= frame.east + margin_lon, 0, frame.east + margin_lon),
        (lambda p: p[1] >= frame.south - margin_lat, 1, frame.south - margin_lat),
        (lambda p: p[1] <= frame.north + margin_lat, 1, frame.north + margin_lat),
    ]
    for inside, axis, bound in edges:
        if not points:
            break
        clipped = []
        for current, previous in zip(points, points[-1:] + points[:-1], strict=True):
            if inside(current):
                if not inside(previous):
                    clipped.append(_crossing(previous, current, axis, bound))
                clipped.append(current)
            elif inside(previous):
                clipped.append(_crossing(previous, current, axis, bound))
        points = clipped
    return points


def _crossing(a, b, axis, bound):
    share = (bound - a[axis]) / (b[axis] - a[axis])
    other = 1 - axis
    point = [0.0, 0.0]
    point[axis] = bound
    point[other] = a[other] + share * (b[other] - a[other])
    return tuple(point)


def outline(frame):
    """(name, SVG path data) of each country in the frame, clipped and thinned."""
    drawn = []
    for country in base_countries().values():
        if frame.overlaps(country.box) and (path := svg_path(country.rings, frame)):
            drawn.append((country.name, path))
    return drawn


def svg_path(rings, frame):
    """The SVG path data of ``rings`` clipped to the frame, leaving out points closer than
    ``THIN`` to the last one drawn."""
    parts = []
    for ring in rings:
        kept = []
        for lon, lat in clip(ring, frame):
            x, y = frame.project(lon, lat)
            if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= THIN:
                kept.append((x, y))
        if len(kept) >= 3:
            parts.append("M" + "L".join(f"{x:.0f} {y:.0f}" for x, y in kept) + "Z")
    return "".join(parts)


def radius(count):
    return 5.0 if count is None else min(5.0 + 3.0 * math.sqrt(count), 24.0)


def place_labels(markers, width, height, font_size):
    """Each marker's label beside it where it overlaps no other label or marker (larger
    markers first); a label with no free place is left out (the list beside the map has it)."""
    taken = [(m.x - m.radius, m.y - m.radius, m.x + m.radius, m.y + m.radius) for m in markers]
    for marker in sorted(markers, key=lambda m: (-(m.count or 0), m.place.name)):
        text = marker.place.name if marker.count is None else f"{marker.place.name} ({marker.count})"
        text_width = len(text) * font_size * CHARACTER_WIDTH
        gap = marker.radius + 3
        # A country's label on it; a town's beside, then above, then below, each with the
        # baseline that keeps it off the marker at any font size ("central" beside,
        # "hanging" below).
        candidates = [(marker.x, marker.y, "middle", "central", 0.5)] if marker.area else []
        candidates += [
            (marker.x + gap, marker.y, "start", "central", 0.5),
            (marker.x - gap, marker.y, "end", "central", 0.5),
            (marker.x, marker.y - gap, "middle", "auto", 0.9),
            (marker.x, marker.y + gap, "middle", "hanging", 0.0),
        ]
        for x, y, anchor, baseline, above in candidates:
            left = {"start": x, "end": x - text_width, "middle": x - text_width / 2}[anchor]
            top = y - font_size * above
            box = (left, top, left + text_width, top + font_size)
            inside = box[0] >= 2 and box[2] <= width - 2 and box[1] >= 2 and box[3] <= height - 2
            if inside and not any(_overlap(box, other) for other in taken):
                marker.label, marker.label_x, marker.label_y = text, round(x, 1), round(y, 1)
                marker.anchor, marker.baseline, marker.label_box = anchor, baseline, box
                taken.append(box)
                break


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def draw(spots, size="large"):
    """The map of ``spots`` (``Spot``) that have coordinates or are whole countries; None
    when there is none. A ``large`` map fills a page's column, a ``small`` one sits beside
    an entry's facts."""
    width, height = SIZES[size]
    spots = [spot for spot in spots if spot.area or spot.place.latitude is not None]
    if not any(spot.fitted for spot in spots):
        return None
    points = []
    for spot in spots:
        if not spot.fitted:
            continue
        if spot.area:
            points.append(spot.area.label_point)
            if spot.current:  # a country's own page shows the whole of it
                west, south, east, north = spot.area.main_box
                points += [(west, south), (east, north)]
        else:
            points.append((float(spot.place.longitude), float(spot.place.latitude)))
    frame = fit(points, width, height)
    markers = []
    for spot in spots:
        if spot.area:
            x, y = frame.project(*spot.area.label_point)
            marker = Marker(spot.place, round(x, 1), round(y, 1), 0.0, spot.url, spot.count, current=spot.current)
            marker.area = svg_path(spot.area.rings, frame)
        else:
            x, y = frame.project(float(spot.place.longitude), float(spot.place.latitude))
            marker = Marker(
                spot.place, round(x, 1), round(y, 1), radius(spot.count), spot.url, spot.count, current=spot.current
            )
        markers.append(marker)
    # Countries first, under the towns; then the larger markers under the smaller ones.
    markers.sort(key=lambda m: (not m.area, -(m.count or 0), m.place.name))
    place_labels(markers, width, height, LABEL_SIZE[size])
    return Map(width, height, outline(frame), markers, size)

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
MAX_LATITUDE = 80.0
# Labels are placed for the larger size a narrow screen shows them at (the stylesheet
# sets it), so that they do not overlap there either; wider screens show them smaller.
LABEL_SIZE = {"large": 26, "small": 18}  # in the map's units, for each size of map
SIZES = {"large": (800, 500), "small": (400, 300)}  # width and height, in the map's units
CHARACTER_WIDTH = 0.56  # of a label's characters, as a share of the font size
THIN = 0.8  # a point closer than this to the last one drawn (in the map's units) is left out


@dataclass
class Marker:
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

    @property
    def description(self):
        if self.count is None:
            return self.place.name
        return f"{self.place.name}: {self.count} event{'' if self.count == 1 else 's'}"


@dataclass
class Map:
    width: int
    height: int
    countries: list = field(default_factory=list)  # (name, SVG path data)
    markers: list = field(default_factory=list)
    size: str = "large"
    attribution: str = ATTRIBUTION


@cache
def base_countries():
    """(name, rings, bounding box) of every country of the base map, read once."""
    data = json.loads(BASE_MAP.read_text(encoding="utf-8"))
    found = []
    for country in data["countries"]:
        rings = [[(lon, lat) for lon, lat in ring] for ring in country["rings"]]
        lons = [lon for ring in rings for lon, _lat in ring]
        lats = [lat for ring in rings for _lon, lat in ring]
        found.append((country["name"], rings, (min(lons), min(lats), max(lons), max(lats))))
    return found


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
    narrowing = math.cos(math.radians(middle))
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
    for name, rings, box in base_countries():
        if not frame.overlaps(box):
            continue
        parts = []
        for ring in rings:
            points = clip(ring, frame)
            kept = []
            for lon, lat in points:
                x, y = frame.project(lon, lat)
                if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= THIN:
                    kept.append((x, y))
            if len(kept) >= 3:
                parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in kept) + "Z")
        if parts:
            drawn.append((name, "".join(parts)))
    return drawn


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
        # Beside, then above, then below: each with the baseline that keeps it off the
        # marker at any font size ("central" beside, "hanging" below).
        candidates = [
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


def draw(places, size="large"):
    """The map of ``places``: (place, number of events or None, address, whether it is the
    page's own place) for places with coordinates; None when there is none. A ``large``
    map fills a page's column, a ``small`` one sits beside an entry's facts."""
    width, height = SIZES[size]
    places = [entry for entry in places if entry[0].latitude is not None]
    if not places:
        return None
    frame = fit([(float(p.longitude), float(p.latitude)) for p, *_rest in places], width, height)
    markers = []
    for place, count, url, current in places:
        x, y = frame.project(float(place.longitude), float(place.latitude))
        markers.append(Marker(place, round(x, 1), round(y, 1), radius(count), url, count, current=current))
    # The smaller markers drawn last, on top of the larger ones.
    markers.sort(key=lambda m: (-(m.count or 0), m.place.name))
    place_labels(markers, width, height, LABEL_SIZE[size])
    return Map(width, height, outline(frame), markers, size)

"""The base map: Natural Earth's country outlines, trimmed into a small file the site draws.

Reads the npm package world-atlas (pinned in package.json: Natural Earth's Admin 0
country boundaries, 1:50m, as TopoJSON), decodes its arcs, simplifies each ring
(Douglas–Peucker, ``TOLERANCE`` degrees), drops the islands too small to see on the
site's maps and rounds to hundredths of a degree, then writes ``events/data/countries.json``:
each country's ISO 3166-1 numeric code, its Natural Earth name and its rings as
[longitude, latitude] pairs. Natural Earth is in the public domain; the maps say
"Made with Natural Earth" all the same.

    npm ci && python3 ops/base_map.py
"""

import json
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ATLAS = ROOT / "node_modules" / "world-atlas"
OUTPUT = ROOT / "events" / "data" / "countries.json"
TOLERANCE = 0.05  # degrees: about 5 km, a few pixels on a map of the Korean peninsula
MIN_AREA = 0.03  # square degrees: smaller islands are dropped
DIGITS = 2


def decode_arcs(topology):
    """The arcs as lists of (longitude, latitude), from quantized, delta-encoded positions."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes, arcs):
    """A closed ring from its arcs (a negative index is the arc ~index reversed), its
    longitudes unwrapped: a ring crossing the 180th meridian (Russia's, Fiji's) goes on past
    180 instead of jumping to -180, which would draw a line across the whole map."""
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    unwrapped = points[:1]
    for lon, lat in points[1:]:
        previous = unwrapped[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        unwrapped.append((lon, lat))
    return unwrapped


def simplify(points, tolerance):
    """Douglas–Peucker, iterative, keeping the first and last points."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            x, y = points[index]
            # The distance from the line through the first and last points (or from the point they both are).
            d = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length if length else math.hypot(x - x1, y - y1)
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def area(points):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))) / 2


def countries(topology):
    arcs = decode_arcs(topology)
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}
        rings = []
        for polygon in polygons.get(geometry["type"], []):
            for indexes in polygon:
                points = ring(indexes, arcs)
                if area(points) < MIN_AREA:
                    continue
                points = [[round(x, DIGITS), round(y, DIGITS)] for x, y in simplify(points, TOLERANCE)]
                if len(points) >= 4:
                    rings.append(points)
        if rings:
            yield {"id": geometry.get("id", ""), "name": geometry["properties"]["name"], "rings": rings}


def main():
    package = json.loads((ATLAS / "package.json").read_text())
    topology = json.loads((ATLAS / "countries-50m.json").read_text())
    data = {
        "attribution": "Made with Natural Earth",
        "about": (
            f"Natural Earth's Admin 0 country boundaries (1:50m, public domain), from {package['name']} "
            f"{package['version']}, simplified by ops/base_map.py."
        ),
        "countries": sorted(countries(topology), key=lambda country: (country["name"], country["id"])),
    }
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(data['countries'])} countries, {OUTPUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()

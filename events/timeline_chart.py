"""The visual timeline: era bands across time, each event drawn over the period it occupies,
and a bar per year.

Geometry is computed here and drawn as inline SVG by ``includes/timeline_chart.html``, so
the chart needs no JavaScript. It is laid out twice, wide for a desktop and narrow (with
larger text) for a phone; the page's style shows one. An event is drawn as the span of its
period (``Event.period``): pale where the words leave it uncertain (the year of "1950", the
decade of "1950s", the first and last years of "1950–1953"), solid where it surely lasted;
an event known to the day is a dot. Events are named beside their marks where the name
fits. Every era band, and every decade or year of the axis, is a link that zooms the
timeline to it (``era``, or ``year_from`` and ``year_to``), keeping the other filters.

Beyond ``MAX_MARKS`` events the marks are left out and only the bars remain, which cost one
grouped query however many events there are.
"""

import calendar
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count

from common.dates import DatePart, DatePrecision, period
from common.filters import given
from common.listing import url_builder

MAX_MARKS = 300
MAX_TICKS = 10
MAX_AXIS_TICKS = 16  # as many as fit: a tick each decade across the whole timeline
NICE_FACTORS = (1, 2, 5)
ZOOM_PARAMETERS = ("era", "year_from", "year_to", "page")
MAX_LABEL_CHARACTERS = 44
LONG_SPAN = 0.25  # a mark across a quarter of the chart or more is a long span
EXTRA_LANES_FOR_LONG_SPANS = 8  # lanes beyond the layout's for long spans, before they overlap

# The colours of the marks: the kinds of events in four families, named in the legend.
KIND_FAMILIES = {
    "fighting": ("battle", "operation", "incident", "losses"),
    "arms": ("transfer", "production", "sighting", "deployment"),
    "politics": ("political", "treaty", "founding"),
    "other": ("other",),
}
FAMILY_LABELS = {
    "fighting": "fighting: battles, operations, incidents, losses",
    "arms": "arms: transfers, production, sightings, deployments",
    "politics": "politics: decisions, treaties, foundings",
    "other": "other",
}
FAMILY_OF_KIND = {kind: family for family, kinds in KIND_FAMILIES.items() for kind in kinds}


@dataclass(frozen=True)
class Layout:
    """The fixed geometry of one drawing of the chart."""

    name: str
    width: int
    font: int  # the size of its text, in the drawing's units
    max_lanes: int
    margin: int = 16
    band_height: int = 26
    bars_height: int = 40

    @property
    def lane_height(self):
        return self.font + 6

    def text_width(self, text):
        """About how wide ``text`` is drawn (the SVG is laid out without a browser)."""
        return len(text) * self.font * 0.56


WIDE = Layout("wide", width=1000, font=12, max_lanes=12)
NARROW = Layout("narrow", width=400, font=13, max_lanes=7)


@dataclass
class Drawing:
    """One layout of the chart: what the template draws, in the layout's units."""

    layout: Layout
    bands: list = field(default_factory=list)
    band_labels: list = field(default_factory=list)
    marks: list = field(default_factory=list)
    bars: list = field(default_factory=list)
    ticks: list = field(default_factory=list)
    marks_top: int = 0
    bars_top: int = 0
    axis_y: int = 0
    height: int = 0
    named: int = 0

    @property
    def width(self):
        return self.layout.width

    @property
    def axis_left(self):
        return self.layout.margin

    @property
    def axis_right(self):
        return self.layout.width - self.layout.margin


@dataclass
class Chart:
    first_year: int
    last_year: int
    total: int
    busiest: tuple | None
    decade_only: int
    drawings: list = field(default_factory=list)
    eras: list = field(default_factory=list)  # (era, number of events, zoom link)
    decades: list = field(default_factory=list)  # (label, dated within, known to it only, zoom link)
    zoomed: bool = False
    zoom_out: str = ""
    legend: list = field(default_factory=list)
    html: str = ""  # its drawing, rendered (events.views.drawn_chart)

    @property
    def aggregated(self):
        return self.total > MAX_MARKS

    @property
    def named(self):
        return self.drawings[0].named if self.drawings else 0


def tick_step(span, max_ticks=MAX_TICKS):
    """The smallest "nice" step in years (1, 2 or 5 × 10^k) that labels ``span`` years
    with at most ``max_ticks`` ticks, for any span from one year to the whole range.

    Ticks fall on the multiples of the step, so ``span // step + 1`` of them at most.
    """
    magnitude = 1
    while True:
        for factor in NICE_FACTORS:
            step = factor * magnitude
            if span // step + 1 <= max_ticks:
                return step
        magnitude *= 10


def tick_years(first_year, last_year, max_ticks=MAX_TICKS):
    """The labelled years of the axis: the multiples of ``tick_step`` in the range."""
    step = tick_step(last_year - first_year, max_ticks)
    return range(first_year + (-first_year % step), last_year + 1, step)


def zoom_link(params, **zoom):
    """The timeline's query string with the other filters kept and the zoom replaced."""
    kept = [(key, value) for key in params for value in params.getlist(key) if key not in ZOOM_PARAMETERS and value]
    return "?" + urlencode(kept + list(zoom.items()))


def build_chart(queryset, eras, params, cleaned):
    """The chart of the events in ``queryset`` (the filtered timeline); None when there are none.

    ``params`` is the request's query (for the zoom links), ``cleaned`` the filter's
    cleaned data: the chart spans the years asked for, or the era, or the events' own.
    """
    queryset = queryset.select_related(None).prefetch_related(None)  # it reads a few columns only
    per_year = list(
        queryset.order_by()
        .annotate(year=DatePart("year", "date_start"))
        .values_list("year", "date_precision")
        .annotate(n=Count("pk"))
    )
    if not per_year:
        return None
    # The marks' query runs (at most MAX_MARKS rows) even when there are too many events to
    # draw, so that the page costs the same number of queries whatever the count.
    events = list(
        queryset.order_by("date_start", "date_rank", "slug").only(
            "slug",
            "title",
            "kind",
            "date_start",
            "date_end",
            "date_precision",
            "date_end_precision",
            "circa",
            "date_qualifier",
        )[: MAX_MARKS + 1]
    )
    total = sum(n for _, _, n in per_year)
    dated = {}  # events starting in each year, known at least to the year
    decade_only = {}  # events known only to their decade, by its first year
    for year, precision, n in per_year:
        target = decade_only if precision == DatePrecision.DECADE else dated
        target[year] = target.get(year, 0) + n
    busiest = max(dated.items(), key=lambda item: (item[1], -item[0])) if dated else None

    first_year, last_year = _range(per_year, events, total, eras, cleaned)
    chart = Chart(first_year, last_year, total, busiest, sum(decade_only.values()))
    chart.zoomed = any(given(cleaned.get(name)) for name in ("era", "year_from", "year_to"))
    chart.zoom_out = zoom_link(params)
    chart.legend = [(family, FAMILY_LABELS[family]) for family in KIND_FAMILIES]

    spans = [] if chart.aggregated else [(event, period(*_dates(event))) for event in events]
    page_of = url_builder("events:event-detail")
    for event in events:
        event.chart_href = page_of(event.slug)
    for era in eras:
        count = sum(1 for _, (first, last) in spans if era.overlaps(first, last)) if spans else None
        if _era_visible(era, first_year, last_year):
            chart.eras.append((era, count, zoom_link(params, era=era.slug)))
    for start in range(first_year - first_year % 10, last_year + 1, 10):
        within = sum(n for year, n in dated.items() if start <= year <= start + 9)
        chart.decades.append(
            (f"{start}s", within, decade_only.get(start, 0), zoom_link(params, year_from=start, year_to=start + 9))
        )
    for layout in (WIDE, NARROW):
        chart.drawings.append(_draw(layout, chart, eras, spans, dated, params))
    return chart


def _dates(event):
    return event.date_start, event.date_precision, event.date_end, event.date_end_precision


def _range(per_year, events, total, eras, cleaned):
    """The years the chart spans: those asked for, else the era's, else the events'."""
    eras = list(cleaned.get("era") or [])
    first = cleaned.get("year_from") or (min(era.start.year for era in eras) if eras else None)
    last = cleaned.get("year_to") or (
        max(era.end.year for era in eras) if eras and all(era.end for era in eras) else None
    )
    if first is None or last is None:
        starts = [year for year, _, _ in per_year]
        ends = [year + (9 if precision == DatePrecision.DECADE else 0) for year, precision, _ in per_year]
        if total <= MAX_MARKS:
            ends += [period(*_dates(event))[1].year for event in events]
        first = int(first if first is not None else min(starts))
        last = int(last if last is not None else max(ends))
    first, last = int(first), int(last)
    return min(first, last), max(first, last)


def _era_visible(era, first_year, last_year):
    return era.start.year <= last_year and (era.end is None or era.end.year >= first_year)


class _Scale:
    def __init__(self, layout, first_year, last_year):
        self.first_year = first_year
        self.span = last_year - first_year + 1
        self.left = layout.margin
        self.width = layout.width - 2 * layout.margin

    def year(self, value):
        """x of the start of a year (a fraction of a year allowed)."""
        return round(self.left + (value - self.first_year) / self.span * self.width, 1)

    def day(self, value, end_of_day=False):
        """x of the start (or the end) of a day."""
        days = 366 if calendar.isleap(value.year) else 365
        fraction = (value.timetuple().tm_yday - (0 if end_of_day else 1)) / days
        return self.clamp(self.year(value.year + fraction))

    def clamp(self, x):
        return min(max(x, self.left), self.left + self.width)

    @property
    def year_width(self):
        return self.width / self.span


def _draw(layout, chart, eras, spans, dated, params):
    drawing = Drawing(layout)
    scale = _Scale(layout, chart.first_year, chart.last_year)
    top = 0
    _draw_bands(drawing, scale, eras, chart, params, top)
    label_rows = max((label["row"] + 1 for label in drawing.band_labels if label["row"] >= 0), default=0)
    drawing.marks_top = top + layout.band_height + label_rows * layout.lane_height + 10
    lanes = _draw_marks(drawing, scale, spans)
    drawing.bars_top = drawing.marks_top + lanes * layout.lane_height + (8 if lanes else 0)
    _draw_bars(drawing, scale, dated)
    drawing.axis_y = drawing.bars_top + layout.bars_height
    _draw_ticks(drawing, scale, chart, params)
    drawing.height = drawing.axis_y + layout.font + 10
    return drawing


def _draw_bands(drawing, scale, eras, chart, params, top):
    """An era band each; its name inside when it fits, else on a row of names below the
    bands, joined to its band by a line."""
    layout = drawing.layout
    rows = []  # the right edge of the last name on each row of names
    for index, era in enumerate(eras):
        if not _era_visible(era, chart.first_year, chart.last_year):
            continue
        left = scale.day(era.start)
        right = scale.day(era.end, end_of_day=True) if era.end else scale.left + scale.width
        band = {
            "era": era,
            "x": left,
            "width": round(max(right - left, 1), 1),
            "parity": "even" if index % 2 == 0 else "odd",
            "href": zoom_link(params, era=era.slug),
        }
        drawing.bands.append(band)
        name = era.name
        width = layout.text_width(name)
        if width + 8 <= right - left:
            label = {"x": round(left + 4, 1), "y": top + layout.band_height // 2 + layout.font // 3, "row": -1}
        else:
            centre = (left + right) / 2
            x = min(max(centre - width / 2, scale.left), scale.left + scale.width - width)
            row = next((i for i, edge in enumerate(rows) if x >= edge + 6), None)
            if row is None:
                rows.append(0)
                row = len(rows) - 1
            rows[row] = x + width
            label = {
                "x": round(x, 1),
                "y": top + layout.band_height + (row + 1) * layout.lane_height - 4,
                "row": row,
                "line_x": round(centre, 1),
                "line_top": top + layout.band_height,
                "line_bottom": top + layout.band_height + row * layout.lane_height + 3,
            }
        label.update(text=name, href=band["href"], era=era)
        drawing.band_labels.append(label)


def _draw_marks(drawing, scale, spans):
    """A mark per event on lanes, named where the name fits before the next mark on its
    lane; returns the number of lanes used.

    A mark goes on the first lane whose last name it leaves room for, else on a new lane,
    else on the first lane whose last mark it does not touch (that mark then goes unnamed),
    else over the lane that ends first.
    """
    layout = drawing.layout
    right_edge = scale.left + scale.width + layout.margin
    lanes = []  # per lane: where its last mark ends, where its last name ends, that mark
    placed = {}
    # The short marks take the lanes first, in order of time; the long spans (a decade, a
    # war) after them, drawn beneath, so that a long span never hides the events within it.
    long_span = scale.width * LONG_SPAN
    extents = [(scale.day(first), scale.day(last, end_of_day=True)) for _, (first, last) in spans]
    order = sorted(range(len(spans)), key=lambda i: (extents[i][1] - extents[i][0] >= long_span, i))
    for index in order:
        event, (first, last) = spans[index]
        x1, x2 = extents[index]
        dot = (event.date_precision == DatePrecision.DAY and event.date_end is None) or x2 - x1 < 4
        cx = round(x1 + min(x2 - x1, 4) / 2, 1)
        end = cx + 4 if dot else x2
        name = _short(event.title)
        width = layout.text_width(name)

        def place_name(free_from, x1=x1, x2=x2, end=end, dot=dot, cx=cx, width=width):
            """Where the name goes on a lane free from ``free_from``: beside the mark, inside
            a long span, or before the mark; None when it fits nowhere."""
            if free_from > x1 - 4:
                return None
            beside = (cx + 6) if dot else x2 + 4
            if beside + width <= right_edge:
                return beside, beside + width
            if not dot and x2 - x1 >= width + 8:
                return x1 + 4, end
            before = x1 - 4 - width
            if before >= max(free_from, 0):
                return before, end
            return None

        lane = next((i for i, used in enumerate(lanes) if place_name(used["name_end"])), None)
        cap = layout.max_lanes + (EXTRA_LANES_FOR_LONG_SPANS if x2 - x1 >= long_span else 0)
        if lane is None and len(lanes) < cap:
            lanes.append({"end": 0, "name_end": 0, "mark": None})
            lane = len(lanes) - 1
        if lane is None:
            lane = next((i for i, used in enumerate(lanes) if used["end"] <= x1 - 2), None)
            if lane is None:
                lane = min(range(len(lanes)), key=lambda i: lanes[i]["end"])
            previous = lanes[lane]["mark"]
            if previous is not None and previous["name"]:
                previous["name"] = ""
                drawing.named -= 1
        y = drawing.marks_top + lane * layout.lane_height
        spot = place_name(lanes[lane]["name_end"])
        named = spot is not None
        name_x, name_end = (round(spot[0], 1), spot[1]) if named else (0, end)
        mark = {
            "event": event,
            "family": FAMILY_OF_KIND.get(event.kind, "other"),
            "href": event.chart_href,
            "tooltip": f"{event.date_display}: {event.title}",
            "dot": dot,
            "cx": cx,
            "cy": y + layout.lane_height // 2,
            "x": x1,
            "y": y + 3,
            "width": round(max(x2 - x1, 1), 1),
            "height": layout.lane_height - 6,
            "core": _core(scale, event, first, last),
            "name": name if named else "",
            "name_x": name_x,
            "name_y": y + layout.lane_height // 2 + layout.font // 3,
        }
        lanes[lane] = {"end": max(end, lanes[lane]["end"]), "name_end": name_end if named else end, "mark": mark}
        drawing.named += named
        placed[index] = mark
    long_first = sorted(placed, key=lambda i: (placed[i]["width"] < long_span, i))
    drawing.marks = [placed[i] for i in long_first]
    return len(lanes)


def _core(scale, event, first, last):
    """The part of a span the event surely lasted: from the end of the start's period to the
    start of the end's (a range), or all of it for a range known to the day; None otherwise."""
    if event.date_end is None:
        return None
    start_end = period(event.date_start, event.date_precision)[1]
    end_start = event.date_end
    if end_start <= start_end:
        return None
    x1, x2 = scale.day(start_end, end_of_day=True), scale.day(end_start)
    if event.date_precision == DatePrecision.DAY:
        x1 = scale.day(first)
    if (event.date_end_precision or event.date_precision) == DatePrecision.DAY:
        x2 = scale.day(last, end_of_day=True)
    return {"x": x1, "width": round(x2 - x1, 1)} if x2 - x1 >= 1 else None


def _short(title):
    if len(title) <= MAX_LABEL_CHARACTERS:
        return title
    cut = title[: MAX_LABEL_CHARACTERS - 1].rsplit(" ", 1)[0].rstrip(",;:–-")
    return cut + "…"


def _draw_bars(drawing, scale, dated):
    layout = drawing.layout
    if not dated:
        return
    tallest = max(dated.values())
    bar_width = max(1.0, round(scale.year_width - (1 if scale.year_width > 3 else 0), 1))
    for year, n in sorted(dated.items()):
        if not scale.first_year <= year < scale.first_year + scale.span:
            continue
        height = max(1.0, round(n / tallest * layout.bars_height, 1))
        drawing.bars.append(
            {
                "x": scale.year(year),
                "width": bar_width,
                "y": round(drawing.bars_top + layout.bars_height - height, 1),
                "height": height,
                "year": year,
                "count": n,
            }
        )


def _draw_ticks(drawing, scale, chart, params):
    """The axis's years; each a link zooming to its decade (or, over a few years, to its year)."""
    layout = drawing.layout
    max_ticks = max(2, min(MAX_AXIS_TICKS, int(scale.width // (layout.text_width("0000") * 1.8))))
    span = chart.last_year - chart.first_year
    for year in tick_years(chart.first_year, chart.last_year, max_ticks):
        if span < 10:
            href = zoom_link(params, year_from=year, year_to=year)
            what = str(year)
        else:
            decade = year - year % 10
            href = zoom_link(params, year_from=decade, year_to=decade + 9)
            what = f"the {decade}s"
        drawing.ticks.append(
            {
                "x": scale.year(year),
                "label": year,
                "y": drawing.axis_y + layout.font + 4,
                "href": href,
                "what": what,
            }
        )

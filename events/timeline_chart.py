"""The visual timeline: era bands across time, a mark per event and a bar per year.

Geometry is computed here and drawn as inline SVG by ``includes/timeline_chart.html``,
so the chart needs no JavaScript. Beyond ``MAX_MARKS`` events the marks are left out
and only the per-year bars remain, which cost one grouped query however many events
there are.
"""

from dataclasses import dataclass, field

from django.db.models import Count

from common.dates import DatePart

MAX_MARKS = 300
WIDTH = 1000
LEFT, RIGHT = 24, 24
BAND_TOP, BAND_HEIGHT = 0, 26
LANE_HEIGHT, MAX_LANES = 9, 8
MIN_GAP = 7
MARK_RADIUS = 3.5
BAND_LABEL_BASELINE = 17  # below the band's top
BARS_HEIGHT = 60
MAX_TICKS = 10
NICE_FACTORS = (1, 2, 5)


@dataclass
class Chart:
    first_year: int
    last_year: int
    total: int
    busiest: tuple
    bands: list = field(default_factory=list)
    marks: list = field(default_factory=list)
    bars: list = field(default_factory=list)
    ticks: list = field(default_factory=list)
    marks_top: int = 0
    bars_top: int = 0
    axis_y: int = 0
    height: int = 0
    # The fixed geometry the template draws with.
    width: int = WIDTH
    axis_left: int = LEFT
    axis_right: int = WIDTH - RIGHT
    band_top: int = BAND_TOP
    band_height: int = BAND_HEIGHT
    band_label_y: int = BAND_TOP + BAND_LABEL_BASELINE
    mark_radius: float = MARK_RADIUS

    @property
    def aggregated(self):
        return self.total > MAX_MARKS


def _scale(first_year, last_year):
    span = last_year - first_year + 1
    width = WIDTH - LEFT - RIGHT

    def x(year_fraction):
        return round(LEFT + (year_fraction - first_year) / span * width, 1)

    return x, width / span


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


def tick_years(first_year, last_year):
    """The labelled years of the axis: the multiples of ``tick_step`` in the range."""
    step = tick_step(last_year - first_year)
    return range(first_year + (-first_year % step), last_year + 1, step)


def build_chart(queryset, eras, url_for):
    """The chart of the events in ``queryset``; None when there are none."""
    queryset = queryset.select_related(None).prefetch_related(None)  # it reads a few columns only
    per_year = list(
        queryset.order_by().annotate(year=DatePart("year", "date_start")).values_list("year").annotate(n=Count("pk"))
    )
    if not per_year:
        return None
    per_year.sort()
    first_year, last_year = per_year[0][0], per_year[-1][0]
    total = sum(n for _, n in per_year)
    busiest = max(per_year, key=lambda row: (row[1], -row[0]))
    chart = Chart(first_year, last_year, total, busiest)
    x, year_width = _scale(first_year, last_year)

    for era in eras:
        start, end = era.start.year, (era.end.year if era.end else last_year)
        if end < first_year or start > last_year:
            continue
        left = x(max(start + (era.start.timetuple().tm_yday - 1) / 366, first_year))
        right = x(min(end + (era.end.timetuple().tm_yday if era.end else 366) / 366, last_year + 1))
        chart.bands.append(
            {
                "era": era,
                "x": left,
                "width": round(right - left, 1),
                "label_x": round(left + 6, 1),
                "label_fits": right - left > 9 * len(era.name),
            }
        )

    lanes_used = 0
    # The marks' query runs (at most MAX_MARKS rows) even when there are too many events to
    # draw, so that the page costs the same number of queries whatever the count.
    marks = queryset.order_by("date_start", "slug").only(
        "slug",
        "title",
        "kind",
        "date_start",
        "date_end",
        "date_precision",
        "date_end_precision",
        "circa",
        "date_qualifier",
    )[:MAX_MARKS]
    marks = list(marks)
    if not chart.aggregated:
        lanes = []  # the right edge of the last mark in each lane
        for event in marks:
            start = event.date_start
            cx = x(start.year + (start.timetuple().tm_yday - 1) / 366)
            lane = next((i for i, edge in enumerate(lanes) if cx - edge >= MIN_GAP), None)
            if lane is None:
                if len(lanes) < MAX_LANES:
                    lanes.append(cx)
                    lane = len(lanes) - 1
                else:
                    lane = min(range(len(lanes)), key=lanes.__getitem__)
            lanes[lane] = cx
            chart.marks.append(
                {
                    "x": cx,
                    "lane": lane,
                    "event": event,
                    "url": url_for(event.slug),
                    "label": f"{event.date_display}: {event.title}",
                }
            )
        lanes_used = len(lanes)

    chart.marks_top = BAND_TOP + BAND_HEIGHT + 8
    for mark in chart.marks:
        mark["y"] = chart.marks_top + mark["lane"] * LANE_HEIGHT + LANE_HEIGHT // 2
    chart.bars_top = chart.marks_top + lanes_used * LANE_HEIGHT + (8 if lanes_used else 0)
    tallest = max(n for _, n in per_year)
    bar_width = max(1.0, round(year_width - (1 if year_width > 3 else 0), 1))
    for year, n in per_year:
        height = max(1.0, round(n / tallest * BARS_HEIGHT, 1))
        chart.bars.append(
            {
                "x": x(year),
                "width": bar_width,
                "y": round(chart.bars_top + BARS_HEIGHT - height, 1),
                "height": height,
                "year": year,
                "count": n,
            }
        )
    axis_y = chart.axis_y = chart.bars_top + BARS_HEIGHT
    for year in tick_years(first_year, last_year):
        chart.ticks.append({"x": x(year), "label": year, "y": axis_y + 16})
    chart.height = axis_y + 22
    return chart

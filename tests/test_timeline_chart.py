"""The visual timeline: nice ticks for any span, events at the edges of the years, periods
drawn as spans, every era named, zoom links that keep the other filters."""

import datetime

import pytest
from django.http import QueryDict

from common.dates import MAX_YEAR, MIN_YEAR
from events.filters import EventFilter
from events.models import Event
from events.timeline_chart import LONG_SPAN, MAX_TICKS, NARROW, WIDE, build_chart, tick_step, tick_years
from tests.conftest import make_event

NICE = {factor * 10**k for factor in (1, 2, 5) for k in range(5)}


@pytest.mark.parametrize(
    ("first", "last", "step"),
    [
        (1950, 1950, 1),  # a span of 0 years
        (1950, 1951, 1),  # a span of 1 year
        (MIN_YEAR, MAX_YEAR, 1000),  # a span of 9998 years
        (1910, 2025, 20),
        (1945, 1955, 2),
    ],
)
def test_ticks_are_nice_and_few_for_any_span(first, last, step):
    assert tick_step(last - first) == step
    ticks = list(tick_years(first, last))
    assert 1 <= len(ticks) <= MAX_TICKS
    assert all(first <= year <= last and year % step == 0 for year in ticks)


def test_every_span_of_the_range_gets_a_nice_step_and_at_most_ten_ticks():
    for span in range(MAX_YEAR - MIN_YEAR + 1):
        step = tick_step(span)
        assert step in NICE and span // step + 1 <= MAX_TICKS, span
        # The smallest such step: the next smaller nice one would give too many ticks.
        smaller = max((s for s in NICE if s < step), default=None)
        assert smaller is None or span // smaller + 1 > MAX_TICKS, span


@pytest.mark.django_db
@pytest.mark.parametrize(
    "dates",
    [
        [datetime.date(1, 1, 1)],
        [datetime.date(9999, 12, 31)],
        [datetime.date(1, 1, 1), datetime.date(9999, 12, 31)],
    ],
)
def test_the_chart_draws_events_at_the_edges_of_the_years(dates):
    made = [make_event(date_start=value) for value in dates]
    chart = build_chart(Event.objects.filter(pk__in=[e.pk for e in made]), [], QueryDict(), {})
    assert chart.first_year == dates[0].year and chart.last_year == dates[-1].year
    for drawing in chart.drawings:
        assert 1 <= len(drawing.ticks) <= MAX_TICKS
        for item in drawing.marks + drawing.bars + drawing.ticks:
            x = item.get("cx", item["x"])
            assert 0 <= x <= drawing.width


def chart_for(query):
    params = QueryDict(query)
    filterset = EventFilter(params or None, queryset=Event.objects.all())
    assert not filterset.is_bound or filterset.is_valid(), filterset.errors
    return build_chart(filterset.qs, filterset.eras, params, filterset.asked)


@pytest.mark.django_db
def test_every_era_is_named_and_a_link_that_zooms_to_it_keeping_the_other_filters():
    chart = chart_for("kind=battle")
    for drawing in chart.drawings:
        named = [label["text"] for label in drawing.band_labels]
        assert named == [band["era"].name for band in drawing.bands] and len(named) >= 5
        for band in drawing.bands:
            assert band["href"] == f"?kind=battle&era={band['era'].slug}"
        # Names set below the bands do not overlap on their row.
        rows = {}
        for label in drawing.band_labels:
            if label["row"] >= 0:
                rows.setdefault(label["row"], []).append(
                    (label["x"], label["x"] + drawing.layout.text_width(label["text"]))
                )
        for spans in rows.values():
            spans.sort()
            assert all(left[1] <= right[0] for left, right in zip(spans, spans[1:], strict=False))


@pytest.mark.django_db
def test_a_decade_is_drawn_across_the_decade_not_on_its_first_year():
    event = make_event(date_start=datetime.date(1960, 1, 1), date_precision="decade", kind="production")
    day = make_event(date_start=datetime.date(1964, 5, 1), date_precision="day")
    chart = build_chart(Event.objects.filter(pk__in=[event.pk, day.pk]), [], QueryDict(), {})
    assert (chart.first_year, chart.last_year) == (1960, 1969)
    assert chart.busiest == (1964, 1) and chart.decade_only == 1
    for drawing in chart.drawings:
        mark = next(m for m in drawing.marks if m["event"].pk == event.pk)
        assert not mark["dot"] and mark["core"] is None  # a pale span: when in the decade is not known
        assert mark["x"] == drawing.axis_left and mark["x"] + mark["width"] == pytest.approx(
            drawing.axis_right, abs=0.2
        )
        assert [bar["year"] for bar in drawing.bars] == [1964]  # the decade is not counted on 1960


@pytest.mark.django_db
def test_a_range_is_solid_where_it_surely_lasted():
    war = make_event(date_start=datetime.date(1950, 1, 1), date_end=datetime.date(1953, 1, 1), date_precision="year")
    chart = build_chart(Event.objects.filter(pk=war.pk), [], QueryDict(), {})
    drawing = chart.drawings[0]
    (mark,) = drawing.marks
    scale_year = (drawing.axis_right - drawing.axis_left) / 4
    # Pale over 1950 and 1953 (when it began and ended), solid over 1951 and 1952.
    assert mark["core"]["x"] == pytest.approx(drawing.axis_left + scale_year, abs=0.5)
    assert mark["core"]["width"] == pytest.approx(2 * scale_year, abs=0.5)


@pytest.mark.django_db
def test_zooming_to_an_era_or_years_spans_what_was_asked_and_offers_the_way_back():
    chart = chart_for("era=korean-war")
    assert (chart.first_year, chart.last_year) == (1950, 1953) and chart.zoomed and chart.zoom_out == "?"
    assert chart.named > 0  # zoomed in, events are named beside their marks
    chart = chart_for("year_from=1960&year_to=1969&kind=battle")
    assert (chart.first_year, chart.last_year) == (1960, 1969) and chart.zoom_out == "?kind=battle"
    ticks = chart.drawings[0].ticks
    assert ticks and all(t["href"] == f"?kind=battle&year_from={t['label']}&year_to={t['label']}" for t in ticks)
    whole = chart_for("")
    assert not whole.zoomed
    assert any(t["href"] == "?year_from=1950&year_to=1959" for t in whole.drawings[0].ticks)
    assert [label for label, *_ in whole.decades][:2] == ["1910s", "1920s"]


@pytest.mark.django_db
def test_names_never_overlap_the_marks_that_follow_on_their_lane():
    chart = chart_for("")
    for drawing in chart.drawings:
        layout = drawing.layout
        lanes = {}
        long_span = (drawing.axis_right - drawing.axis_left) * LONG_SPAN
        for mark in drawing.marks:
            if mark["dot"] or mark["width"] < long_span:  # long spans lie beneath, pale
                lanes.setdefault(mark["y"], []).append(mark)
        for marks in lanes.values():
            marks.sort(key=lambda mark: mark["x"])
            for before, after in zip(marks, marks[1:], strict=False):
                if before["name"] and before["name_x"] > before["x"] + 4:  # named beside, not inside
                    assert before["name_x"] + layout.text_width(before["name"]) <= after["x"]


@pytest.mark.django_db
def test_long_spans_do_not_hide_the_events_within_them():
    chart = chart_for("year_from=1960&year_to=1969")
    drawing = chart.drawings[0]
    in_1968 = [mark for mark in drawing.marks if mark["event"].date_start.year == 1968]
    assert len(in_1968) >= 5
    # Each has a lane of its own or shares one only with marks it does not touch.
    assert len({(mark["y"], mark["x"]) for mark in in_1968}) == len(in_1968)
    long_span = (drawing.axis_right - drawing.axis_left) * LONG_SPAN
    order = [mark["width"] >= long_span and not mark["dot"] for mark in drawing.marks]
    assert order == sorted(order, reverse=True)  # the long spans are drawn first, beneath


def test_the_narrow_drawing_has_larger_text_for_phones():
    # 400 units drawn across a 375 px phone, 1000 across a desktop: about 12 px of text on both.
    assert NARROW.font * 375 / NARROW.width >= 11.5 and WIDE.font * 1000 / WIDE.width >= 11.5

"""The visual timeline's scale: nice ticks for any span, events at the edges of the years."""

import datetime

import pytest

from common.dates import MAX_YEAR, MIN_YEAR
from events.models import Event
from events.timeline_chart import MAX_TICKS, WIDTH, build_chart, tick_step, tick_years
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
    chart = build_chart(Event.objects.filter(pk__in=[e.pk for e in made]), [], lambda slug: f"/events/{slug}/")
    assert chart.first_year == dates[0].year and chart.last_year == dates[-1].year
    assert 1 <= len(chart.ticks) <= MAX_TICKS
    for item in chart.marks + chart.bars + chart.ticks:
        assert 0 <= item["x"] <= WIDTH

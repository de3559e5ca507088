"""Periods and filters (DESIGN.md): an event occupies its whole period, years and eras keep
the events whose period overlaps them, and the timeline's headings, the export's era cell,
the era facet counts and the chart follow one rule, so that they never disagree."""

import csv
import datetime
import io
import json
import re

import pytest
from django.http import QueryDict

from common.dates import period, periods_overlap
from events.filters import EventFilter
from events.models import Era, Event
from events.timeline_chart import build_chart
from tests.conftest import make_event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("dates", "first", "last"),
    [
        ((datetime.date(1950, 1, 1), "decade"), "1950-01-01", "1959-12-31"),
        ((datetime.date(1950, 6, 1), "month"), "1950-06-01", "1950-06-30"),
        ((datetime.date(1952, 2, 1), "month"), "1952-02-01", "1952-02-29"),
        ((datetime.date(1950, 6, 25), "day"), "1950-06-25", "1950-06-25"),
        ((datetime.date(1950, 1, 1), "year", datetime.date(1953, 1, 1)), "1950-01-01", "1953-12-31"),
        ((datetime.date(1935, 1, 1), "year", datetime.date(1950, 6, 1), "month"), "1935-01-01", "1950-06-30"),
        ((datetime.date(1, 1, 1), "decade"), "0001-01-01", "0009-12-31"),
        ((datetime.date(9990, 1, 1), "decade"), "9990-01-01", "9999-12-31"),
    ],
)
def test_an_event_occupies_its_whole_period(dates, first, last):
    assert period(*dates) == (datetime.date.fromisoformat(first), datetime.date.fromisoformat(last))


def ranges():
    """Day ranges to filter by: every era, single years and decades, open ends."""
    for era in Era.objects.all():
        yield era.start, era.end
    for year in (1904, 1910, 1945, 1950, 1951, 1952, 1953, 1955, 1990, 1999, 2022, 2025, 2029):
        yield datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    yield datetime.date(1950, 6, 25), datetime.date(1950, 6, 25)
    yield datetime.date(1960, 1, 1), datetime.date(1969, 12, 31)
    yield None, datetime.date(1949, 12, 31)
    yield datetime.date(1992, 1, 1), None


def test_the_database_and_python_agree_on_which_events_overlap_a_range():
    make_event(date_start=datetime.date(1, 1, 1), date_precision="decade")
    make_event(date_start=datetime.date(9990, 1, 1), date_precision="decade")
    make_event(date_start=datetime.date(1949, 1, 1), date_end=datetime.date(1950, 6, 1), date_end_precision="month")
    events = list(Event.objects.all())
    for first_day, last_day in ranges():
        expected = {e.slug for e in events if periods_overlap(*e.period, first_day, last_day)}
        found = set(Event.objects.overlapping(first_day, last_day).values_list("slug", flat=True))
        assert found == expected, (first_day, last_day, found ^ expected)


def test_years_keep_every_event_whose_period_overlaps_them(client):
    rows = export(client, "year_from=1952&year_to=1952")
    slugs = {row["slug"] for row in rows}
    # The casualties of 1950–1953 and the front of July 1951 – July 1953 were in 1952 too.
    assert {"korean-war-casualties", "un-counter-offensive-1951-1953"} <= slugs
    assert all(row["date_start"] <= "1952-12-31" for row in rows)
    decade = {row["slug"] for row in export(client, "") if row["date_precision"] == "decade"}
    in_1955 = {row["slug"] for row in export(client, "year_from=1955&year_to=1955")}
    assert {slug for slug in decade if slug in in_1955}  # "1950s" may be 1955


def export(client, query):
    response = client.get(f"/timeline/export.csv?{query}")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_era_filter_cells_facets_headings_and_chart_agree_for_every_era(client):
    everything = export(client, "")
    facets = {facet.name: facet for facet in client.get("/timeline/").context["facets"]}  # the unfiltered page's
    for era in Era.objects.all():
        kept = export(client, f"era={era.slug}")
        # The export's era cell lists every era the period overlaps: exactly the rows kept.
        assert [row["slug"] for row in kept] == [r["slug"] for r in everything if era.slug in r["era"].split("; ")]
        # The facet count of the era, on the unfiltered page.
        counts = {option.value: option.count for option in facets["era"].options}
        assert counts[era.slug] == len(kept), era.slug
        # On the filtered page, every event is listed under the era asked for.
        page = client.get(f"/timeline/?era={era.slug}")
        headings = [group["era"] for group in page.context["groups"]]
        assert headings in ([era], []) and page.context["paginator"].count == len(kept)
        # The chart's count for the era.
        params = QueryDict(f"era={era.slug}")
        filterset = EventFilter(params, queryset=Event.objects.all())
        assert filterset.is_valid()
        chart = build_chart(Event.objects.all(), filterset.eras, QueryDict(), {})
        assert {e.slug: n for e, n, _ in chart.eras}.get(era.slug, 0) == len(kept)


def test_the_korean_war_lists_its_events_under_its_own_heading(client):
    response = client.get("/timeline/?era=korean-war")
    html = response.content.decode()
    assert re.findall(r'<section class="era-group">\s*<h2>.*?</h2>', html, re.S) == [
        re.search(r'<section class="era-group">\s*<h2>.*?Korean War.*?</h2>', html, re.S).group(0)
    ]
    assert "North Korean forces capture Seoul within five days" in html
    rows = export(client, "era=korean-war")
    seoul = next(row for row in rows if row["slug"] == "kpa-captures-seoul-1950")
    assert seoul["era"] == "korean-war" and seoul["date_display"] == "25–30 June 1950"


def test_on_the_whole_timeline_an_event_is_listed_where_it_may_begin_and_says_where_it_reaches(client):
    response = client.get("/timeline/?page=1")
    eras = list(Era.objects.order_by("start"))
    for group in response.context["groups"]:
        for year in group["years"]:
            for event in year["events"]:
                assert group["era"] == (event.eras[0] if event.eras else None)
                assert event.other_eras == event.eras[1:]
    html = client.get("/timeline/?year_from=1950&year_to=1950").content.decode()
    assert "also in Korean War" in html
    assert [era.slug for era in eras][:3] == ["japanese-rule", "liberation-and-division", "korean-war"]


def test_the_vaguer_dates_come_first_under_their_own_heading(client):
    response = client.get("/timeline/?year_from=1950&year_to=1959")
    labels = [year["label"] for group in response.context["groups"] for year in group["years"]]
    for group in response.context["groups"]:
        group_labels = [year["label"] for year in group["years"]]
        assert len(group_labels) == len(set(group_labels)), group_labels  # no heading twice in an era
    assert "1950s" in labels
    decade = next(year for group in response.context["groups"] for year in group["years"] if year["label"] == "1950s")
    assert all(event.date_precision == "decade" for event in decade["events"])


def test_the_json_export_gives_the_eras_as_a_list(client):
    response = client.get("/timeline/export.json?year_from=1950&year_to=1950")
    rows = json.loads(b"".join(response.streaming_content))
    casualties = next(row for row in rows if row["slug"] == "korean-war-casualties")
    assert casualties["era"] == ["liberation-and-division", "korean-war", "cold-war"]


EDGE_PERIODS = [
    # (start, precision, end, end precision)
    (datetime.date(1, 1, 1), "decade", None, ""),  # the first decade is years 1–9
    (datetime.date(9990, 1, 1), "decade", None, ""),
    (datetime.date(9999, 12, 1), "month", None, ""),
    (datetime.date(1952, 2, 1), "month", None, ""),  # a leap February
    (datetime.date(1950, 2, 1), "month", None, ""),
    (datetime.date(1950, 1, 1), "year", datetime.date(1953, 6, 1), "month"),
    (datetime.date(1950, 6, 25), "day", datetime.date(1953, 1, 1), ""),  # the end at the start's precision
    (datetime.date(1950, 6, 25), "day", datetime.date(1953, 7, 27), "day"),
    (datetime.date(1960, 1, 1), "decade", datetime.date(1970, 1, 1), "decade"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "precision", "end", "end_precision"), EDGE_PERIODS)
def test_the_database_keeps_each_events_last_day_as_its_period_says(start, precision, end, end_precision):
    if end is not None and not end_precision:
        end_precision = ""
    event = make_event(date_start=start, date_precision=precision, date_end=end, date_end_precision=end_precision)
    event.refresh_from_db()
    assert event.date_last == period(start, precision, end, end_precision)[1]


@pytest.mark.django_db
def test_every_curated_event_has_the_last_day_of_its_period():
    assert [e.slug for e in Event.objects.all() if e.date_last != e.period[1]] == []

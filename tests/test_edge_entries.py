"""Entries at the edges of what the admin accepts, and every public page and export over them.

Dates on the first and the last day a date can have (1 January of year 1, 31 December
9999) at every precision, roughly or not; the 0s and the 9990s; an era starting in year 5
and one ending in 9999; actors, sources and transfers dated in year 1 and 9999; every
text field at its longest. Every page and every export must render them, and the admin
must refuse what lies beyond with a message that says why.
"""

import csv
import datetime
import io
import json
import re
from urllib.parse import quote

import pytest
from django.db import models

from equipment.models import Designation, Equipment, Transfer
from events.models import Actor, Era, Event, Place
from sources.attributes import VOCABULARY
from sources.models import Citation, Source
from tests.conftest import (
    body,
    make_actor,
    make_citation,
    make_designation,
    make_equipment,
    make_era,
    make_event,
    make_place,
    make_source,
    make_transfer,
    unique,
)

pytestmark = pytest.mark.django_db
D = datetime.date
FIRST, LAST = D(1, 1, 1), D(9999, 12, 31)

# The first and the last day of each precision that a date can have.
EDGE_DATES = [
    ("day", FIRST, LAST),
    ("month", FIRST, D(9999, 12, 1)),
    ("year", FIRST, D(9999, 1, 1)),
    ("decade", FIRST, D(9990, 1, 1)),  # the 0s (from year 1) and the 9990s
]


def longest(model, name, prefix=""):
    """A value of ``model.name`` at its max_length (a slug stays unique by its prefix)."""
    length = model._meta.get_field(name).max_length
    prefix = prefix or unique("x")
    return (prefix + "-" + "z" * length)[:length]


def longest_texts(model, **fixed):
    """Every CharField of ``model`` without choices, at its longest, except ``fixed``."""
    values = {}
    for field in model._meta.get_fields():
        if not isinstance(field, models.CharField) or field.choices or not field.editable:
            continue
        if field.name in fixed or isinstance(field, models.URLField):
            continue
        values[field.name] = longest(model, field.name)
    values.update(fixed)
    return values


@pytest.fixture
def edges(db):
    """Entries at every edge, each cited, with the first and last of each kind returned."""
    source = make_source(
        **longest_texts(Source, language="en"),
        url="https://example.org/" + "p" * (Source._meta.get_field("url").max_length - len("https://example.org/")),
        published=FIRST,
        published_precision="day",
    )
    late_source = make_source(published=LAST, published_precision="day")
    decade_source = make_source(published=D(9990, 1, 1), published_precision="decade")
    early_state = make_actor(kind="state", start=FIRST, end=LAST, date_precision="day")
    decade_actor = make_actor(kind="person", start=FIRST, end=D(9990, 1, 1), date_precision="decade")
    long_actor = make_actor(**longest_texts(Actor), kind="unit", parent=early_state, country=early_state)
    place = make_place(**longest_texts(Place), country=early_state, latitude=-90, longitude=180)
    make_place(parent=place, country=early_state, latitude=90, longitude=-180)
    equipment = make_equipment(**longest_texts(Equipment), origin=early_state, first_observed=1800)
    late_equipment = make_equipment(based_on=equipment, first_observed=2100, producer=long_actor)
    designation = make_designation(code=longest(Designation, "code", "EDGE"), equipment=equipment)
    make_designation(code=designation.code, equipment=late_equipment)

    events = []
    for precision, first, last in EDGE_DATES:
        for circa in (False, True):
            events.append(make_event(date_start=first, date_precision=precision, circa=circa, place=place))
            events.append(make_event(date_start=last, date_precision=precision, circa=circa))
        events.append(make_event(date_start=first, date_end=last, date_precision=precision))
    long_event = make_event(**longest_texts(Event), date_start=LAST, place=place)
    events.append(long_event)
    for event in events:
        event.actors.add(long_actor, decade_actor)
        event.equipment.add(equipment)
        make_citation(event, source=source)

    eras = [
        make_era(start=D(5, 1, 1), end=D(9, 12, 31)),
        make_era(start=D(9000, 1, 1), end=LAST),
        make_era(**longest_texts(Era), start=FIRST, end=D(4, 12, 31)),
    ]
    transfers = [
        make_transfer(supplier=early_state, recipient=long_actor, order_year=1, delivery_start=1, delivery_end=9999),
        make_transfer(
            **longest_texts(Transfer),
            supplier=long_actor,
            recipient=early_state,
            equipment=equipment,
            order_year=9999,
            delivery_start=9999,
            delivery_end=9999,
            quantity_low=0,
            quantity_high=2**31 - 1,
        ),
    ]
    for entry in [early_state, decade_actor, long_actor, place, equipment, designation, *eras, *transfers]:
        make_citation(entry, source=source)
    # A dispute on the longest attribute of an event's vocabulary, with values at their longest.
    attribute = max(VOCABULARY["event"], key=len)
    for value in ("1", longest(Citation, "value")):
        make_citation(
            long_event, source=late_source, attribute=attribute, value=value, locator=longest(Citation, "locator")
        )
    make_citation(long_event, source=decade_source, via=source)
    return {
        "events": events,
        "long_event": long_event,
        "eras": eras,
        "actors": [early_state, decade_actor, long_actor],
        "places": [place],
        "equipment": [equipment, late_equipment],
        "designation": designation,
        "transfers": transfers,
        "sources": [source, late_source, decade_source],
    }


LIST_PAGES = ["/timeline/", "/equipment/", "/transfers/", "/actors/", "/places/", "/sources/"]


def filtered_urls(edges):
    """Every list with and without filters that reach the edges, and its exports."""
    actor, place, source = edges["actors"][2], edges["places"][0], edges["sources"][0]
    era_filters = [f"era={era.slug}" for era in edges["eras"]]
    queries = {
        "/timeline/": [
            "",
            "year_from=1",
            "year_to=9",
            "year_from=1&year_to=1",
            "year_from=9990&year_to=9999",
            "year_from=9999",
            "year_from=1&year_to=9999",
            *era_filters,
            f"actor={actor.slug}&place={place.slug}&source={source.slug}",
            f"equipment={edges['equipment'][0].slug}&kind=battle",
            "q=zzz",
        ],
        "/equipment/": ["", f"designation={quote(edges['designation'].code)}", f"origin={actor.country.slug}"],
        "/transfers/": ["", "year_from=1&year_to=1", "year_from=9999", "year_to=9999", f"supplier={actor.slug}"],
        "/actors/": ["", "kind=unit", "q=zzz"],
        "/places/": ["", f"country={place.country.slug}", "q=zzz"],
        "/sources/": ["", "q=zzz"],
    }
    for path, listed in queries.items():
        for query in listed:
            for url in (path, f"{path}export.csv", f"{path}export.json"):
                yield f"{url}?{query}" if query else url


def test_every_list_and_export_renders_the_edges(client, edges):
    for url in filtered_urls(edges):
        response = client.get(url)
        content = body(response).decode()
        assert response.status_code == 200, url
        if ".json" in url:
            assert isinstance(json.loads(content), list), url
        elif ".csv" in url:
            assert list(csv.DictReader(io.StringIO(content))) is not None, url


def test_the_timeline_shows_and_exports_the_first_and_last_days(client, edges):
    text = client.get("/timeline/?year_to=9").content.decode()
    assert "1 January 1" in text and "c. 0s" in text
    text = client.get("/timeline/?year_from=9990").content.decode()
    assert "31 December 9999" in text and "9990s" in text and "December 9999" in text
    rows = list(csv.DictReader(io.StringIO(body(client.get("/timeline/export.csv?year_from=9990")).decode())))
    assert {"9999-12-31", "9990-01-01", "9999-12-01", "9999-01-01"} <= {row["date_start"] for row in rows}
    # The eras at the edges head their events, in the export as on the page.
    rows = list(csv.DictReader(io.StringIO(body(client.get("/timeline/export.csv?year_to=9")).decode())))
    assert {row["era"] for row in rows} >= {edges["eras"][2].slug}
    chart = client.get("/timeline/").context["chart"]
    assert chart.first_year == 1 and chart.last_year == 9999
    assert all(1 <= len(drawing.ticks) <= 16 for drawing in chart.drawings)


def test_every_page_of_an_entry_at_the_edges_renders(client, edges):
    entries = [
        *edges["events"],
        *edges["actors"],
        *edges["places"],
        *edges["equipment"],
        *edges["transfers"],
        *edges["sources"],
    ]
    for entry in entries:
        assert client.get(entry.get_absolute_url()).status_code == 200, entry
    response = client.get(edges["designation"].get_absolute_url())
    assert response.status_code == 200 and "2 different equipment" in response.content.decode()


def test_home_search_and_disputes_render_the_edges(client, edges):
    home = client.get("/")
    assert home.status_code == 200
    assert set(edges["eras"]) <= set(home.context["eras"])
    long_event = edges["long_event"]
    search = client.get("/search/?" + "q=" + quote(long_event.title[:100]))
    shown = re.sub(r"</?mark>", "", search.content.decode())  # (the words found are marked)
    assert search.status_code == 200 and long_event.title in shown
    assert client.get("/search/?q=zzz").status_code == 200
    disputes = client.get("/disputes/")
    assert disputes.status_code == 200
    assert any(d.target == long_event for d in disputes.context["disputes"])
    assert client.get(edges["actors"][1].get_absolute_url()).content.decode().count("0s") >= 1

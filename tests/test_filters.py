"""Filter semantics: each filter narrows to exactly the right rows, partial dates included,
and a bad value is a form error on the page and a 400 on the export."""

import csv
import datetime
import io

import pytest

from events.models import Event
from tests.conftest import (
    body,
    make_actor,
    make_citation,
    make_equipment,
    make_era,
    make_event,
    make_place,
    make_source,
    make_transfer,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def export_slugs(client, query):
    response = client.get(f"/timeline/export.csv?{query}")
    assert response.status_code == 200, body(response)
    return [row["slug"] for row in csv.DictReader(io.StringIO(body(response).decode()))]


def page_slugs(client, query):
    """The slugs the list shows for ``query``, page after page."""
    slugs, number = [], 1
    while True:
        response = client.get(f"/timeline/?{query}&page={number}")
        assert response.status_code == 200
        slugs += [e.slug for e in response.context["object_list"]]
        if not response.context["page_obj"].has_next():
            return slugs
        number += 1


@pytest.fixture
def dated(db):
    """Events in the 1860s, at every precision, far from any curated event."""
    return {
        "day": make_event(slug="t-day", date_start=D(1865, 4, 9), date_precision="day"),
        "month": make_event(slug="t-month", date_start=D(1866, 6, 1), date_precision="month"),
        "year": make_event(slug="t-year", date_start=D(1867, 1, 1), date_precision="year"),
        "decade": make_event(slug="t-decade", date_start=D(1860, 1, 1), date_precision="decade", circa=True),
        "range": make_event(slug="t-range", date_start=D(1861, 1, 1), date_end=D(1869, 1, 1), date_precision="year"),
    }


def test_year_bounds_keep_partial_dates_whose_period_overlaps(client, dated):
    # The 1860s and the range 1861–1869 overlap each of their years (DESIGN.md, "Periods and filters").
    assert export_slugs(client, "year_from=1865&year_to=1865") == ["t-decade", "t-range", "t-day"]
    assert export_slugs(client, "year_from=1866&year_to=1866") == ["t-decade", "t-range", "t-month"]
    assert export_slugs(client, "year_from=1860&year_to=1869") == ["t-decade", "t-range", "t-day", "t-month", "t-year"]
    assert export_slugs(client, "year_from=1868&year_to=1868") == ["t-decade", "t-range"]
    assert export_slugs(client, "year_from=1869&year_to=1875") == ["t-decade", "t-range"]
    assert "t-decade" not in export_slugs(client, "year_from=1870&year_to=1879")
    assert export_slugs(client, "year_from=1860&year_to=1860") == ["t-decade"]


def test_era_bounds_are_days_and_partial_dates_overlap_them(client, dated):
    make_era(slug="t-era", start=D(1866, 6, 15), end=D(1866, 12, 31))
    # June 1866 overlaps an era starting on 15 June; the 1860s and 1861–1869 overlap it too.
    assert export_slugs(client, "era=t-era") == ["t-decade", "t-range", "t-month"]


def test_korean_war_era_holds_only_events_whose_period_reaches_into_the_war(client):
    rows = export_slugs(client, "era=korean-war")
    assert "korean-war-outbreak" in rows and "korean-war-armistice" in rows
    for event in Event.objects.filter(slug__in=rows):
        first, last = event.period
        assert first <= D(1953, 7, 27) and last >= D(1950, 6, 25), event


def test_each_filter_narrows(client, dated):
    actor, equipment, source, place = make_actor(), make_equipment(), make_source(), make_place()
    target = dated["month"]
    target.summary = "The quuxmonth event."
    target.actors.add(actor)
    target.equipment.add(equipment)
    target.place = place
    target.save()
    make_citation(target, source=source)
    make_citation(target, source=source)  # two citations of one source: still one row
    for query in [
        f"actor={actor.slug}",
        f"equipment={equipment.slug}",
        f"source={source.slug}",
        f"place={place.slug}",
        "q=quuxmonth",
    ]:
        assert export_slugs(client, query) == ["t-month"], query
    target.title = "The Battle of Kusŏng Ridge"
    target.save()
    assert export_slugs(client, "q=kusong ridge") == ["t-month"]
    assert set(export_slugs(client, "kind=battle&year_from=1860&year_to=1869")) == {e.slug for e in dated.values()}


def test_place_filter_includes_places_within(client, dated):
    province = make_place()
    city = make_place(parent=province)
    dated["day"].place = city
    dated["day"].save()
    assert export_slugs(client, f"place={province.slug}") == ["t-day"]


def test_export_rows_equal_the_list_rows_in_the_same_order(client, dated):
    for query in ["", "year_from=1860&year_to=1869", "era=korean-war", "kind=battle", "q=korea"]:
        assert export_slugs(client, query) == page_slugs(client, query), query


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/timeline/?year_from=abc", "whole number"),
        ("/timeline/?era=no-such-era", "no-such-era"),
        ("/timeline/?actor=nobody", "nobody"),
        ("/timeline/?year_from=1960&year_to=1950", "after"),
        ("/timeline/?year_to=99999999999999999999", "Enter a year between 1 and 9999."),
        ("/timeline/?kind=picnic", "valid choice"),
        ("/equipment/?category=%00", "valid choice"),
        ("/equipment/?designation=ZZ9999", "ZZ9999"),
        ("/transfers/?status=rumoured", "valid choice"),
        ("/transfers/?year_from=-5", "Enter a year between 1 and 9999."),
        ("/actors/?kind=alien", "valid choice"),
        ("/places/?country=atlantis", "atlantis"),
        ("/sources/?q=%00", "Null characters"),
    ],
)
def test_bad_values_are_form_errors_on_pages_and_400_on_exports(client, url, message):
    page = client.get(url)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert "cannot be used" in page.content.decode()
    path, query = url.split("?")
    export = client.get(f"{path}export.csv?{query}")
    assert export.status_code == 400
    assert message in export.content.decode()
    assert client.get(f"{path}export.json?{query}").status_code == 400


def test_unknown_and_repeated_parameters_do_no_harm(client):
    assert client.get("/timeline/?xyz=1").status_code == 200
    assert client.get("/timeline/?kind=battle&kind=treaty").status_code == 200
    assert client.get("/timeline/?page=abc").status_code == 200
    assert client.get("/timeline/?page=99999").status_code == 200


def test_filters_survive_paging(client):
    for i in range(105):
        make_event(date_start=D(1870, 1 + i % 12, 1 + i % 28), kind="incident")
    response = client.get("/timeline/?kind=incident&year_from=1870&year_to=1870")
    assert response.context["page_obj"].paginator.count == 105
    text = response.content.decode()
    assert 'href="?kind=incident&amp;year_from=1870&amp;year_to=1870&amp;page=2"' in text
    last = client.get("/timeline/?kind=incident&year_from=1870&year_to=1870&page=3")
    assert len(last.context["object_list"]) == 5  # 50 a page
    second = client.get("/timeline/?kind=incident&year_from=1870&year_to=1870&page=2")
    assert 'href="/timeline/export.csv?kind=incident&amp;year_from=1870&amp;year_to=1870"' in second.content.decode()


def equipment_names(client, query):
    rows = csv.DictReader(io.StringIO(body(client.get(f"/equipment/export.csv?{query}")).decode()))
    return [row["name"] for row in rows]


def test_equipment_filters(client):
    parent = make_equipment(name="Parent tank", category="main_battle_tank")
    child = make_equipment(name="Child gun", category="self_propelled_gun", based_on=parent)
    assert equipment_names(client, f"based_on={parent.slug}") == ["Child gun"]
    assert equipment_names(client, "designation=m1978") == ["Koksan (M1978)"]
    assert child.name not in equipment_names(client, "category=main_battle_tank")
    assert parent.name in equipment_names(client, "category=main_battle_tank")
    from_north_korea = equipment_names(client, "origin=north-korea")
    assert "Koksan (M1978)" in from_north_korea and "Type 59" not in from_north_korea


def test_transfer_year_filters_use_order_and_delivery_years(client):
    supplier, recipient = make_actor(), make_actor()
    make_transfer(
        slug="t-1966", supplier=supplier, recipient=recipient, order_year=1966, delivery_start=1967, delivery_end=1974
    )
    make_transfer(slug="t-1980", supplier=supplier, recipient=recipient, delivery_start=1980)

    def slugs(query):
        rows = csv.DictReader(
            io.StringIO(body(client.get(f"/transfers/export.csv?supplier={supplier.slug}&{query}")).decode())
        )
        return sorted(r["url"].rstrip("/").rsplit("/", 1)[1] for r in rows)

    assert slugs("year_from=1970&year_to=1970") == ["t-1966"]
    assert slugs("year_from=1975") == ["t-1980"]
    assert slugs("year_to=1966") == ["t-1966"]
    assert slugs(f"recipient={recipient.slug}&status=delivered") == ["t-1966", "t-1980"]


LONG = "a" * 100_000


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"/designations/{LONG}/", 404),
        (f"/equipment/?designation={LONG}", 400),
        (f"/equipment/export.csv?designation={LONG}", 400),
        (f"/timeline/?actor={LONG}", 400),
        (f"/timeline/export.json?era={LONG}", 400),
        (f"/transfers/?supplier={LONG}", 400),
        (f"/equipment/?origin={LONG}", 400),
        (f"/events/{LONG}/", 404),
        (f"/sources/{LONG}/", 404),
        (f"/equipment/{LONG}/", 404),
        (f"/search/?q={LONG}", 400),
        (f"/timeline/?q={LONG}", 400),
    ],
)
def test_values_longer_than_any_entry_holds_are_refused_before_the_database(client, url, status):
    """SQLite fails on a LIKE pattern over 50,000 characters; no query may even see one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        body(response)
    assert response.status_code == status
    assert not [q["sql"][:200] for q in captured if "a" * 1000 in q["sql"]]


def test_a_slug_longer_than_any_is_refused_with_a_message(client):
    response = client.get(f"/timeline/export.csv?actor={LONG}")
    assert response.status_code == 400
    assert "a slug has at most 100 characters" in body(response).decode()


def test_places_filter_by_words_and_country(client):
    state, other = make_actor(kind="state"), make_actor(kind="state")
    ridge = make_place(name="Zyxwv Ridge", country=state)
    make_place(name="Zyxwv Valley", country=other)
    make_place(name="Elsewhere", country=state)
    response = client.get(f"/places/?q=zyxwv&country={state.slug}")
    assert response.status_code == 200
    assert [p.slug for p in response.context["object_list"]] == [ridge.slug]
    assert f'<option value="{state.slug}" selected>' in response.content.decode()
    rows = csv.DictReader(io.StringIO(body(client.get(f"/places/export.csv?q=zyxwv&country={state.slug}")).decode()))
    assert [row["slug"] for row in rows] == [ridge.slug]


def test_places_are_paged(client):
    for number in range(60):
        make_place(name=f"Zyxwv paged {number:02}")
    first = client.get("/places/?q=zyxwv+paged")
    second = client.get("/places/?q=zyxwv+paged&page=2")
    assert first.context["page_obj"].paginator.count == 60
    assert [p.name for p in first.context["object_list"]] == [f"Zyxwv paged {n:02}" for n in range(50)]
    assert [p.name for p in second.context["object_list"]] == [f"Zyxwv paged {n:02}" for n in range(50, 60)]
    assert 'rel="next"' in first.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/timeline/?year_from=0&year_from=1950",
        "/timeline/?year_to=1950&year_to=10000",
        "/transfers/?year_from=1950&year_from=1951",
    ],
)
def test_a_year_given_twice_is_an_error_not_a_silent_choice(client, url):
    page = client.get(url)
    assert page.status_code == 400
    assert "Give one year, not several." in page.content.decode()
    path, query = url.split("?")
    for fmt in ("csv", "json"):
        export = client.get(f"{path}export.{fmt}?{query}")
        assert export.status_code == 400
        assert "Give one year, not several." in export.content.decode()


# Repeated parameters and sort (DESIGN.md): OR within a parameter, AND across, on pages and
# exports alike; an unknown sort is a form error and a 400.
REPEATED = [
    ("/timeline/", "actor", ["chinese-peoples-volunteer-army", "us-army"], "kind", "battle"),
    ("/timeline/", "era", ["korean-war", "war-in-ukraine"], "kind", "battle"),
    ("/timeline/", "kind", ["battle", "treaty"], "era", "korean-war"),
    ("/timeline/", "place", ["seoul", "pyongyang"], None, None),
    ("/equipment/", "category", ["gun", "self_propelled_gun"], None, None),
    ("/transfers/", "status", ["delivered", "reported"], None, None),
    ("/actors/", "kind", ["state", "person"], None, None),
    ("/citations/", "kind", ["era", "designation"], None, None),
    ("/sources/", "kind", ["article", "blog"], None, None),
]


@pytest.mark.parametrize(("path", "name", "values", "other", "other_value"), REPEATED)
def test_a_repeated_parameter_means_either(client, path, name, values, other, other_value):
    def rows(query):
        response = client.get(f"{path}export.csv?{query}")
        assert response.status_code == 200, query
        return [row["id"] for row in csv.DictReader(io.StringIO(body(response).decode()))]

    extra = f"&{other}={other_value}" if other else ""
    each = [set(rows(f"{name}={value}{extra}")) for value in values]
    both = rows("&".join(f"{name}={value}" for value in values) + extra)
    assert all(each) and set(both) == set.union(*each) and len(both) == len(set(both))
    assert len(both) > max(len(found) for found in each)  # either, not the last one only
    # The page lists the same rows, and keeps both values in its form.
    page = client.get(f"{path}?" + "&".join(f"{name}={value}" for value in values) + extra)
    assert page.status_code == 200 and page.context["paginator"].count == len(both)
    html = page.content.decode()
    assert f'name="{name}" value="{values[1]}" checked' in html  # the second value, as a ticked box


SORTS = [
    ("/timeline/", "title", "title", lambda rows: [r["title"] for r in rows], None),
    ("/timeline/", "-date", "date_start", None, True),
    ("/equipment/", "caliber_mm", "caliber_mm", None, False),
    ("/equipment/", "-caliber_mm", "caliber_mm", None, True),
    ("/equipment/", "-first_observed", "first_observed", None, True),
    ("/transfers/", "-quantity", "quantity_high", None, True),
    ("/transfers/", "-year", "delivery_start", None, True),
]


@pytest.mark.parametrize(("path", "sort", "column", "key", "descending"), SORTS)
def test_sort_orders_pages_and_exports_alike_with_blanks_last(client, path, sort, column, key, descending):
    response = client.get(f"{path}export.csv?sort={sort}")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(body(response).decode())))
    values = [row[column] for row in rows]
    if key is not None:
        from common.folding import fold

        titles = key(rows)
        assert [fold(t) for t in titles] == sorted(fold(t) for t in titles)
    else:
        filled = [float(v) if column != "date_start" else v for v in values if v != ""]
        assert filled == sorted(filled, reverse=descending)
        assert values[len(filled) :] == [""] * (len(values) - len(filled))  # blanks last, on both databases
    page = client.get(f"{path}?sort={sort}")
    assert [str(e.pk) for e in page.context["object_list"]] == [row["id"] for row in rows][:50]


@pytest.mark.parametrize("path", ["/timeline/", "/equipment/", "/transfers/"])
def test_an_unknown_sort_is_a_form_error_and_a_400(client, path):
    page = client.get(f"{path}?sort=up")
    assert page.status_code == 400 and "Select a valid choice" in page.content.decode()
    export = client.get(f"{path}export.csv?sort=up")
    assert export.status_code == 400 and "sort:" in export.content.decode()


def test_the_timeline_sorted_by_title_drops_the_headings_of_time(client):
    html = client.get("/timeline/?sort=title").content.decode()
    assert "era-years" not in html and "year-heading" not in html
    assert "year-heading" in client.get("/timeline/?sort=-date").content.decode()

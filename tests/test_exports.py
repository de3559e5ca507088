"""CSV and JSON exports: exact columns, parseable, safe in spreadsheets, streamed, bounded."""

import csv
import datetime
import io
import json

import pytest

from common.exports import csv_cell
from events.models import Event
from tests.conftest import (
    body,
    make_actor,
    make_citation,
    make_equipment,
    make_event,
    make_place,
    make_rich_events,
    make_transfer,
)

pytestmark = pytest.mark.django_db

COLUMNS = {
    "timeline": "id,slug,title,date_start,date_end,date_precision,date_end_precision,circa,date_edtf,date_display,era,kind,place,actors,equipment,summary,sources,url",  # noqa: E501
    "equipment": "id,slug,name,category,designations,origin,producer,based_on,caliber_mm,weight_t,crew,range_km,first_observed,first_observed_qualifier,summary,sources,url",  # noqa: E501
    "transfers": "id,supplier,recipient,equipment,quantity_low,quantity_high,quantity_display,order_year,delivery_start,delivery_end,status,comments,sources,url",  # noqa: E501
    "actors": "id,slug,name,kind,aliases,start,end,parent,country,summary,sources,url",
    "sources": "id,slug,title,kind,publisher,authors,published,reliability,url,citations",
    "places": "id,slug,name,aliases,country,latitude,longitude,sources,url",
    "citations": "id,entry_kind,entry,entry_name,attribute,value,source,quote,locator,via,checked,entry_url",
    "disputes": "entry_kind,entry,entry_name,attribute,value,sources,entry_url",
}


def csv_rows(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))


@pytest.mark.parametrize("table", sorted(COLUMNS))
def test_csv_and_json_have_exactly_the_columns_and_the_same_rows(client, table):
    make_transfer(item="shells", quantity_low=1, quantity_high=2)
    response = client.get(f"/{table}/export.csv")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{table}-' in response["Content-Disposition"] and '.csv"' in response["Content-Disposition"]
    text = body(response).decode("utf-8")
    assert not text.startswith("\ufeff")
    assert text.splitlines()[0] == COLUMNS[table]
    rows = list(csv.DictReader(io.StringIO(text)))
    data = json.loads(body(client.get(f"/{table}/export.json")))
    assert isinstance(data, list) and len(data) == len(rows) > 0
    assert list(data[0]) == COLUMNS[table].split(",")
    key = "id" if "id" in data[0] else "entry"  # (a dispute's rows are its values)
    assert [str(item[key]) for item in data] == [row[key] for row in rows]


@pytest.mark.parametrize("table", sorted(COLUMNS))
def test_bom_only_when_asked(client, table):
    assert body(client.get(f"/{table}/export.csv?bom=1")).startswith(b"\xef\xbb\xbf")
    assert not body(client.get(f"/{table}/export.csv")).startswith(b"\xef\xbb\xbf")
    assert not body(client.get(f"/{table}/export.csv?bom=0")).startswith(b"\xef\xbb\xbf")


def test_event_row_values(client):
    [event] = make_rich_events(1, year=1877)
    event.title, event.summary = "A test battle", "Fought, with “quotes”; and commas"
    event.save()
    [row] = csv_rows(client, "/timeline/export.csv?year_from=1877&year_to=1877")
    assert row["date_start"] == "1877-01-01" and row["date_end"] == ""
    assert row["date_precision"] == "day" and row["date_display"] == "1 January 1877"
    assert row["summary"] == "Fought, with “quotes”; and commas"
    assert row["actors"] == event.actors.get().name
    assert row["url"] == f"http://testserver/events/{event.slug}/"
    [item] = json.loads(body(client.get("/timeline/export.json?year_from=1877&year_to=1877")))
    assert item["actors"] == [event.actors.get().name] and item["id"] == event.pk
    assert item["sources"] == [event.citations.get().source.slug]


def test_place_row_values(client):
    state = make_actor(name="Testland", kind="state")
    place = make_place(
        name="Zyxwv Ridge", aliases="Zyxwv-san\nRidge 1211", country=state, latitude="38.32750", longitude="127.5"
    )
    source = make_citation(place).source
    [row] = csv_rows(client, f"/places/export.csv?q=zyxwv&country={state.slug}")
    assert row == {
        "id": str(place.pk),
        "slug": place.slug,
        "name": "Zyxwv Ridge",
        "aliases": "Zyxwv-san; Ridge 1211",
        "country": "Testland",
        "latitude": "38.3275",
        "longitude": "127.5",
        "sources": source.slug,
        "url": f"http://testserver/places/{place.slug}/",
    }
    [item] = json.loads(body(client.get(f"/places/export.json?q=zyxwv&country={state.slug}")))
    assert item["aliases"] == ["Zyxwv-san", "Ridge 1211"] and item["sources"] == [source.slug]
    assert item["latitude"] == 38.3275 and item["longitude"] == 127.5 and item["country"] == "Testland"


def test_multi_valued_cells_are_joined_and_sorted(client):
    event = make_event(slug="t-multi", title="Zyxwv multi")
    for name in ["Zeta", "Alpha", "Mu"]:
        event.equipment.add(make_equipment(name=name))
    make_citation(event)
    [row] = csv_rows(client, "/timeline/export.csv?q=zyxwv")
    assert row["equipment"] == "Alpha; Mu; Zeta"
    [item] = json.loads(body(client.get("/timeline/export.json?q=zyxwv")))
    assert item["equipment"] == ["Alpha", "Mu", "Zeta"]


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r", "\n", "\0"])
def test_formula_prefixes_are_neutralized(prefix):
    assert csv_cell(f"{prefix}HYPERLINK(1)") == f"'{prefix}HYPERLINK(1)"


def test_numbers_stay_numbers():
    from decimal import Decimal

    assert csv_cell(-5) == "-5"
    assert csv_cell(Decimal("170.0")) == "170"
    assert csv_cell(Decimal("40.50")) == "40.5"
    assert csv_cell(None) == ""


def test_formula_injection_in_exported_rows(client):
    event = make_event(title='=HYPERLINK("http://evil.example","x")', summary="@SUM(A1)", slug="t-formula")
    make_citation(event)
    text = body(client.get("/timeline/export.csv?q=hyperlink")).decode()
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["title"].startswith("'=") and row["summary"] == "'@SUM(A1)"
    [item] = json.loads(body(client.get("/timeline/export.json?q=hyperlink")))
    assert item["title"].startswith("=HYPERLINK")  # JSON keeps the data as it is


EXPORT_BUDGETS = {
    # eras, events, and one query per multi-valued column (actors, equipment, sources)
    "/timeline/export.csv": 5,
    # equipment, designations, sources
    "/equipment/export.csv": 3,
    # transfers, sources
    "/transfers/export.csv": 2,
    # actors, sources
    "/actors/export.csv": 2,
    "/sources/export.csv": 1,
    # places, sources
    "/places/export.csv": 2,
    # citations, with their source, relay and entry joined
    "/citations/export.csv": 1,
    # the pairs with more than one value, their values, the disputes' citations
    "/disputes/export.csv": 3,
}


@pytest.mark.parametrize("url", sorted(EXPORT_BUDGETS))
def test_export_query_count_is_fixed_for_one_and_many_rows(client, url, django_assert_num_queries):
    def download(query):
        response = client.get(url + query)
        assert response.status_code == 200
        body(response)

    with django_assert_num_queries(EXPORT_BUDGETS[url]):
        download("?q=zzqxnothing")
    make_rich_events(40)
    for _ in range(10):
        make_transfer(equipment=make_equipment())
    with django_assert_num_queries(EXPORT_BUDGETS[url]):
        download("")


def test_export_is_streamed_in_batches(client):
    """Rows reach the client a batch at a time, never all at once (constant memory)."""
    from common.exports import BATCH_SIZE

    Event.objects.bulk_create(
        Event(title=f"Filler {i}", slug=f"filler-{i:05d}", date_start=datetime.date(1970, 1, 1), kind="other")
        for i in range(2 * BATCH_SIZE + 100)
    )
    rows = Event.objects.count()
    chunks = list(client.get("/timeline/export.csv").streaming_content)
    lines = [chunk.count(b"\r\n") for chunk in chunks]
    assert lines[0] == 1  # the header comes first, before any row is read
    assert lines[1:] == [BATCH_SIZE] * (rows // BATCH_SIZE) + [rows % BATCH_SIZE]
    assert len(csv_rows(client, "/timeline/export.csv")) == rows


def test_unknown_export_format_is_404(client):
    assert client.get("/timeline/export.xml").status_code == 404


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/timeline/export.csv?era=korean-war", "timeline-era-korean-war"),
        ("/timeline/export.json?kind=battle&q=Seoul+1950&page=2", "timeline-q-seoul-1950-kind-battle"),
        ("/equipment/export.csv?category=towed_gun&bom=1", "equipment-category-towed_gun"),
        ("/transfers/export.csv?year_from=2023&year_to=2024", "transfers-year_from-2023-year_to-2024"),
        ("/transfers/export.json?sort=-quantity", "transfers-sort-desc-quantity"),
        ("/timeline/export.csv?kind=battle&kind=treaty", "timeline-kind-battle-treaty"),
        ("/citations/export.csv", "citations"),
    ],
)
def test_a_download_is_named_for_what_was_filtered(client, url, name):
    response = client.get(url)
    today = datetime.date.today().isoformat()
    assert (
        response["Content-Disposition"] == f'attachment; filename="{name}-{today}.{url.split("?")[0][-4:].lstrip(".")}"'
    )


def test_a_long_filter_makes_a_name_cut_at_a_word(client):
    response = client.get("/timeline/export.csv?q=" + "+".join(["word"] * 35))
    filename = response["Content-Disposition"].split('"')[1]
    stem = filename.rsplit("-", 3)[0]
    assert len(stem) <= 120 and stem.endswith("-word") and stem.startswith("timeline-q-word")

"""The citations list and its exports: every quote, filtered as researchers need."""

import csv
import io

import pytest

from tests.conftest import body, make_citation, make_equipment, make_event, make_source

pytestmark = pytest.mark.django_db


def rows(client, query):
    response = client.get(f"/citations/export.csv?{query}")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(body(response).decode())))


def test_citations_filter_by_kind_entry_source_attribute_and_checked(client):
    archived = make_source(slug="archived-source", text="The gun fires 170 mm shells.")
    outlet = make_source(slug="outlet-without-text", text="")
    gun = make_equipment(slug="test-gun", name="Test gun")
    event = make_event(slug="test-firing")
    checked = make_citation(gun, source=archived, quote="170 mm", attribute="caliber_mm", value="170")
    unchecked = make_citation(event, source=outlet, quote="Words nobody can check")

    assert [r["id"] for r in rows(client, "entry=test-gun")] == [str(checked.pk)]
    assert [r["id"] for r in rows(client, "source=outlet-without-text")] == [str(unchecked.pk)]
    assert {r["entry_kind"] for r in rows(client, "kind=equipment")} == {"equipment"}
    assert [r["id"] for r in rows(client, "entry=test-gun&attribute=caliber_mm")] == [str(checked.pk)]
    [row] = rows(client, "entry=test-firing")
    assert row["checked"] == "false" and row["entry_url"].endswith("/events/test-firing/")
    assert str(unchecked.pk) in {r["id"] for r in rows(client, "checked=no")}
    assert str(unchecked.pk) not in {r["id"] for r in rows(client, "checked=yes")}
    [row] = rows(client, "entry=test-gun")
    assert (row["entry_name"], row["attribute"], row["value"], row["checked"]) == (
        "Test gun",
        "caliber_mm",
        "170",
        "true",
    )


def test_the_citations_page_names_readings_and_unchecked_quotes(client):
    outlet = make_source(text="")
    entry = make_equipment(name="Read gun")
    make_citation(
        entry,
        source=make_source(text="the tank of the division"),
        quote="the tank",
        attribute="category",
        value="medium tank",
        reading=True,
        note="The text calls it a tank; its weight makes it a medium tank.",
    )
    make_citation(entry, source=outlet, quote="Words nobody can check")
    text = client.get("/citations/", {"entry": entry.slug}).content.decode()
    assert "Editor’s reading: The text calls it a tank" in text
    assert "not checked" in text


def test_an_unknown_entry_is_a_400_that_says_so(client):
    response = client.get("/citations/export.csv?entry=no-such-entry")
    assert response.status_code == 400 and "There is no entry “no-such-entry”" in response.content.decode()

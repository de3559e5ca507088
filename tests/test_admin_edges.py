"""The admin takes entries at every edge of time and refuses what lies beyond, with a
message that says why: dates on 1 January of year 1 and 31 December 9999 at every
precision, transfer years, first-observed years."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from equipment.models import Equipment, Transfer
from events.models import Event
from tests.conftest import make_actor, make_source, unique
from tests.test_edge_entries import EDGE_DATES

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(User.objects.create_superuser("edge-editor", password="a-long-test-password"))
    return client


def citations_inline(source, quote_text):
    return {
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
        "citations-0-source": str(source.pk),
        "citations-0-quote": quote_text,
        "citations-0-locator": "",
        "citations-0-attribute": "",
        "citations-0-value": "",
        "citations-0-via": "",
    }


def add_event(client, date_start, precision, date_end=""):
    source = make_source(text="The quick brown fox")
    data = {
        "title": "An edge of time",
        "slug": unique("edge-of-time"),
        "kind": "other",
        "summary": "",
        "date_start": date_start,
        "date_end": date_end,
        "date_precision": precision,
        "place": "",
        **citations_inline(source, "quick brown fox"),
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
    }
    return client.post(reverse("admin:events_event_add"), data), data["slug"]


@pytest.mark.parametrize(("precision", "first", "last"), EDGE_DATES)
def test_the_admin_accepts_the_first_and_last_day_of_each_precision(client, editor_client, precision, first, last):
    for value in (first, last):
        response, slug = add_event(editor_client, f"{value.year:04}-{value.month:02}-{value.day:02}", precision)
        assert response.status_code == 302, response.context["errors"] if response.context else response
        assert client.get(Event.objects.get(slug=slug).get_absolute_url()).status_code == 200
    assert client.get("/timeline/").status_code == 200


@pytest.mark.parametrize(
    ("date_start", "precision", "message"),
    [
        ("10000-01-01", "day", "Enter a valid date."),
        ("0000-12-31", "day", "Enter a valid date."),
        ("0005-01-01", "decade", "stored as the first day of its decade (0001-01-01)"),
        ("9995-01-01", "decade", "stored as the first day of its decade (9990-01-01)"),
    ],
)
def test_the_admin_refuses_dates_beyond_with_a_message(editor_client, date_start, precision, message):
    response, slug = add_event(editor_client, date_start, precision)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.filter(slug=slug).exists()


def transfer_post(**years):
    supplier, recipient, source = make_actor(), make_actor(), make_source(text="The quick brown fox")
    return {
        "slug": unique("edge-transfer"),
        "supplier": str(supplier.pk),
        "recipient": str(recipient.pk),
        "equipment": "",
        "item": "shells",
        "status": "delivered",
        "quantity_low": "",
        "quantity_high": "",
        "quantity_wording": "",
        "order_year": "",
        "delivery_start": "",
        "delivery_end": "",
        "comments": "",
        **years,
        **citations_inline(source, "quick brown fox"),
    }


@pytest.mark.parametrize("years", [{"order_year": "1", "delivery_start": "1"}, {"delivery_end": "9999"}])
def test_the_admin_accepts_transfer_years_at_the_edges(client, editor_client, years):
    data = transfer_post(**years)
    response = editor_client.post(reverse("admin:equipment_transfer_add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert client.get(Transfer.objects.get(slug=data["slug"]).get_absolute_url()).status_code == 200


@pytest.mark.parametrize("years", [{"order_year": "0"}, {"delivery_start": "10000"}, {"delivery_end": "32767"}])
def test_the_admin_refuses_transfer_years_beyond_with_a_message(editor_client, years):
    data = transfer_post(**years)
    response = editor_client.post(reverse("admin:equipment_transfer_add"), data)
    assert response.status_code == 200
    assert "Enter a year between 1 and 9999." in response.content.decode()
    assert not Transfer.objects.filter(slug=data["slug"]).exists()


@pytest.mark.parametrize("year", [1799, 2101, 32767])
def test_a_first_observed_year_beyond_its_range_is_refused_with_a_message(year):
    from django.core.exceptions import ValidationError

    equipment = Equipment(name="Too early", slug=unique("too-early"), category="other", first_observed=year)
    with pytest.raises(ValidationError) as refused:
        equipment.full_clean()
    assert refused.value.messages == ["The year first observed must lie between 1800 and 2100."]

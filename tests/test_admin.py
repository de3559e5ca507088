"""The editors' workplace: only sourced entries, checked quotes, roles, history and revert."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from events.models import Event
from sources.models import Citation, Source
from sources.quotes import in_text
from tests.conftest import make_citation, make_event, make_source
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

SOURCE_TEXT = (
    "In 1968 there was another attempted infiltration by Unit 124 in the south. "
    "Kim Il-sung’s “Chuch’e” ideology grew in the 1960s."
)


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.fixture
def superuser(client):
    user = User.objects.create_superuser("boss", password="a-long-test-password")
    client.force_login(user)
    return user


def inline(prefix, forms, initial=0):
    """POST data of an admin inline formset."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(forms)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, form in enumerate(forms):
        for key, value in form.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def event_post(source, quote, **fields):
    data = {
        "title": "Unit 124 lands on the east coast",
        "slug": "unit-124-test-landing",
        "kind": "incident",
        "summary": "",
        "date_start": "1968-01-01",
        "date_end": "",
        "date_precision": "year",
        "place": "",
        **fields,
    }
    citation = {"source": str(source.pk), "quote": quote, "locator": "¶1", "attribute": "", "value": "", "via": ""}
    data.update(inline("citations", [citation] if quote is not None else []))
    data.update(inline("images", []))
    return data


def add_event(client, source, quote, **fields):
    return client.post(reverse("admin:events_event_add"), event_post(source, quote, **fields))


def change_form(client, entry):
    """The admin address of ``entry`` and what its change form posts when left as it is."""
    opts = entry._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
    page = client.get(url)
    assert page.status_code == 200
    return url, form_data(page.content.decode(), f"{opts.model_name}_form")


ADMIN_URLS = [
    "admin:index",
    "admin:events_event_changelist",
    "admin:events_event_add",
    "admin:events_actor_changelist",
    "admin:events_place_changelist",
    "admin:events_era_changelist",
    "admin:equipment_equipment_changelist",
    "admin:equipment_designation_changelist",
    "admin:equipment_transfer_changelist",
    "admin:equipment_image_changelist",
    "admin:sources_source_changelist",
    "admin:sources_citation_changelist",
]


@pytest.mark.parametrize("name", ADMIN_URLS)
def test_anonymous_users_are_sent_to_the_login_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("name", ADMIN_URLS)
def test_editors_can_open_every_admin_page(client, editor, name):
    assert client.get(reverse(name)).status_code == 200


def test_change_pages_open_for_curated_entries(client, editor):
    for model, slug in [("event", "korean-war-outbreak"), ("actor", "kim-il-sung"), ("place", "kusong")]:
        entry = __import__("events.models", fromlist=["x"]).__dict__[model.capitalize()].objects.get(slug=slug)
        assert client.get(reverse(f"admin:events_{model}_change", args=[entry.pk])).status_code == 200
    equipment = __import__("equipment.models", fromlist=["x"]).Equipment.objects.get(slug="koksan")
    assert client.get(reverse("admin:equipment_equipment_change", args=[equipment.pk])).status_code == 200


def test_editor_adds_an_event_with_a_citation_and_it_is_public(client, editor):
    source = make_source(text=SOURCE_TEXT)
    response = add_event(client, source, "another attempted infiltration by Unit 124 in the south")
    assert response.status_code == 302, response.context["errors"] if response.context else response
    event = Event.objects.get(slug="unit-124-test-landing")
    assert event.citations.get().source == source
    page = client.get("/events/unit-124-test-landing/").content.decode()
    assert "another attempted infiltration by Unit 124 in the south" in page
    assert "Last changed on" in page and "by editor" in page
    assert "unit-124-test-landing" in client.get("/timeline/?year_from=1968&year_to=1968").content.decode()


def test_an_event_without_a_citation_is_refused_and_nothing_is_saved(client, editor):
    response = add_event(client, make_source(text=SOURCE_TEXT), None)
    assert response.status_code == 200
    assert "Every entry must cite at least one source" in response.content.decode()
    assert not Event.objects.filter(slug="unit-124-test-landing").exists()


def test_removing_the_last_citation_of_an_entry_is_refused(client, superuser):
    event = make_event(title="Cited once", slug="cited-once", date_precision="day")
    citation = make_citation(event, source=make_source(text=SOURCE_TEXT), quote="Unit 124")
    url, data = change_form(client, event)
    assert data["citations-0-id"] == [str(citation.pk)]
    data["citations-0-DELETE"] = ["on"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Every entry must cite at least one source" in response.content.decode()
    assert Citation.objects.filter(pk=citation.pk).exists()


@pytest.mark.parametrize(
    "quote",
    [
        "another attempted infiltration by Unit 124 in the south",  # verbatim
        "another   attempted infiltration\nby Unit 124   in the south",  # whitespace differs
        "Kim Il-sung's \"Chuch'e\" ideology grew",  # straight quotes for curly ones
    ],
)
def test_quote_checking_accepts_verbatim_quotes(client, editor, quote):
    response = add_event(client, make_source(text=SOURCE_TEXT), quote)
    assert response.status_code == 302
    event = Event.objects.get(slug="unit-124-test-landing")
    # What is stored is the source's own words, so that every later check passes too.
    stored = event.citations.get().quote
    assert in_text(stored, SOURCE_TEXT)
    call_command("check_citations", stdout=io.StringIO())


def test_a_quote_with_straight_quote_marks_is_stored_with_the_sources_curly_ones(client, editor):
    add_event(client, make_source(text=SOURCE_TEXT), "Kim Il-sung's \"Chuch'e\" ideology grew")
    stored = Event.objects.get(slug="unit-124-test-landing").citations.get().quote
    assert stored == "Kim Il-sung’s “Chuch’e” ideology grew"


def test_quote_checking_refuses_an_altered_quote_and_shows_the_closest_passage(client, editor):
    response = add_event(client, make_source(text=SOURCE_TEXT, title="Doc"), "another failed infiltration by Unit 124")
    text = response.content.decode()
    assert response.status_code == 200
    assert "This quote is not in the archived text of “Doc”" in text
    assert "The closest passage is: “" in text and "attempted infiltration by Unit 124" in text
    assert not Event.objects.filter(slug="unit-124-test-landing").exists()


def test_an_overlong_quote_is_refused_at_once_with_the_limit(client, editor):
    source = make_source(text=SOURCE_TEXT * 2000)  # an archived text of about 300 KB
    response = add_event(client, source, ("another failed infiltration " * 4000).strip())
    text = response.content.decode()
    assert response.status_code == 200
    assert "A quote may be at most 2,000 characters (this one has 111,999)" in text
    assert not Event.objects.filter(slug="unit-124-test-landing").exists()


def test_a_long_misquote_is_shown_the_passage_it_nearly_matches(client, editor):
    passage = " ".join(f"Paragraph {i} tells of brigade {i} and its {i * 3} tanks." for i in range(400))
    wrong = passage[9000:10900].replace("tanks", "guns")
    response = add_event(client, make_source(text=passage, title="Long"), wrong)
    text = response.content.decode()
    assert "This quote is not in the archived text of “Long”" in text
    shown = text.split("The closest passage is: “", 1)[1]
    assert passage[9100:9300] in shown


def test_a_source_without_archived_text_accepts_the_quote_marked_unverified(client, editor):
    response = add_event(client, make_source(text=""), "Words nobody can check")
    assert response.status_code == 302
    page = client.get("/events/unit-124-test-landing/").content.decode()
    assert "unverified quote" in page


def test_editors_cannot_delete(client, editor):
    event = Event.objects.get(slug="korean-war-outbreak")
    assert client.get(reverse("admin:events_event_delete", args=[event.pk])).status_code == 403
    assert client.post(reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    response = client.post(
        reverse("admin:events_event_changelist"), {"action": "delete_selected", "_selected_action": [event.pk]}
    )
    assert Event.objects.filter(pk=event.pk).exists()
    assert response.status_code in (200, 302)


def test_a_cited_source_cannot_be_deleted_even_by_a_superuser(client, superuser):
    source = Source.objects.get(slug="dprk-cold-war")
    response = client.get(reverse("admin:sources_source_delete", args=[source.pk]))
    text = response.content.decode()
    assert "Cannot delete source" in text
    assert "would require deleting the following protected related objects" in text
    client.post(reverse("admin:sources_source_delete", args=[source.pk]), {"post": "yes"})
    assert Source.objects.filter(pk=source.pk).exists()


def test_superusers_can_delete_an_uncited_source(client, superuser):
    source = make_source()
    response = client.post(reverse("admin:sources_source_delete", args=[source.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Source.objects.filter(pk=source.pk).exists()


def test_the_last_citation_of_an_entry_cannot_be_deleted_on_its_own(client, superuser):
    event = make_event()
    only = make_citation(event)
    client.post(reverse("admin:sources_citation_delete", args=[only.pk]), {"post": "yes"})
    assert Citation.objects.filter(pk=only.pk).exists()
    second = make_citation(event)
    client.post(reverse("admin:sources_citation_delete", args=[second.pk]), {"post": "yes"})
    assert not Citation.objects.filter(pk=second.pk).exists()


def test_history_records_an_edit_shows_the_difference_and_reverts_it(client, editor):
    source = make_source(text=SOURCE_TEXT)
    add_event(client, source, "Unit 124")
    event = Event.objects.get(slug="unit-124-test-landing")
    url, change = change_form(client, event)
    change.update(title=["Unit 124 lands in eight places"], summary=["Edited."])
    response = client.post(url, change)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Unit 124 lands in eight places"

    history = client.get(reverse("admin:events_event_history", args=[event.pk])).content.decode()
    assert "Unit 124 lands on the east coast" in history and "Unit 124 lands in eight places" in history
    assert "editor" in history

    first = event.history.order_by("history_date").first()
    revert_url = reverse("admin:events_event_simple_history", args=[event.pk, first.history_id])
    page = client.get(revert_url)
    assert page.status_code == 200
    response = client.post(revert_url, form_data(page.content.decode(), "historicalevent_form"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Unit 124 lands on the east coast" and event.summary == ""
    assert event.history.count() == 3


def test_admin_csv_action_exports_the_selected_rows_with_the_public_columns(client, editor):
    import csv
    import io

    from tests.conftest import body

    events = Event.objects.filter(slug__in=["korean-war-outbreak", "korean-war-armistice"])
    response = client.post(
        reverse("admin:events_event_changelist"),
        {"action": "export_selected_as_csv", "_selected_action": [e.pk for e in events]},
    )
    assert response.status_code == 200
    text = body(response).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["slug"] for r in rows] == ["korean-war-outbreak", "korean-war-armistice"]
    public = body(client.get("/timeline/export.csv")).decode().splitlines()[0]
    assert text.splitlines()[0] == public


def test_public_pages_link_editors_to_the_entry_in_the_admin(client, editor):
    event = Event.objects.get(slug="korean-war-outbreak")
    text = client.get(event.get_absolute_url()).content.decode()
    assert reverse("admin:events_event_change", args=[event.pk]) in text
    client.logout()
    assert "editors’ workplace</a></p>" not in client.get(event.get_absolute_url()).content.decode().split("<footer")[0]


def test_a_designation_added_beside_its_equipment_brings_one_citation(client, superuser):
    from equipment.models import Designation, Equipment

    source = make_source(text="The vehicle was designated M2077 by the US DoD.")
    equipment = Equipment.objects.get(slug="koksan")
    url, data = change_form(client, equipment)
    new = int(data["designations-TOTAL_FORMS"][0])
    data["designations-TOTAL_FORMS"] = [str(new + 1)]
    added = {
        "code": "M2077",
        "scheme": "us_dod",
        "note": "",
        "cite_source": source.pk,
        "cite_quote": "designated M2077 by the US DoD",
        "cite_locator": "¶1",
        "equipment": equipment.pk,
    }
    data.update({f"designations-{new}-{key}": [str(value)] for key, value in added.items()})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    designation = Designation.objects.get(code="M2077", equipment=equipment)
    assert designation.citations.count() == 1
    assert designation.citations.get().quote == "designated M2077 by the US DoD"


def test_a_new_designation_without_its_source_is_refused(client, superuser):
    from equipment.models import Designation, Equipment

    koksan = Equipment.objects.get(slug="koksan")
    response = client.post(
        reverse("admin:equipment_designation_add"),
        {"code": "M2078", "scheme": "us_dod", "equipment": str(koksan.pk), "note": "", **inline("citations", [])},
    )
    assert response.status_code == 200
    assert "Every entry must cite at least one source" in response.content.decode()
    assert not Designation.objects.filter(code="M2078").exists()

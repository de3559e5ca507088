"""Editing guarantees: no save silently overwrites another, a revert restores relations and
citations, and bad input in the admin is refused with a 404 or a message."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from events.models import Event
from sources.models import Citation
from tests.conftest import make_actor, make_citation, make_event, make_source
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

TEXT = "The quick brown fox jumps over the lazy dog. It was about 170 tanks. Later there were 200 tanks."


def editor_client(name):
    user = User.objects.create_user(name, password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice():
    return editor_client("alice")


@pytest.fixture
def bob():
    return editor_client("bob")


def admin_url(entry, view="change"):
    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[entry.pk])


def opened(client, entry):
    """What ``client``'s browser would post from ``entry``'s change form, left as loaded."""
    page = client.get(admin_url(entry))
    assert page.status_code == 200
    return form_data(page.content.decode(), f"{entry._meta.model_name}_form")


@pytest.fixture
def cited_event():
    event = make_event(title="Original title", summary="Original summary.")
    make_citation(event, source=make_source(text=TEXT), quote="quick brown fox")
    return event


def test_a_save_from_a_stale_form_is_refused_and_shows_both_versions(alice, bob, cited_event):
    alices_form, bobs_form = opened(alice, cited_event), opened(bob, cited_event)
    alices_form["title"] = ["Alice's title"]
    assert alice.post(admin_url(cited_event), alices_form).status_code == 302

    bobs_form["summary"] = ["Bob's summary."]
    response = bob.post(admin_url(cited_event), bobs_form)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Edit conflict: nothing was saved" in page
    assert "was saved by alice" in page
    # Both versions side by side: what Bob loaded, what Alice saved, what Bob typed.
    assert "Original title" in page and "Alice&#x27;s title" in page and "Bob&#x27;s summary." in page
    cited_event.refresh_from_db()
    assert (cited_event.title, cited_event.summary) == ("Alice's title", "Original summary.")
    assert cited_event.history.filter(summary="Bob's summary.").count() == 0

    # The form now holds Alice's title (Bob left it as it was) and Bob's summary, and
    # today's version: having seen both, Bob saves again on purpose, and neither is lost.
    again = form_data(page, "event_form")
    assert again["title"] == ["Alice's title"] and again["summary"] == ["Bob's summary."]
    assert bob.post(admin_url(cited_event), again).status_code == 302
    cited_event.refresh_from_db()
    assert (cited_event.title, cited_event.summary) == ("Alice's title", "Bob's summary.")


def test_when_both_changed_one_field_the_form_keeps_the_editors_own_value(alice, bob, cited_event):
    alices_form, bobs_form = opened(alice, cited_event), opened(bob, cited_event)
    alices_form["title"] = ["Alice's title"]
    assert alice.post(admin_url(cited_event), alices_form).status_code == 302
    bobs_form["title"] = ["Bob's title"]
    page = bob.post(admin_url(cited_event), bobs_form).content.decode()
    assert "Alice&#x27;s title" in page  # shown as saved meanwhile
    assert form_data(page, "event_form")["title"] == ["Bob's title"]
    cited_event.refresh_from_db()
    assert cited_event.title == "Alice's title"


def test_an_inline_citation_changed_meanwhile_is_not_overwritten(alice, bob, cited_event):
    citation = cited_event.citations.get()
    bobs_form = opened(bob, cited_event)
    alices_form = opened(alice, citation)
    alices_form["locator"] = ["¶ 7"]
    assert alice.post(admin_url(citation), alices_form).status_code == 302

    bobs_form["citations-0-quote"] = ["lazy dog"]
    response = bob.post(admin_url(cited_event), bobs_form)
    assert response.status_code == 200
    assert "since you opened this page" in response.content.decode()
    citation.refresh_from_db()
    assert (citation.quote, citation.locator) == ("quick brown fox", "¶ 7")


def test_an_untouched_inline_changed_meanwhile_does_not_block_the_save(alice, bob, cited_event):
    citation = cited_event.citations.get()
    bobs_form = opened(bob, cited_event)
    alices_form = opened(alice, citation)
    assert alice.post(admin_url(citation), alices_form).status_code == 302  # saved as it was

    bobs_form["title"] = ["Bob's title"]
    assert bob.post(admin_url(cited_event), bobs_form).status_code == 302
    cited_event.refresh_from_db()
    assert cited_event.title == "Bob's title"


def test_deleting_a_citation_changed_meanwhile_is_refused(alice, cited_event):
    boss = Client()
    boss.force_login(User.objects.create_superuser("boss", password="a-long-test-password"))
    second = make_citation(cited_event, source=make_source(text=TEXT), quote="lazy dog")
    bosss_form = opened(boss, cited_event)
    alices_form = opened(alice, second)
    alices_form["locator"] = ["¶ 2"]
    assert alice.post(admin_url(second), alices_form).status_code == 302

    index = next(i for i in range(2) if bosss_form[f"citations-{i}-id"] == [str(second.pk)])
    bosss_form[f"citations-{index}-DELETE"] = ["on"]
    response = boss.post(admin_url(cited_event), bosss_form)
    assert response.status_code == 200
    assert "Not deleted" in response.content.decode()
    assert Citation.objects.filter(pk=second.pk, locator="¶ 2").exists()


def test_a_standalone_citation_form_is_version_checked_too(alice, bob, cited_event):
    citation = cited_event.citations.get()
    alices_form, bobs_form = opened(alice, citation), opened(bob, citation)
    alices_form["value"], alices_form["attribute"] = ["170"], ["quantity"]
    assert alice.post(admin_url(citation), alices_form).status_code == 302
    bobs_form["locator"] = ["¶ 9"]
    assert bob.post(admin_url(citation), bobs_form).status_code == 200
    citation.refresh_from_db()
    assert (citation.value, citation.locator) == ("170", "")


def revert(client, entry, record):
    url = reverse(
        f"admin:{entry._meta.app_label}_{entry._meta.model_name}_simple_history", args=[entry.pk, record.history_id]
    )
    page = client.get(url)
    assert page.status_code == 200
    return page, url, form_data(page.content.decode(), f"historical{entry._meta.model_name}_form")


def test_revert_restores_fields_relations_and_citations(alice):
    source = make_source(text=TEXT)
    first_actor, second_actor = make_actor(name="First actor"), make_actor(name="Second actor")
    event = make_event(title="As first written")
    event.actors.add(first_actor)
    kept = make_citation(event, source=source, quote="quick brown fox")
    removed_later = make_citation(event, source=source, quote="about 170 tanks")
    version = event.history.order_by("-history_date", "-history_id").first()

    # Later edits: a new title and actor, a changed quote, a citation deleted, one added.
    form = opened(alice, event)
    form.update(title=["Rewritten"], actors=[str(second_actor.pk)])
    assert alice.post(admin_url(event), form).status_code == 302
    kept_form = opened(alice, kept)
    kept_form["quote"] = ["lazy dog"]
    assert alice.post(admin_url(kept), kept_form).status_code == 302
    removed_pk = removed_later.pk
    removed_later.delete()
    added_later = make_citation(event, source=source, quote="200 tanks")

    page, url, data = revert(alice, event, version)
    text = page.content.decode()
    assert "its citations as they were in it" in text and "about 170 tanks" in text
    assert alice.post(url, data).status_code == 302

    event.refresh_from_db()
    assert event.title == "As first written"
    assert list(event.actors.all()) == [first_actor]
    assert sorted(event.citations.values_list("pk", "quote")) == sorted(
        [(kept.pk, "quick brown fox"), (removed_pk, "about 170 tanks")]
    )
    assert not Citation.objects.filter(pk=added_later.pk).exists()
    assert Citation.history.filter(id=added_later.pk, history_type="-").exists()


def test_a_revert_from_a_stale_page_is_refused(alice, bob, cited_event):
    version = cited_event.history.order_by("history_date").first()
    _page, url, data = revert(alice, cited_event, version)
    bobs_form = opened(bob, cited_event)
    bobs_form["title"] = ["Bob's title"]
    assert bob.post(admin_url(cited_event), bobs_form).status_code == 302
    response = alice.post(url, data)
    assert response.status_code == 200
    assert "Edit conflict" in response.content.decode()
    cited_event.refresh_from_db()
    assert cited_event.title == "Bob's title"


def test_loaded_entries_have_a_first_version_to_compare_and_revert_to():
    event = Event.objects.get(slug="korean-war-outbreak")
    first = event.history.order_by("history_date").first()
    assert first is not None and first.title == event.title and first.version == event.version
    assert sorted(a.actor_id for a in first.actors.all()) == sorted(event.actors.values_list("pk", flat=True))


@pytest.mark.parametrize(
    "path",
    [
        "/admin/events/event/abc/history/",
        "/admin/events/event/47/history/abc/",
        "/admin/events/event/abc/history/1/",
        "/admin/events/event/47/history/99999999999999999999999/",
        "/admin/sources/citation/1e3/history/",
        "/admin/events/event/999999999/history/1/",
    ],
)
def test_history_views_answer_404_to_bad_addresses(alice, path):
    assert alice.get(path).status_code == 404


def test_an_overlong_admin_search_is_refused_with_a_message(alice):
    words = " ".join(f"word{i}" for i in range(1000))
    for model in ["events/event", "sources/citation", "equipment/equipment", "sources/source"]:
        response = alice.get(f"/admin/{model}/", {"q": words})
        assert response.status_code == 200
        assert "Search for at most 20 words" in response.content.decode()
    response = alice.get("/admin/events/event/", {"q": "Korean War"})
    assert response.status_code == 200 and "Search for at most" not in response.content.decode()


@pytest.mark.parametrize(
    "query", ["date_start__year=9999", "date_start__year=9999&date_start__month=12", "date_start__year=10000"]
)
def test_the_event_list_drilled_down_to_the_last_year_answers(alice, query):
    make_event(date_start="9999-12-31", date_precision="day")
    response = alice.get(f"/admin/events/event/?{query}")
    assert response.status_code in (200, 302)

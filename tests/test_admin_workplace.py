"""The admin as an editor's workplace: the site's own name, a reason for each change kept
and shown in history, honest records of the fixture load, full diffs, the search folded
as the site's, the source text the quote picker reads, and how to make an editor."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from common.diffs import word_diff
from common.history import FIXTURE_REASON
from equipment.models import Designation, Equipment, Transfer
from events.models import Actor, Event, Place
from sources.locators import paragraph_locators
from sources.models import Citation, Source
from tests.conftest import make_citation, make_event, make_source
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

SITE_HEADER = "DPRK Military History — editors’ workplace"


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def change_form(client, entry):
    opts = entry._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
    page = client.get(url)
    assert page.status_code == 200
    return url, page.content.decode(), form_data(page.content.decode(), f"{opts.model_name}_form")


def history_page(client, entry):
    opts = entry._meta
    return client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[entry.pk])).content.decode()


# --- The site's own name ------------------------------------------------------------


def test_the_login_page_carries_the_sites_name_not_djangos(client):
    page = client.get(reverse("admin:login")).content.decode()
    assert SITE_HEADER in page
    assert "<title>Log in | DPRK Military History editors’ workplace</title>" in page
    assert "Django administration" not in page and "Django site admin" not in page


def test_every_admin_page_an_editor_opens_carries_the_sites_name(client, editor):
    event = Event.objects.get(slug="korean-war-outbreak")
    for url in [
        reverse("admin:index"),
        reverse("admin:events_event_changelist"),
        reverse("admin:events_event_change", args=[event.pk]),
        reverse("admin:events_event_history", args=[event.pk]),
    ]:
        page = client.get(url).content.decode()
        assert SITE_HEADER in page, url
        assert "Django administration" not in page and "Django site admin" not in page, url


# --- A reason for each change -------------------------------------------------------


def test_a_change_form_asks_for_a_reason_and_an_add_form_does_not(client, editor):
    _url, page, _data = change_form(client, Event.objects.get(slug="korean-war-outbreak"))
    assert "Reason for this change" in page
    assert "Reason for this change" not in client.get(reverse("admin:events_event_add")).content.decode()


def test_the_reason_is_kept_with_the_change_and_its_citations_and_shown_in_history(client, editor):
    source = make_source(text="The Unit 124 raid was in January 1968. It failed.")
    event = make_event(title="Unit 124 raid")
    make_citation(event, source=source, quote="The Unit 124 raid")
    url, _page, data = change_form(client, event)
    data.update(
        {
            "title": ["Unit 124 raid on the Blue House"],
            "citations-0-locator": ["¶1"],
            "change_reason": ["Title made precise from the source"],
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    record = event.history.order_by("-history_date", "-history_id").first()
    assert record.history_change_reason == "Title made precise from the source"
    assert record.history_user.username == "editor"
    citation_record = Citation.history.filter(event_id=event.pk).order_by("-history_date").first()
    assert citation_record.history_change_reason == "Title made precise from the source"
    history = history_page(client, event)
    assert "Title made precise from the source" in history
    version = client.get(reverse("admin:events_event_simple_history", args=[event.pk, record.history_id]))
    assert "Title made precise from the source" in version.content.decode()


def test_a_change_without_a_reason_is_saved_and_its_history_says_none_was_given(client, editor):
    event = make_event(title="A raid")
    make_citation(event)
    url, _page, data = change_form(client, event)
    data["title"] = ["A raid in 1968"]
    assert client.post(url, data).status_code == 302
    assert event.history.order_by("-history_date", "-history_id").first().history_change_reason is None


def test_a_reason_too_long_for_history_is_a_form_error(client, editor):
    event = make_event()
    make_citation(event)
    url, _page, data = change_form(client, event)
    data["change_reason"] = ["x" * 101]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "at most 100 characters" in response.content.decode()


def test_a_revert_says_which_version_it_went_back_to(client, editor):
    event = make_event(title="First title")
    make_citation(event)
    url, _page, data = change_form(client, event)
    data["title"] = ["Second title"]
    client.post(url, data)
    first = event.history.order_by("history_date", "history_id").first()
    revert_url = reverse("admin:events_event_simple_history", args=[event.pk, first.history_id])
    page = client.get(revert_url).content.decode()
    assert client.post(revert_url, form_data(page, "historicalevent_form")).status_code == 302
    latest = event.history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason.startswith("Reverted to the version of ")


# --- The fixture load in history ----------------------------------------------------


def test_the_fixture_load_is_one_created_record_per_entry_by_nobody_saying_so():
    for model in (Event, Actor, Place, Equipment, Designation, Transfer, Source, Citation):
        history = model.history.model.objects
        assert history.count() == model.objects.count(), model
        assert not history.exclude(history_type="+").exists(), model
        assert not history.exclude(history_change_reason=FIXTURE_REASON).exists(), model
        assert not history.filter(history_user__isnull=False).exists(), model


def test_the_history_of_a_loaded_entry_reads_created_from_the_fixtures_not_changed_by_none(client, editor):
    history = history_page(client, Event.objects.get(slug="korean-war-outbreak"))
    assert "Created" in history and FIXTURE_REASON in history
    assert "Changed" not in history and "None" not in history


# --- Full diffs -----------------------------------------------------------------------


def test_a_300_character_change_is_shown_whole_word_by_word(client, editor):
    before = "The raid " + "was planned in detail over many months by the unit. " * 6
    after = before.replace("many months", "many years") + "It failed on 21 January 1968."
    assert len(after) > 300
    event = make_event(summary=before)
    make_citation(event)
    url, _page, data = change_form(client, event)
    data["summary"] = [after]
    assert client.post(url, data).status_code == 302
    history = history_page(client, event)
    assert "chars]" not in history
    hidden = '<span class="visually-hidden">'
    assert f"<del>{hidden}[deleted: </span>months{hidden}]</span></del>" in history
    assert f"<ins>{hidden}[inserted: </span>years{hidden}]</span></ins>" in history
    assert "It failed on 21 January 1968." in history
    record = event.history.order_by("-history_date", "-history_id").first()
    version = client.get(reverse("admin:events_event_simple_history", args=[event.pk, record.history_id]))
    assert "[inserted: </span>years" in version.content.decode()


def test_a_word_diff_keeps_every_word_and_marks_only_what_changed():
    pieces = word_diff("about 120 howitzers were sent", "about 240 howitzers were sent")
    assert [(p.kind, p.text) for p in pieces] == [
        ("same", "about "),
        ("deleted", "120"),
        ("inserted", "240"),
        ("same", " howitzers were sent"),
    ]


# --- The admin's search, folded as the site's -----------------------------------------

FOLDED_SEARCHES = [
    ("events_event", "battle of osan", "battle-of-osan"),
    ("events_event", "chuche", "growth-of-chuche-ideology-1960s"),
    ("events_place", "kusong", "kusong"),
    ("events_actor", "KIM IL SUNG", "kim-il-sung"),
    ("equipment_equipment", "m1978", "koksan"),
    ("equipment_equipment", "Chonma Ho", "chonma-ho"),
    ("equipment_transfer", "koksan", None),
    ("equipment_designation", "m1989", None),
    ("sources_source", "cold war", "dprk-cold-war"),
    ("sources_citation", "kusong machinery", None),
]


@pytest.mark.parametrize(("admin_name", "query", "slug"), FOLDED_SEARCHES)
def test_each_admin_search_folds_case_accents_and_apostrophes(client, editor, admin_name, query, slug):
    response = client.get(reverse(f"admin:{admin_name}_changelist"), {"q": query})
    assert response.status_code == 200
    found = list(response.context["cl"].result_list)
    assert found, (admin_name, query)
    if slug is not None:
        assert slug in {entry.slug for entry in found}, (admin_name, query)


def test_the_source_autocomplete_of_a_citation_folds_too(client, editor):
    url = reverse("admin:autocomplete")
    params = {"app_label": "sources", "model_name": "citation", "field_name": "source", "term": "peoples republic"}
    results = client.get(url, params).json()["results"]
    assert "Democratic People’s Republic of Korea (Cold War)" in [r["text"] for r in results]


# --- The quote picker's text ----------------------------------------------------------


def test_the_passages_of_a_source_come_with_their_locators(client, editor):
    source = Source.objects.get(slug="dprk-cold-war")
    response = client.get(reverse("admin:sources_source_passages"), {"source": source.pk})
    assert response.status_code == 200
    paragraphs = response.json()["paragraphs"]
    by_text = {p["text"]: p for p in paragraphs}
    heading = by_text["Birth of the Korean People’s Army"]
    assert heading["kind"] == "heading" and heading["locator"] == ""
    after = paragraphs[heading["number"]]  # the paragraph after the heading (numbers start at 1)
    assert after["locator"] == "Birth of the Korean People’s Army, ¶1"


def test_most_curated_locators_begin_as_the_picker_would_propose():
    """Measured on the curated citations: the picker's heading and paragraph number agree
    with what the editors wrote for four in five of them."""
    from sources.quotes import quote_place

    agree = total = 0
    for source in Source.objects.exclude(text=""):
        located = paragraph_locators(source.text)
        paragraphs = [text for text, _kind, _locator in located]
        for citation in Citation.objects.filter(source=source):
            place = quote_place(citation.quote, paragraphs)
            if place is None:
                continue
            total += 1
            proposed = located[place[0]][2].split(" “")[0]
            agree += bool(proposed) and citation.locator.startswith(proposed)
    assert total > 1000 and agree / total > 0.75


def test_a_text_without_headings_is_located_by_paragraph_number_and_first_words():
    text = "Title of the article\n" + "\n".join(
        f"Paragraph {n} has enough words to be a paragraph of the body of this article, not a title. " * 2
        for n in (1, 2)
    )
    located = paragraph_locators(text)
    assert located[0][1] == "front"
    assert located[2][2] == "¶2 “Paragraph 2 has enough words…”"


@pytest.mark.parametrize("query", ["", "abc", "9" * 30, "999999"])
def test_the_passages_of_no_source_are_a_404_not_an_error(client, editor, query):
    assert client.get(reverse("admin:sources_source_passages"), {"source": query}).status_code == 404


def test_the_passages_are_for_staff_only(client):
    source = Source.objects.get(slug="dprk-cold-war")
    response = client.get(reverse("admin:sources_source_passages"), {"source": source.pk})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_citation_forms_carry_the_picker_and_still_work_without_it(client, editor):
    event = Event.objects.get(slug="korean-war-outbreak")
    _url, page, _data = change_form(client, event)
    assert 'src="/static/js/quote-picker.js"' in page
    assert f'data-passages-url="{reverse("admin:sources_source_passages")}"' in page
    citation = event.citations.first()
    _url, page, _data = change_form(client, citation)
    assert 'src="/static/js/quote-picker.js"' in page


# --- Making an editor -------------------------------------------------------------------


def test_make_editor_makes_a_staff_editor_who_is_not_a_superuser(client):
    out = io.StringIO()
    call_command("make_editor", "newed", stdout=out)
    user = User.objects.get(username="newed")
    assert user.is_staff and not user.is_superuser and not user.has_usable_password()
    assert user.groups.filter(name="Editors").exists()
    assert "changepassword newed" in out.getvalue()
    assert user.has_perm("events.change_event") and not user.has_perm("events.delete_event")


def test_make_editor_dry_run_changes_nothing():
    call_command("make_editor", "maybe", "--dry-run", stdout=io.StringIO())
    assert not User.objects.filter(username="maybe").exists()


def test_a_database_loaded_before_the_fix_has_its_fixture_rows_relabelled():
    from importlib import import_module

    from django.apps import apps as django_apps

    relabel = import_module("dprk_kb.migrations.0007_fixture_load_history").relabel
    event = make_event()
    History = Event.history.model
    History.objects.filter(id=event.pk).delete()

    def record(minute, **fields):
        when = datetime.datetime(2026, 1, 1, 12, minute, tzinfo=datetime.UTC)
        kept = {f.attname: getattr(event, f.attname) for f in History.tracked_fields}
        return History.objects.create(**kept, history_date=when, history_type="~", **fields)

    # As loaddata's setting of the actors, then the equipment, recorded them; then an edit.
    loaded, links = record(0), record(1)
    edited = record(2, history_change_reason="Edited")
    relabel(django_apps, None)
    for row in (loaded, links, edited):
        row.refresh_from_db()
    assert (loaded.history_type, loaded.history_change_reason) == ("+", FIXTURE_REASON)
    assert (links.history_type, links.history_change_reason) == ("~", FIXTURE_REASON)
    assert (edited.history_type, edited.history_change_reason) == ("~", "Edited")


def test_a_designation_added_beside_its_equipment_keeps_the_reason_with_its_citation(client, editor):
    source = make_source(text="The vehicle was designated M2077 by the US DoD.")
    equipment = Equipment.objects.get(slug="koksan")
    url, _page, data = change_form(client, equipment)
    new = int(data["designations-TOTAL_FORMS"][0])
    data["designations-TOTAL_FORMS"] = [str(new + 1)]
    added = {"code": "M2077", "scheme": "us_dod", "note": "", "cite_source": source.pk, "equipment": equipment.pk}
    added.update(cite_quote="designated M2077 by the US DoD", cite_locator="¶1")
    data.update({f"designations-{new}-{key}": [str(value)] for key, value in added.items()})
    data["change_reason"] = ["Designation from the DoD list"]
    assert client.post(url, data).status_code == 302
    designation = Designation.objects.get(code="M2077")
    assert designation.history.get().history_change_reason == "Designation from the DoD list"
    citation = designation.citations.get()
    assert citation.history.get().history_change_reason == "Designation from the DoD list"

"""Editing that cannot break the chain from an entry to its source's words."""

import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from sources.models import Citation, Source
from tests.conftest import make_citation, make_event, make_source
from tests.formdata import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss(client):
    client.force_login(User.objects.create_superuser("boss", password="a-long-test-password"))
    return client


def change_page(client, entry):
    opts = entry._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
    return url, form_data(client.get(url).content.decode(), f"{opts.model_name}_form")


def test_a_new_archived_text_that_loses_quotes_is_refused_with_the_list(boss):
    source = make_source(text="The brigade had 120 tanks. It crossed the river in June.")
    event = make_event(title="The crossing")
    make_citation(event, source=source, quote="crossed the river in June")
    url, data = change_page(boss, source)
    data["text"] = ["The brigade had 120 tanks."]
    response = boss.post(url, data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "The new text no longer holds 1 quote" in text and "The crossing" in text
    source.refresh_from_db()
    assert "crossed the river" in source.text


def test_emptying_a_quoted_text_is_refused(boss):
    source = make_source(text="Words that a citation quotes.")
    make_citation(make_event(), source=source, quote="a citation quotes")
    url, data = change_page(boss, source)
    data["text"] = [""]
    assert "could no longer be checked" in boss.post(url, data).content.decode()
    source.refresh_from_db()
    assert source.text


def test_a_new_text_that_keeps_every_quote_is_saved(boss):
    source = make_source(text="Words that a citation quotes.")
    make_citation(make_event(), source=source, quote="a citation quotes")
    url, data = change_page(boss, source)
    data["text"] = ["Words that a citation quotes. And a sentence more."]
    assert boss.post(url, data).status_code == 302
    assert Source.objects.get(pk=source.pk).text.endswith("a sentence more.")


def test_the_last_citation_of_an_entry_cannot_be_moved_to_another(boss):
    first, second = make_event(title="First entry"), make_event(title="Second entry")
    only = make_citation(first)
    url, data = change_page(boss, only)
    data["event"] = [str(second.pk)]
    response = boss.post(url, data)
    assert "This is the only citation of the event “First entry”" in response.content.decode()
    assert Citation.objects.get(pk=only.pk).event_id == first.pk
    make_citation(first)
    url, data = change_page(boss, only)
    data["event"] = [str(second.pk)]
    assert boss.post(url, data).status_code == 302
    assert Citation.objects.get(pk=only.pk).event_id == second.pk


def test_an_editor_is_told_when_a_quote_cannot_be_checked(boss):
    outlet = make_source(title="An outlet", text="")
    citation = make_citation(make_event(), source=make_source())
    url, data = change_page(boss, citation)
    data["source"] = [str(outlet.pk)]
    data["quote"] = ["Words nobody can check"]
    response = boss.post(url, data, follow=True)
    assert "The quote from “An outlet” cannot be checked" in response.content.decode()


def test_choosing_a_source_offers_those_with_their_text_first(boss):
    make_source(title="Zeta Zqx news", slug="zeta-outlet", text="")
    make_source(title="Alpha Zqx article", slug="alpha-outlet", text="")
    make_source(title="Omega Zqx report", slug="omega-archived", text="The full text.")
    response = boss.get(
        "/admin/autocomplete/",
        {"app_label": "sources", "model_name": "citation", "field_name": "source", "term": "Zqx"},
    )
    titles = [result["text"] for result in json.loads(response.content)["results"]]
    assert titles[0] == "Omega Zqx report" and set(titles) >= {"Zeta Zqx news", "Alpha Zqx article"}

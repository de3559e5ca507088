"""A source's archived text, readable page by page, with each quote shown in its context."""

import pytest

from tests.conftest import make_citation, make_event, make_source

pytestmark = pytest.mark.django_db


def long_source():
    paragraphs = [f"Paragraph {i} says that brigade {i} had {i * 3} tanks." for i in range(1, 61)]
    return make_source(slug="long-text", title="A long report", text="\n\n".join(paragraphs))


def test_the_archived_text_is_paged_by_paragraphs(client):
    long_source()
    first = client.get("/sources/long-text/text/").content.decode()
    assert 'id="p-1"' in first and 'id="p-20"' in first and 'id="p-21"' not in first
    third = client.get("/sources/long-text/text/?page=3").content.decode()
    assert "Paragraph 41 says" in third and "Paragraph 60 says" in third


def test_see_in_context_opens_the_page_of_the_quote_scrolled_to_it_and_marks_it(client):
    source = long_source()
    event = make_event(title="Brigade 45")
    citation = make_citation(event, source=source, quote="brigade 45 had 135 tanks")
    page = client.get(event.get_absolute_url()).content.decode()
    link = f"/sources/long-text/text/?quote={citation.pk}"
    assert f'href="{link}">see in context</a>' in page
    response = client.get(link)
    assert response.status_code == 302 and response["Location"].endswith(f"?page=3&quote={citation.pk}#p-45")
    text = client.get(response["Location"]).content.decode()
    assert "<mark>brigade 45 had 135 tanks</mark>" in text


def test_a_source_without_text_has_no_text_page(client):
    make_source(slug="no-text", text="")
    assert client.get("/sources/no-text/text/").status_code == 404


def test_the_source_page_links_to_its_text_instead_of_holding_it(client):
    long_source()
    page = client.get("/sources/long-text/").content.decode()
    assert 'href="/sources/long-text/text/">read it</a>' in page
    assert "Paragraph 37 says" not in page

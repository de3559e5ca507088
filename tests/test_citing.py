"""“Cite this page”: every entry page shows a reference with the knowledge base's version,
and its CSL-JSON is what a reference manager imports."""

import json

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from django.utils import timezone

from dprk_kb.version import current_version
from equipment.models import Transfer
from events.models import Event
from tests.conftest import body

pytestmark = pytest.mark.django_db

CSL_KEYS = {"id", "type", "title", "URL", "accessed", "issued", "version"}


def entry_pages():
    """(page, the title it is cited by) for one entry of each kind with a page."""
    transfer = Transfer.objects.order_by("slug").first()
    return [
        ("/events/korean-war-outbreak/", None),
        ("/actors/kim-il-sung/", "Kim Il-sung"),
        ("/places/kusong/", None),
        ("/equipment/koksan-m1989/", None),
        ("/designations/M1992/", "Designation M1992"),
        (transfer.get_absolute_url(), str(transfer)),
        ("/sources/dprk-cold-war/", None),
    ]


def csl_of(client, page):
    response = client.get(page + "cite.json")
    assert response.status_code == 200, page
    assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    items = json.loads(body(response))
    assert isinstance(items, list) and len(items) == 1
    return items[0]


def test_every_entry_page_has_a_reference_with_the_version_and_its_csl(client):
    version = current_version().number
    today = timezone.localdate()
    for page, title in entry_pages():
        text = client.get(page).content.decode()
        assert "Cite this page" in text, page
        assert f"version {version}" in text, page
        assert f'href="http://testserver{page}">http://testserver{page}</a>' in text, page
        assert f"(accessed {today.day} {today:%B %Y})" in text, page
        assert f'href="{page}cite.json"' in text, page
        assert 'type="application/vnd.citationstyles.csl+json"' in text, page
        item = csl_of(client, page)
        assert set(item) >= CSL_KEYS, page
        assert item["URL"] == f"http://testserver{page}"
        assert item["version"] == version
        assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
        assert item["container-title"] == "DPRK Military History knowledge base"
        if title:
            assert item["title"] == title
            assert f"“{title}”" in text.replace("&#x27;", "'")


def test_a_reference_manager_reads_the_csl_json(client):
    """citeproc-py, the CSL processor, formats every reference with a style it ships."""
    items = [csl_of(client, page) for page, _title in entry_pages()]
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    formatted = [str(entry) for entry in bibliography.bibliography()]
    assert len(formatted) == len(items)
    for item in items:
        found = [text for text in formatted if item["URL"] in text]
        assert len(found) == 1 and item["title"] in found[0], item["id"]
        assert f"(Accessed: {timezone.localdate():%B} " in found[0]


def test_a_reference_is_two_queries_and_an_unknown_entry_is_404(client, django_assert_num_queries):
    with django_assert_num_queries(2):  # the entry, the version
        csl_of(client, "/events/korean-war-outbreak/")
    assert client.get("/events/no-such-event/cite.json").status_code == 404
    assert client.get("/designations/NO-SUCH-CODE/cite.json").status_code == 404
    assert client.get(f"/actors/{'a' * 500}/cite.json").status_code == 404
    assert csl_of(client, "/designations/m1992/")["title"] == "Designation M1992"


def test_an_edit_changes_the_version_cited(client):
    before = csl_of(client, "/events/korean-war-outbreak/")["version"]
    event = Event.objects.get(slug="korean-war-outbreak")
    event.summary += " Edited."
    event.save()
    after = csl_of(client, "/events/korean-war-outbreak/")["version"]
    assert after != before
    assert after == current_version().number

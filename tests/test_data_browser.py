"""The researcher's journey in a real Chromium: from any page to the data page, the whole
knowledge base downloaded and validated, and an entry's reference taken to a reference
manager."""

import json
import re
import zipfile
from pathlib import Path

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from frictionless import validate

from dprk_kb.version import current_version
from events.models import Event

pytestmark = pytest.mark.browser


def test_from_the_footer_to_the_whole_knowledge_base_validated(reading_site, page, tmp_path):
    page.goto(reading_site.url + "/timeline/")
    page.locator(".site-footer").get_by_role("link", name="Download the whole knowledge base").click()
    page.wait_for_url(re.compile(r"/data/$"))
    assert page.locator("h1").inner_text() == "The data: the whole knowledge base"
    version = current_version().number
    assert page.get_by_text(version, exact=False).first.is_visible()
    # The dictionary says what a code means: the researcher reads the label of a category.
    category = page.locator("#table-equipment + p + table tr", has=page.locator("th code", has_text="category"))
    assert "self-propelled mortar" in category.inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Download the knowledge base")).click()
    download = download_info.value
    assert download.suggested_filename == f"dprk-kb-{version}.zip"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    report = validate(str(path))
    assert report.valid, [error.message for task in report.tasks for error in task.errors][:5]
    with zipfile.ZipFile(path) as archive:
        package = json.loads(archive.read("datapackage.json"))
    rows = {resource["name"]: resource["rows"] for resource in package["resources"]}
    assert rows["events"] == Event.objects.count()
    # What the page says the package holds is what the download holds.
    table = page.locator(".data-files")
    row = table.locator("tbody tr", has=page.get_by_role("link", name="events", exact=True))
    assert row.locator("td.num").inner_text() == str(rows["events"])


def test_cite_an_event_and_import_its_reference(reading_site, page, tmp_path):
    page.goto(reading_site.url + "/events/korean-war-outbreak/")
    section = page.locator("section.cite")
    assert section.get_by_role("heading", name="Cite this page").is_visible()
    reference = section.locator(".cite__reference").inner_text()
    assert reference.startswith("“North Korea attacks South Korea: the Korean War begins”.")
    assert f"version {current_version().number}" in reference
    assert f"{reading_site.url}/events/korean-war-outbreak/" in reference
    with page.expect_download() as download_info:
        section.get_by_role("link", name="Download this reference as CSL-JSON").click()
    download = download_info.value
    assert download.suggested_filename == "events-korean-war-outbreak.json"
    items = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    # A CSL processor, as in a reference manager, formats what it imported.
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    (formatted,) = [str(entry) for entry in bibliography.bibliography()]
    assert "North Korea attacks South Korea: the Korean War begins" in formatted
    assert f"{reading_site.url}/events/korean-war-outbreak/" in formatted

"""The main journeys of readers, researchers and editors, in a real Chromium."""

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import Group, User

from events.models import Event
from tests.conftest import make_citation, make_event

pytestmark = pytest.mark.browser


def test_search_for_a_name_and_open_a_result(reading_site, page):
    page.goto(reading_site.url + "/")
    page.get_by_label("Search people, units, equipment, designations, places and events").fill("Kusong")
    page.get_by_role("button", name="Search").last.click()
    page.wait_for_url(re.compile(r"/search/\?q=Kusong"))
    page.locator(".search-results a", has_text="Kusŏng").first.click()
    page.wait_for_url(re.compile(r"/(places|actors)/kusong"))
    assert "Kusŏng" in page.locator("h1").inner_text()


def test_filter_the_timeline_by_era_and_year_through_the_form(reading_site, page):
    page.goto(reading_site.url + "/timeline/")
    everything = page.locator(".event-row").count()
    page.get_by_label("Era", exact=True).select_option("korean-war")
    page.get_by_label("From year").fill("1950")
    page.get_by_label("To year").fill("1950")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"era=korean-war"))
    query = parse_qs(urlparse(page.url).query)
    assert query["era"] == ["korean-war"] and query["year_from"] == ["1950"] and query["year_to"] == ["1950"]
    dates = page.locator(".event-row__date").all_inner_texts()
    assert 0 < len(dates) < everything
    assert all("1950" in date for date in dates)
    assert page.locator(".timeline-chart__svg--wide").is_visible()


def test_follow_an_event_to_its_sources(reading_site, page):
    page.goto(reading_site.url + "/events/korean-war-outbreak/")
    quote = "On the morning of June 25th, 1950, the KPA forces finally received the order to attack."
    assert page.get_by_text(quote).first.is_visible()
    page.locator(".citation__meta a", has_text="Democratic People’s Republic of Korea (Cold War)").first.click()
    page.wait_for_url(re.compile(r"/sources/dprk-cold-war/"))
    assert page.get_by_role("link", name="North Korea attacks South Korea: the Korean War begins").first.is_visible()


def test_equipment_designation_and_lineage(reading_site, page):
    page.goto(reading_site.url + "/equipment/koksan-m1989/")
    page.locator(".designation-list a", has_text="M1989").first.click()
    page.wait_for_url(re.compile(r"/designations/M1989/"))
    assert page.locator(".designation-match").count() >= 1
    page.goto(reading_site.url + "/equipment/koksan-m1989/")
    page.locator(".lineage-tree a[href='/equipment/koksan/']").click()
    page.wait_for_url(re.compile(r"/equipment/koksan/$"))
    assert page.locator("h1").inner_text() == "Koksan (M1978)"


def test_download_the_csv_export_of_a_filtered_timeline(reading_site, page):
    page.goto(reading_site.url + "/timeline/?era=korean-war")
    shown = page.locator(".event-row__title").all_inner_texts()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = download_info.value
    assert re.fullmatch(r"timeline-era-korean-war-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert [row["title"] for row in rows] == shown
    # Every row's era cell names the Korean War among the eras its period overlaps.
    assert rows and all("korean-war" in row["era"].split("; ") for row in rows)


def test_filter_and_export_work_without_javascript(reading_site, chromium):
    context = chromium.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    page.goto(reading_site.url + "/timeline/")
    page.get_by_label("Kind", exact=True).select_option("treaty")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"kind=treaty"))
    titles = page.locator(".event-row__title").all_inner_texts()
    assert titles and "Korean War armistice signed" in titles
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    rows = list(csv.DictReader(io.StringIO(Path(download_info.value.path()).read_text(encoding="utf-8"))))
    assert [row["title"] for row in rows] == titles
    assert {row["kind"] for row in rows} == {"treaty"}
    page.goto(reading_site.url + "/timeline/?year_from=abc")
    assert "Enter a year as a whole number" in page.content()
    context.close()


def test_zoom_the_timeline_through_its_chart_without_javascript(reading_site, chromium):
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(reading_site.url + "/timeline/?kind=battle")
    chart = page.locator(".timeline-chart__svg--wide")
    assert chart.locator(".band-label").count() == chart.locator(".band").count() >= 5  # every era named
    chart.get_by_role("link", name="Zoom to the era Korean War, 1950–1953").click()
    page.wait_for_url(re.compile(r"\?kind=battle&era=korean-war$"))
    assert page.locator(".era-group h2").all_inner_texts() == ["Korean War 1950–1953"]
    assert chart.locator(".mark__name").count() >= 5  # zoomed in, the battles are named on the chart
    chart.get_by_role("link", name="1951: zoom to 1951").click()
    page.wait_for_url(re.compile(r"\?kind=battle&year_from=1951&year_to=1951$"))
    dates = page.locator(".event-row__date").all_inner_texts()
    assert dates and all("1951" in date or "1950" in date for date in dates)
    page.get_by_role("link", name="Show all years").click()
    page.wait_for_url(re.compile(r"/timeline/\?kind=battle$"))
    # On a phone: the narrow drawing, and the chart as a table whose decades zoom in.
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.locator(".timeline-chart__svg--narrow").is_visible()
    assert not page.locator(".timeline-chart__svg--wide").is_visible()
    page.get_by_text("The chart as a table, with links to zoom in").click()
    page.get_by_role("link", name="1950s", exact=True).click()
    page.wait_for_url(re.compile(r"\?kind=battle&year_from=1950&year_to=1959$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()
    assert [error for error in errors if "favicon" not in error] == []


@pytest.mark.django_db(transaction=True)
def test_hostile_entry_text_never_runs_as_script(site, page):
    event = make_event(slug="hostile", title='<script>alert("t")</script><img src=x onerror=alert("i")>')
    make_citation(event, quote='<svg onload=alert("q")>')
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for url in ["/events/hostile/", "/timeline/?q=onerror", "/search/?q=script", "/actors/?q=test"]:
        page.goto(site.url + url)
    assert dialogs == []
    assert page.locator("h1").count() == 0 or "<script>" not in page.locator("body").inner_html()


@pytest.mark.django_db(transaction=True)
def test_an_editor_adds_a_sourced_event_and_sees_it_on_the_timeline(site, page):
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    user = User.objects.create_user("ed", password="correct-horse-battery-staple", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    page.goto(site.url + "/admin/")
    page.get_by_label("Username").fill("ed")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Log in").click()
    page.goto(site.url + "/admin/events/event/add/")
    page.locator("#id_title").press_sequentially("Blue House Raid test entry")
    assert page.locator("#id_slug").input_value() == "blue-house-raid-test-entry"  # prepopulated
    page.locator("#id_kind").select_option("incident")
    page.locator("#id_date_start").fill("1968-01-21")
    page.locator("#id_date_precision").select_option("day")
    # The citation's source is an autocomplete field.
    page.locator("#citations-0 .select2-selection").first.click()
    page.locator(".select2-container--open .select2-search__field").fill("Cold War")
    page.locator(".select2-results__option", has_text="Democratic People’s Republic of Korea (Cold War)").click()
    page.locator("#id_citations-0-quote").fill(
        "The most important incidents involved the Blue House Raid on 21st January 1968"
    )
    page.locator("#id_citations-0-locator").fill("1950-1953, the Fatherland Liberation War")
    page.locator("input[name=_save]").click()
    page.wait_for_url(re.compile(r"/admin/events/event/$"))
    assert Event.objects.filter(slug="blue-house-raid-test-entry").exists()
    page.goto(site.url + "/timeline/?year_from=1968&year_to=1968")
    page.get_by_role("link", name="Blue House Raid test entry", exact=True).click()
    assert page.get_by_text("The most important incidents involved the Blue House Raid").first.is_visible()
    assert refused == []  # the admin works under the Content Security Policy

"""Finding one's way: the top navigation, the home page's counts, the events and
designations indexes, designation addresses written otherwise, previous and next events,
and the small things a reader notices on list and entry pages."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse

from common.folding import fold
from equipment.models import Designation, Scheme
from events.models import Event
from tests.conftest import (
    body,
    make_citation,
    make_designation,
    make_equipment,
    make_event,
    make_place,
    make_rich_events,
    make_source,
    make_transfer,
)

pytestmark = pytest.mark.django_db


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return body(response).decode()


def nav_links(page):
    nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', page, re.S).group(1)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)


def test_the_top_navigation_has_places_and_the_map_once_it_exists(client):
    links = {label: href for href, label in nav_links(text_of(client, "/"))}
    assert links["Places"] == "/places/"
    try:
        map_url = reverse("map")
    except NoReverseMatch:
        map_url = None
    assert links.get("Map") == map_url  # no dead link while the map is not there


def test_the_current_page_is_marked_in_the_navigation(client):
    page = text_of(client, "/places/")
    assert '<a href="/places/" aria-current="page">Places</a>' in page


def test_every_count_on_the_home_page_is_a_link_to_its_list(client):
    page = text_of(client, "/")
    counts = re.search(r'<ul class="counts">(.*?)</ul>', page, re.S).group(1)
    items = re.findall(r"<li>(.*?)</li>", counts, re.S)
    assert len(items) >= 8
    for item in items:
        href = re.match(r'<a href="([^"]+)"><strong>\d+</strong> ', item)
        assert href, item
        assert client.get(href.group(1)).status_code == 200
    assert f'<a href="/designations/"><strong>{Designation.objects.count()}</strong> designations</a>' in counts
    assert '<a href="/citations/"><strong>' in counts


# --- every event, A-Z ---------------------------------------------------------------


def test_the_events_index_lists_every_event_by_folded_title_with_date_and_kind(client):
    page = text_of(client, "/events/")
    listed = re.findall(r'<li><a href="/events/([^"/]+)/">', page)
    assert sorted(listed) == sorted(Event.objects.values_list("slug", flat=True))
    outbreak = Event.objects.get(slug="korean-war-outbreak")
    assert f'{outbreak.title}</a> <span class="muted">{outbreak.date_display} · {outbreak.get_kind_display()}' in (
        page.replace("&#x27;", "'")
    )
    by_slug = dict(Event.objects.values_list("slug", "title"))
    titles = [fold(by_slug[slug]) for slug in listed]
    letters = [t for t in titles if t[:1].isalpha()]
    assert letters == sorted(letters)


def test_the_events_index_jumps_to_each_letter_that_has_events(client):
    make_event(title="Ŭiju airfield test raid")  # folded to U
    make_event(title="1234 test event")  # no letter: under 0–9
    page = text_of(client, "/events/")
    jump = re.search(r'<nav class="jump-links jump-links--letters"[^>]*>(.*?)</nav>', page, re.S).group(1)
    linked = re.findall(r'<a href="#letter-([^"]+)">', jump)
    headings = re.findall(r'<h2 id="letter-([^"]+)"', page)
    assert linked == headings
    assert "U" in linked and linked[-1] == "other"
    section_u = page[page.index('id="letter-U"') :]
    assert "Ŭiju airfield test raid" in section_u[: section_u.find("</section>")]
    for letter in set("ABCDEFGHIJKLMNOPQRSTUVWXYZ") - set(linked):
        assert f'title="No event begins with {letter}">{letter}</span>' in jump


INDEX_QUERIES = 1  # the rows, in one query, however many


@pytest.mark.parametrize("url", ["/events/", "/designations/"])
def test_index_pages_cost_one_query_for_few_rows_and_many(client, url, django_assert_num_queries):
    with django_assert_num_queries(INDEX_QUERIES):
        text_of(client, url)
    make_rich_events(30)
    for _ in range(20):
        make_designation(code="M1992", equipment=make_equipment())
        make_designation(scheme="nato")
    with django_assert_num_queries(INDEX_QUERIES):
        text_of(client, url)


# --- designations -----------------------------------------------------------------


def test_the_designations_index_groups_every_code_by_scheme_and_marks_ambiguous_ones(client):
    page = text_of(client, "/designations/")
    headings = re.findall(r'<h2 id="scheme-([a-z_]+)">', page)
    used = set(Designation.objects.values_list("scheme", flat=True))
    assert headings == [scheme.value for scheme in Scheme if scheme.value in used]
    for code in Designation.objects.values_list("code", flat=True).distinct():
        assert f'href="{reverse("equipment:designation-detail", args=[code])}"' in page, code
    us_dod = page[page.index('id="scheme-us_dod"') :]
    us_dod = us_dod[: us_dod.index("</section>")]
    m1992 = re.search(
        r'<tr class="ambiguous">\s*<th scope="row" data-label="Code"><a href="/designations/M1992/">', us_dod
    )
    assert m1992, "M1992 names several equipment types and is marked"
    row = us_dod[m1992.start() : us_dod.index("</tr>", m1992.start())]
    named = Designation.objects.filter(code="M1992", scheme="us_dod").count()
    assert row.count('href="/equipment/') == named
    assert f"ambiguous: names {named} equipment types" in row
    assert re.search(r'<tr>\s*<th scope="row" data-label="Code"><a href="/designations/M1978/">', us_dod)


def test_a_designation_written_otherwise_redirects_to_its_page(client):
    canonical = reverse("equipment:designation-detail", args=["Shin’heung"])
    for written in ["Shin'heung", "shin’heung", "SHIN'HEUNG", "Shinheung"]:
        response = client.get(f"/designations/{written}/")
        assert response.status_code == 301, written
        assert response["Location"] == canonical
    assert client.get(canonical).status_code == 200
    assert client.get("/designations/Koksan/").status_code == 200
    assert client.get("/designations/koksan/")["Location"] == "/designations/Koksan/"


def test_unknown_or_empty_folded_designations_are_not_found(client):
    for url in ["/designations/Shin-heung-x/", "/designations/'/", "/designations/%E2%80%99%E2%80%99/"]:
        assert client.get(url).status_code == 404, url


def test_codes_written_alike_are_shown_together(client):
    first, second = make_equipment(name="Alpha test gun"), make_equipment(name="Beta test gun")
    make_citation(make_designation(code="ZQ-17", equipment=first))
    make_citation(make_designation(code="Zq 17", scheme="nato", equipment=second))
    page = text_of(client, "/designations/zq-17/")
    assert "Alpha test gun" in page and "Beta test gun" in page
    assert "ZQ-17 / Zq 17" in page


def test_the_designation_page_links_the_index_and_names_equipment_types(client):
    page = text_of(client, "/designations/M1992/")
    assert '<a href="/designations/">Designations</a>' in page
    assert "different equipment types</strong>" in page
    equipment = make_equipment(name="Lonely test car")
    make_citation(make_designation(code="ZZ-LONE", equipment=equipment))
    assert "This code names one equipment type." in text_of(client, "/designations/ZZ-LONE/")


# --- previous and next events ----------------------------------------------------


def neighbours_of(page):
    previous = re.search(r'<a href="(/events/[^"]+/)" rel="prev">', page)
    following = re.search(r'<a href="(/events/[^"]+/)" rel="next">', page)
    return (previous and previous.group(1)), (following and following.group(1))


def test_an_event_links_the_previous_and_next_events_in_the_timelines_order(client):
    timeline = list(Event.objects.chronological())  # the timeline's default order
    middle = len(timeline) // 2
    event = timeline[middle]
    assert neighbours_of(text_of(client, event.get_absolute_url())) == (
        timeline[middle - 1].get_absolute_url(),
        timeline[middle + 1].get_absolute_url(),
    )
    assert neighbours_of(text_of(client, timeline[0].get_absolute_url()))[0] is None
    assert neighbours_of(text_of(client, timeline[-1].get_absolute_url()))[1] is None
    # The order of the timeline's rows.
    assert [event.slug for event in Event.objects.for_list()] == [event.slug for event in timeline]


def test_events_of_one_day_follow_one_another_by_slug(client):
    import datetime

    day = datetime.date(1111, 1, 1)
    a, b, c = (make_event(slug=f"zz-same-day-{x}", date_start=day) for x in "abc")
    assert neighbours_of(text_of(client, b.get_absolute_url())) == (a.get_absolute_url(), c.get_absolute_url())


# --- lists ----------------------------------------------------------------------------


def test_places_are_sorted_by_name_as_read_on_the_page_and_in_the_export(client):
    # Neither by slug (the order made), nor by code point ("B" < "a" < "E" < "Ď").
    for name in ["zztest Beta", "zztest alpha", "zztest Echo", "zztest Ďelta"]:
        make_place(name=name)
    expected = ["zztest alpha", "zztest Beta", "zztest Ďelta", "zztest Echo"]
    page = text_of(client, "/places/?q=zztest")
    assert re.findall(r'<th scope="row" data-label="Place"><a href="[^"]+">([^<]+)</a>', page) == expected
    rows = body(client.get("/places/export.csv?q=zztest")).decode().splitlines()[1:]
    assert [row.split(",")[2] for row in rows] == expected


def test_the_transfer_register_links_the_equipment_and_the_transfer_each_in_its_cell(client):
    equipment = make_equipment(name="Zztest howitzer")
    transfer = make_transfer(equipment=equipment, item="")
    make_citation(transfer, source=make_source(title="A test report on howitzers (2024)"))
    page = text_of(client, f"/transfers/?equipment={equipment.slug}")
    what = re.search(r'<th scope="row" data-label="What">(.*?)</th>', page).group(1)
    assert what == f'<a href="{equipment.get_absolute_url()}">Zztest howitzer</a>'
    cell = re.search(r'<td data-label="Transfer">(.*?)</td>', page).group(1)
    assert f'<a href="{transfer.get_absolute_url()}">Details' in cell
    assert "A test report on howitzers (2024)</a>" in page  # sources by title


@pytest.mark.parametrize(
    "url, one, many",
    [
        ("/places/", "place", "places"),
        ("/actors/", "actor", "actors"),
        ("/sources/", "source", "sources"),
        ("/equipment/", "equipment type", "equipment types"),
        ("/transfers/", "transfer", "transfers"),
    ],
)
def test_list_counts_agree_in_number(client, url, one, many):
    def count_sentence(query):
        page = text_of(client, url + query)
        return re.sub(r"\s+", " ", re.search(r'<p class="result-count">(.*?)</p>', page, re.S).group(1))

    makers = {
        "/places/": lambda name: make_place(name=name),
        "/actors/": lambda name: __import__("tests.conftest", fromlist=["x"]).make_actor(name=name),
        "/sources/": lambda name: make_source(title=name),
        "/equipment/": lambda name: make_equipment(name=name),
        "/transfers/": lambda name: make_transfer(item=name),
    }
    makers[url]("zzqcount first")
    assert count_sentence("?q=zzqcount") == f"1 {one} matches these filters."
    makers[url]("zzqcount second")
    assert count_sentence("?q=zzqcount") == f"2 {many} match these filters."
    assert re.fullmatch(rf"\d+ {many}\.", count_sentence(""))


def test_a_quantity_shows_its_range_only_when_it_is_one(client):
    exact = make_transfer(quantity_low=120, quantity_high=120, quantity_wording="120")
    page = text_of(client, exact.get_absolute_url())
    assert "<dd>120</dd>" in page and "(range" not in page
    over = make_transfer(quantity_low=100, quantity_wording="over 100")
    assert 'over 100 <span class="muted">(range 100–?)</span>' in text_of(client, over.get_absolute_url())
    between = make_transfer(quantity_low=160, quantity_high=180, quantity_wording="160 to 180")
    assert "(range 160–180)" in text_of(client, between.get_absolute_url())
    unworded = make_transfer(quantity_low=160, quantity_high=180)
    assert "<dd>160–180</dd>" in text_of(client, unworded.get_absolute_url())


def test_source_titles_are_not_cut_on_equipment_pages(client):
    equipment = make_equipment()
    title = "Video published on Telegram on a test day (test howitzers transported by train)"
    make_citation(make_designation(equipment=equipment), source=make_source(title=title))
    make_citation(equipment)
    assert f">{title}</a>" in text_of(client, equipment.get_absolute_url())


def test_no_last_change_is_shown_for_what_the_fixtures_loaded(client):
    for url in ["/events/korean-war-outbreak/", "/equipment/koksan/", "/sources/dprk-cold-war/"]:
        assert "Last changed" not in text_of(client, url), url


def test_the_last_change_shown_is_a_persons(client):
    event = make_rich_events(1)[0]
    event.title = "Changed by a script"
    event.save()  # history with no user: a command, not a person
    assert "Last changed" not in text_of(client, event.get_absolute_url())
    editor = get_user_model().objects.create_user("some-editor")
    record = event.history.first()
    record.history_user = editor
    record.save()
    page = text_of(client, event.get_absolute_url())
    assert "Last changed on" in page and "by some-editor." in page

"""What browsers and crawlers ask every site for: /favicon.ico, /robots.txt, /sitemap.xml."""

import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlparse

import pytest
from django.urls import resolve, reverse

from equipment.models import Designation, Equipment, Transfer
from events.models import Actor, Era, Event, Place
from sources.models import Source
from tests.conftest import (
    body,
    make_actor,
    make_citation,
    make_designation,
    make_equipment,
    make_place,
    make_rich_events,
    make_source,
    make_transfer,
)

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_the_favicon_is_a_small_icon_at_the_root_and_linked_from_every_page(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = body(response)
    assert icon[:4] == b"\x00\x00\x01\x00" and 0 < len(icon) < 20_000  # an ICO file, small
    assert "max-age" in response["Cache-Control"]
    for url in ["/", "/timeline/", "/events/korean-war-outbreak/", "/no-such-page/"]:
        assert b'<link rel="icon" href="/static/favicon.ico"' in client.get(url).content, url
    assert client.get("/static/favicon.ico").status_code == 200


def test_robots_txt_allows_the_site_but_not_the_editors_workplace_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert not any(line in ("Disallow: /", "Disallow: *") for line in lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def sitemap_urls(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(body(response))
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def test_the_sitemap_lists_every_public_page_once_with_absolute_addresses(client):
    urls = sitemap_urls(client)
    assert len(urls) == len(set(urls))
    assert all(url.startswith("http://testserver/") for url in urls)
    paths = {unquote(urlparse(url).path) + (f"?{urlparse(url).query}" if urlparse(url).query else "") for url in urls}
    lists = ["/", "/timeline/", "/events/", "/equipment/", "/designations/", "/transfers/", "/actors/", "/places/"]
    lists += ["/sources/", "/citations/", "/disputes/"]
    assert set(lists) <= paths
    entries = [Event, Actor, Place, Equipment, Transfer, Source, Era]
    for model in entries:
        for entry in model.objects.all():
            assert unquote(entry.get_absolute_url()) in paths, entry
    for code in Designation.objects.values_list("code", flat=True):
        assert f"/designations/{code}/" in paths, code
    for source in Source.objects.exclude(text=""):
        assert f"/sources/{source.slug}/text/" in paths
    assert not any(path.startswith("/admin/") for path in paths)


def test_every_address_in_the_sitemap_answers(client):
    urls = sitemap_urls(client)
    for url in urls:
        path = urlparse(url).path
        resolve(unquote(path))  # a route of the site
    # One page of each kind is fetched (the crawl of every page is tests/test_public_text.py's).
    seen = set()
    for url in urls:
        parsed = urlparse(url)
        kind = resolve(unquote(parsed.path)).url_name
        if kind in seen:
            continue
        seen.add(kind)
        address = parsed.path + (f"?{parsed.query}" if parsed.query else "")
        assert client.get(address).status_code == 200, address
    assert {"event-detail", "designation-detail", "source-text", "designation-list", "event-index"} <= seen


def test_the_sitemap_costs_the_same_few_queries_for_few_entries_and_many(client, django_assert_num_queries):
    queries = 9  # one per kind of entry (7), the sources, the archived texts
    with django_assert_num_queries(queries):
        sitemap_urls(client)
    make_rich_events(20)
    for _ in range(10):
        make_transfer(equipment=make_equipment())
        make_citation(make_designation())
        make_place(country=make_actor())
        make_source()
    with django_assert_num_queries(queries):
        urls = sitemap_urls(client)
    assert f"http://testserver{reverse('events:event-detail', args=[Event.objects.last().slug])}" in urls

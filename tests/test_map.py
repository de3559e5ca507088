"""The map of the timeline's events, the small maps of place pages, and the cited
coordinates they are drawn from."""

import re
from decimal import Decimal

import pytest

from events.maps import MIN_SPAN, Spot, draw, fit
from events.models import Event, Place
from sources.models import Source
from sources.quotes import in_text
from tests.conftest import make_event, make_place

pytestmark = pytest.mark.django_db

MARKER = re.compile(r'<a href="(?P<url>[^"]+)" aria-label="(?P<label>[^"]+)"[^>]*>\s*<(?P<shape>circle|path)')


def timeline_count(client, query):
    return client.get(f"/timeline/?{query}").context["page_obj"].paginator.count


def markers(html, shape=None):
    return {m["url"]: m["label"] for m in MARKER.finditer(html) if shape in (None, m["shape"])}


def rows(context, name):
    """(place, number of events, its timeline address) of each row of a list of the map page."""
    return [(row["spot"].place, row["spot"].count, row["timeline_url"]) for row in context[name]]


@pytest.mark.parametrize("query", ["", "era=korean-war", "kind=battle", "year_from=1945&year_to=1960"])
def test_the_map_counts_what_the_timeline_lists_for_the_same_filters(client, query):
    response = client.get(f"/map/?{query}")
    assert response.status_code == 200
    context = response.context
    assert context["event_count"] == timeline_count(client, query)
    for place, count, timeline_url in rows(context, "mapped") + rows(context, "unmapped"):
        # Each place's number is what its link to the timeline lists.
        assert timeline_url.startswith("/timeline/?")
        assert f"place={place.slug}" in timeline_url
        assert count == client.get(timeline_url).context["page_obj"].paginator.count, place.slug


def test_each_place_with_coordinates_is_a_marker_linking_its_page(client):
    response = client.get("/map/")
    html = response.content.decode()
    found = markers(html)
    mapped = rows(response.context, "mapped")
    assert mapped, "the curated events include places with coordinates"
    for place, count, _url in mapped:
        label = found[place.get_absolute_url()]
        assert label == f"{place.name}: {count} event{'' if count == 1 else 's'}"
    assert "Made with Natural Earth" in html


def test_places_without_coordinates_are_listed_beside_the_map(client):
    response = client.get("/map/?era=korean-war")
    html = response.content.decode()
    unmapped = rows(response.context, "unmapped")
    assert unmapped and all(place.latitude is None for place, _n, _url in unmapped)
    section = html[html.index('id="unmapped-heading"') :]
    for place, _count, _url in unmapped:
        assert place.get_absolute_url() in section
        assert place.get_absolute_url() not in markers(html)
    assert "38th parallel" in section  # a line, never a point


def test_the_timeline_and_its_map_link_to_each_other_with_the_same_filters(client):
    timeline = client.get("/timeline/?era=korean-war&kind=battle").content.decode()
    assert 'href="/map/?era=korean-war&amp;kind=battle"' in timeline
    page = client.get("/map/?era=korean-war&kind=battle").content.decode()
    assert 'href="/timeline/?era=korean-war&amp;kind=battle"' in page


@pytest.mark.parametrize(
    "query, message",
    [
        ("year_from=abc", "year"),
        ("place=no-such-place", "place"),
        ("era=no-such-era", "era"),
        ("kind=nonsense", "kind"),
        ("year_from=1960&year_to=1950", "year"),
    ],
)
def test_bad_filters_give_the_form_error_not_a_server_error(client, query, message):
    response = client.get(f"/map/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "cannot be used" in html
    assert 'role="alert"' in html
    assert "<svg" not in html


def test_a_filter_without_placed_events_says_so(client):
    event = make_event(title="Nowhere in particular")
    response = client.get(f"/map/?q={event.title}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "None of these events is at a place with coordinates." in html
    assert "1 of them has no place" in html


def test_a_new_place_with_coordinates_is_drawn_with_its_events(client):
    town = make_place(name="Testtown", latitude=Decimal("40.5"), longitude=Decimal("126.5"))
    make_event(title="Battle of Testtown", place=town)
    make_event(title="Second battle of Testtown", place=town)
    html = client.get("/map/?q=Testtown").content.decode()
    assert markers(html) == {town.get_absolute_url(): "Testtown: 2 events"}
    assert "Testtown (2)" in html  # its label on the map


def test_the_map_page_stays_light(client):
    # Outlines are clipped to the frame and thinned: the whole page, world-wide frame
    # included, weighs little.
    assert len(client.get("/map/").content) < 100_000
    assert len(client.get("/map/?era=korean-war").content) < 60_000
    assert len(client.get("/places/pyongyang/").content) < 40_000


def test_a_place_page_shows_a_small_map_of_its_own(client):
    html = client.get("/places/pyongyang/").content.decode()
    assert 'class="map map--small"' in html
    assert 'aria-current="page"' in html
    assert "Made with Natural Earth" in html
    # A place without coordinates has none.
    assert "<svg" not in client.get("/places/korean-peninsula/").content.decode()


def test_a_place_map_shows_the_places_around_it_with_coordinates(client):
    province = make_place(name="Test province", latitude=Decimal("40.0"), longitude=Decimal("125.0"))
    town = make_place(name="Test town", parent=province, latitude=Decimal("40.3"), longitude=Decimal("125.4"))
    make_place(name="Test village", parent=province)  # no coordinates: not drawn
    html = client.get(province.get_absolute_url()).content.decode()
    assert set(markers(html)) == {province.get_absolute_url(), town.get_absolute_url()}


def test_a_map_of_one_city_still_shows_its_surroundings():
    seoul = Place.objects.get(slug="seoul")
    frame = fit([(float(seoul.longitude), float(seoul.latitude))], 800, 500)
    assert frame.north - frame.south >= MIN_SPAN
    assert frame.south < 34.5 and frame.north > 40.5  # the peninsula, from Busan to Pyongyang
    drawn = draw([Spot(seoul, "/", 3)])
    names = {name for name, _path in drawn.countries}
    assert {"North Korea", "South Korea"} <= names
    [marker] = drawn.markers
    assert 0 < marker.x < drawn.width and 0 < marker.y < drawn.height


def test_labels_do_not_overlap():
    places = [
        Place(name=f"Place {i}", slug=f"p{i}", latitude=Decimal(39 + i * 0.05), longitude=Decimal(125 + i * 0.05))
        for i in range(8)
    ]
    drawn = draw([Spot(place, "/", i + 1) for i, place in enumerate(places)])
    boxes = [marker.label_box for marker in drawn.markers if marker.label]
    assert len(boxes) >= 3
    circles = [(m.x - m.radius, m.y - m.radius, m.x + m.radius, m.y + m.radius) for m in drawn.markers]
    for i, box in enumerate(boxes):
        for other in boxes[i + 1 :] + circles:
            assert not (box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3])


def test_every_coordinate_is_cited_from_the_gazetteer_record_in_its_archived_text():
    geonames = Source.objects.get(slug="geonames")
    assert geonames.kind == "database" and geonames.publisher == "GeoNames"
    placed = Place.objects.filter(latitude__isnull=False)
    assert placed.count() >= 6
    for place in placed:
        for attribute in ("latitude", "longitude"):
            [citation] = place.citations.filter(source=geonames, attribute=attribute)
            assert in_text(citation.quote, geonames.text), place.slug
            assert Decimal(citation.value) == getattr(place, attribute), place.slug
            # The quote is the record's line: its id, its name, then this value among its fields.
            assert citation.value in citation.quote.split("\t")
            assert citation.note.startswith("GeoNames record "), place.slug


def test_the_gazetteer_text_holds_one_line_per_record_used():
    geonames = Source.objects.get(slug="geonames")
    header, *records = geonames.text.splitlines()
    assert header.startswith("GeoNames id\tname\tlatitude\tlongitude")
    assert len(records) == Place.objects.filter(latitude__isnull=False).count()
    ids = [line.split("\t")[0] for line in records]
    assert ids == sorted(ids, key=int)


def test_a_place_that_is_a_whole_country_is_shaded_not_pointed(client):
    russia = Place.objects.get(slug="russia")
    assert russia.latitude is None
    response = client.get("/map/")
    html = response.content.decode()
    assert russia.get_absolute_url() in markers(html, shape="path")
    assert russia in [place for place, _n, _url in rows(response.context, "mapped")]
    assert "the whole country" in html
    # Its own page shows it too; a region of it (an oblast) is not the country.
    assert markers(client.get("/places/russia/").content.decode(), shape="path") == {
        russia.get_absolute_url(): "Russia"
    }
    assert "<svg" not in client.get("/places/kursk-oblast/").content.decode()


def test_places_that_are_not_towns_get_no_point():
    for slug in ("38th-parallel", "korean-peninsula", "han-river", "hill-266", "russia", "kursk-oblast"):
        assert Place.objects.get(slug=slug).latitude is None, slug


def test_the_map_counts_an_event_at_a_place_within_another_for_both(client):
    city = make_place(name="Test city", latitude=Decimal("41.0"), longitude=Decimal("127.0"))
    square = make_place(name="Test square", parent=city)
    make_event(title="zzqmap rally", place=square)
    context = client.get("/map/?q=zzqmap").context
    assert [(place.slug, n) for place, n, _url in rows(context, "mapped")] == [(city.slug, 1)]
    assert [(place.slug, n) for place, n, _url in rows(context, "unmapped")] == [(square.slug, 1)]
    assert context["event_count"] == Event.objects.filter(title="zzqmap rally").count() == 1


def test_a_hostile_place_name_is_escaped_in_the_map(client):
    name = '</svg><script>alert("x")</script>'
    town = make_place(name=name, latitude=Decimal("40.0"), longitude=Decimal("126.0"))
    make_event(title="zzqhostile visit", place=town)
    html = client.get("/map/?q=zzqhostile").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<script>" not in html
    assert "&lt;script&gt;" in svg


# The data's stamp (the page is kept under it: common.listing.KeptPage), the place (its
# country, its parent and its country), its children, citations, last change, events, and
# the knowledge base's version (for “Cite this page”).
PLACE_PAGE_QUERIES = 7


def test_a_place_page_with_its_map_costs_the_same_whatever_lies_within_it(client, django_assert_num_queries):
    country = Place.objects.get(slug="russia")
    city = make_place(name="Test city", parent=country, latitude=Decimal("55.0"), longitude=Decimal("40.0"))
    with django_assert_num_queries(PLACE_PAGE_QUERIES):
        client.get(city.get_absolute_url())
    for i in range(5):
        make_place(name=f"Test district {i}", parent=city, latitude=Decimal("55.1"), longitude=Decimal(40 + i / 10))
        make_event(place=city)
    with django_assert_num_queries(PLACE_PAGE_QUERIES):
        html = client.get(city.get_absolute_url()).content.decode()
    assert len(markers(html)) == 1 + 1 + 5  # the city, Russia around it, its districts

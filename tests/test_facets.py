"""Facet counts tell the truth: each option's count is the number of rows its filter gives."""

import pytest
from django.test import RequestFactory
from django.urls import get_resolver

from common.facets import FacetsMixin
from tests.conftest import make_citation, make_event, make_place

pytestmark = pytest.mark.django_db


def faceted_lists():
    """(URL name, view class) of every list whose filters show facet counts."""
    found = []
    for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items():
        for pattern in resolver.url_patterns:
            view = getattr(pattern.callback, "view_class", None)
            filterset = getattr(view, "filterset_class", None)
            if filterset and issubclass(filterset, FacetsMixin) and "export" not in pattern.name:
                found.append((f"{namespace}:{pattern.name}", view))
    return found


def test_the_timeline_is_among_the_faceted_lists():
    assert "events:timeline" in [name for name, _view in faceted_lists()]


SELECTIONS = [
    {},
    {"era": "korean-war"},
    {"kind": "battle"},
    {"year_from": "1950", "year_to": "1960"},
    {"q": "tank"},
    {"place": "korean-peninsula"},
    {"era": "cold-war", "kind": "sighting"},
]


@pytest.mark.parametrize(("route", "view"), faceted_lists())
@pytest.mark.parametrize("selection", SELECTIONS)
def test_every_option_counts_the_rows_its_filter_gives(route, view, selection):
    request = RequestFactory().get("/", selection)
    filterset_class = view.filterset_class
    rows = view().get_queryset() if hasattr(view, "get_queryset") else None

    def count(data):
        filterset = filterset_class(data, queryset=rows, request=request)
        assert filterset.is_valid(), filterset.errors
        return filterset.qs.count()

    filterset = filterset_class(selection, queryset=rows, request=request)
    assert filterset.is_valid()
    checked = 0
    for facet in filterset.facet_counts():
        assert facet.counted
        for option in facet.options:
            assert option.count == count({**selection, facet.name: option.value}), (facet.name, option.value)
            checked += 1
    assert checked


def test_a_place_counts_the_events_at_the_places_within_it(client):
    province = make_place(name="A province")
    cities = [make_place(name=f"City {i}", parent=province) for i in range(3)]
    for city in [province, *cities]:
        make_citation(make_event(place=city, title=f"Something at {city.name}"))
    response = client.get("/timeline/", {"place": province.slug})
    facet = next(f for f in response.context["facets"] if f.name == "place")
    option = next(o for o in facet.options if o.value == province.slug)
    assert option.count == 4 == response.context["page_obj"].paginator.count
    assert "A province (4)" in response.content.decode()

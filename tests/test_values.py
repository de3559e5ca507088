"""Values compared as values: numbers, ranges, qualifiers and units are read before two
citations are said to disagree."""

import pytest

from common.values import compatible
from sources.attributes import Attribute
from sources.disputes import disagree
from sources.models import Citation
from tests.conftest import make_citation, make_equipment, make_event, make_source


@pytest.mark.parametrize(
    ("first", "second", "scale"),
    [
        ("40", "exceeding 25 miles", "length_km"),  # 25 miles is 40.2 km
        ("19 October 1950", "late 1950", "date"),
        ("130 or 152", "130", "length_mm"),
        ("about 170", "170", "number"),
        ("160–180", "170", "number"),
        ("160 to 180", "175", "number"),
        ("1950", "25 June 1950", "date"),
        ("by 1992", "1992", "date"),
        ("1950s", "1956", "date"),
        ("4 August – 18 September 1950", "September 1950", "date"),
        ("spring 1949", "May 1949", "date"),
        ("several hundred", "500", "number"),
        ("over 100", "double the number already sent", "number"),  # words cannot contradict a number
        ("about 30 percent", "about 1,000 killed and 3,000 wounded", "number"),  # different measures
        ("Chonma-Ho (original model)", "Chonma-Ho (original)", "number"),
        ("Soviet", "Soviet Union", "number"),
    ],
)
def test_compatible_values_agree(first, second, scale):
    assert compatible(first, second, scale) and compatible(second, first, scale)


@pytest.mark.parametrize(
    ("first", "second", "scale"),
    [
        ("12,000", "11,000", "number"),
        ("40", "exceeding 30 miles", "length_km"),
        ("160 to 180", "500", "number"),
        ("by 1992", "1994", "date"),
        ("1950s", "1962", "date"),
        ("over a million", "102,000", "number"),
        ("1904", "1910", "date"),
        ("China", "Mao Zedong", "number"),
    ],
)
def test_incompatible_values_disagree(first, second, scale):
    assert not compatible(first, second, scale) and not compatible(second, first, scale)


def test_an_attribute_names_its_unit():
    assert not disagree("range_km", ["40", "exceeding 25 miles"])
    assert disagree("range_km", ["40", "60"])
    assert not disagree("date", ["19 October 1950", "late 1950"])


@pytest.mark.django_db
def test_compatible_citations_make_no_dispute_and_incompatible_ones_do():
    gun = make_equipment()
    make_citation(gun, attribute="range_km", value="40")
    make_citation(gun, attribute="range_km", value="exceeding 25 miles")
    make_citation(gun, attribute="caliber_mm", value="130 or 152")
    make_citation(gun, attribute="caliber_mm", value="130")
    assert [d for d in Citation.objects.disputes() if d.target == gun] == []
    make_citation(gun, attribute="range_km", value="60")
    [dispute] = [d for d in Citation.objects.disputes() if d.target == gun]
    assert dispute.attribute == "range_km" and set(dispute.values) == {"40", "exceeding 25 miles", "60"}


@pytest.mark.django_db
def test_a_dispute_inside_one_document_says_so(client):
    article = make_source(title="One article", text="preparing to send over 100; 120 already supplied")
    event = make_event()
    make_citation(event, source=article, quote="preparing to send over 100", attribute="quantity", value="over 130")
    make_citation(event, source=article, quote="120 already supplied", attribute="quantity", value="120")
    text = client.get(event.get_absolute_url()).content.decode()
    assert "Sources disagree" in text and "One article gives both." in text


def test_coordinates_compare_as_signed_degrees():
    # A value stands for all that rounds to it; south and west are negative.
    assert compatible("39.03385", "39.03385", "degrees")
    assert compatible("125.2529", "125.25290", "degrees")
    assert compatible("39.0339", "39.03385", "degrees")
    assert not compatible("39.03385", "-39.03385", "degrees")
    assert compatible("-33.9", "33.9 S", "degrees")
    assert not compatible("39.03385", "39.15278", "degrees")
    assert Attribute("latitude").scale == Attribute("longitude").scale == "degrees"

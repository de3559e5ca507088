"""Two citations of one entry that give different values for one attribute are a dispute."""

import pytest

from sources.models import Citation
from tests.conftest import make_actor, make_citation, make_equipment, make_event, make_source

pytestmark = pytest.mark.django_db


def disputes_of(entry):
    return [d for d in Citation.objects.disputes() if d.target == entry]


def test_different_values_make_one_dispute_with_both_values_and_sources():
    event = make_event()
    a, b = make_source(title="Source A"), make_source(title="Source B")
    make_citation(event, source=a, attribute="troops", value="12,000")
    make_citation(event, source=b, attribute="troops", value="11,000")
    make_citation(event, source=b, attribute="place", value="Kursk")  # alone: no dispute

    [dispute] = disputes_of(event)
    assert dispute.attribute == "troops"
    assert sorted(dispute.values) == ["11,000", "12,000"]
    assert [c.source.title for c in dispute.values["12,000"]] == ["Source A"]
    assert [c.source.title for c in dispute.values["11,000"]] == ["Source B"]


def test_equal_values_are_no_dispute():
    event = make_event()
    make_citation(event, attribute="troops", value="12,000")
    make_citation(event, attribute="troops", value="12,000")
    make_citation(event, attribute="troops")  # no value given: nothing to disagree with
    assert disputes_of(event) == []


def test_same_attribute_on_different_entries_is_no_dispute():
    first, second = make_event(), make_event()
    make_citation(first, attribute="quantity", value="160")
    make_citation(second, attribute="quantity", value="500")
    assert disputes_of(first) == [] and disputes_of(second) == []


def test_disputes_on_every_kind_of_entry():
    entries = {make_event(): "date", make_actor(): "start", make_equipment(): "first_observed"}
    for entry, attribute in entries.items():
        make_citation(entry, attribute=attribute, value="1950")
        make_citation(entry, attribute=attribute, value="1951")
    found = {d.target for d in Citation.objects.disputes()}
    assert set(entries) <= found


def test_three_values_and_two_sources_per_value():
    event = make_event()
    for value in ["160", "180", "500", "500"]:
        make_citation(event, attribute="quantity", value=value)
    [dispute] = disputes_of(event)
    assert {v: len(c) for v, c in dispute.values.items()} == {"160": 1, "180": 1, "500": 2}


def test_finding_disputes_takes_three_queries_however_many(django_assert_num_queries):
    for _ in range(5):
        event = make_event()
        make_citation(event, attribute="troops", value="1")
        make_citation(event, attribute="troops", value="2")
    # the pairs with more than one value, their values, then the disputes' citations
    with django_assert_num_queries(3):
        disputes = Citation.objects.disputes()
        for dispute in disputes:
            for citations in dispute.values.values():
                [str(c.source) for c in citations]
            str(dispute.target)
    assert len(disputes) >= 5

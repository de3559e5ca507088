"""Every rule that matters is enforced by the database itself, on SQLite and PostgreSQL.

``loaddata`` skips ``clean()`` and ``save()`` overrides, so these rows are written
straight to the database; each must be refused with an IntegrityError naming the rule.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from equipment.models import Designation, Equipment, Image, Transfer
from events.models import Actor, Era, Event, Place
from sources.models import Citation, Source
from tests.conftest import (
    make_actor,
    make_citation,
    make_designation,
    make_equipment,
    make_event,
    make_place,
    make_source,
    make_transfer,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def refused(constraint, write):
    """Assert that ``write()`` is refused by the database, naming ``constraint`` if given."""
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        write()
    if constraint:
        assert constraint in str(caught.value)


CHECKS = {
    # sources
    "source_kind_valid": lambda: make_source(kind="rumour"),
    "source_reliability_valid": lambda: make_source(reliability="Z"),
    "source_published_precision_valid": lambda: make_source(published_precision="week"),
    "source_title_not_empty": lambda: make_source(title=""),
    "source_slug_not_empty": lambda: make_source(slug=""),
    "citation_exactly_one_target": lambda: Citation.objects.create(source=make_source(), quote="x"),
    "citation_quote_not_empty": lambda: make_citation(make_event(), quote=""),
    "citation_value_needs_attribute": lambda: make_citation(make_event(), value="12,000"),
    "citation_attribute_in_vocabulary": lambda: make_citation(make_event(), attribute="calibre", value="170"),
    "citation_reading_has_value_and_note": lambda: make_citation(
        make_event(), attribute="date", value="1950", reading=True
    ),
    # events
    "era_end_after_start": lambda: Era.objects.create(
        name="Backwards", slug="backwards", start=D(1960, 1, 1), end=D(1950, 1, 1)
    ),
    "era_start_precision_valid": lambda: Era.objects.create(
        name="Vague", slug="vague", start=D(1950, 1, 1), start_precision="week"
    ),
    "era_start_first_day_of_period": lambda: Era.objects.create(
        name="Mid-year", slug="mid-year", start=D(1950, 6, 25), start_precision="year"
    ),
    "place_name_not_empty": lambda: make_place(name=""),
    "place_latitude_range": lambda: make_place(latitude=91, longitude=0),
    "place_longitude_range": lambda: make_place(latitude=0, longitude=181),
    "place_coordinates_both_or_neither": lambda: make_place(latitude=39),
    "actor_name_not_empty": lambda: make_actor(name=""),
    "actor_kind_valid": lambda: make_actor(kind="alien"),
    "actor_date_precision_valid": lambda: make_actor(date_precision="week"),
    "actor_end_after_start": lambda: make_actor(start=D(1926, 1, 1), end=D(1894, 1, 1)),
    "actor_start_first_month_of_period": lambda: make_actor(start=D(1912, 4, 1), date_precision="year"),
    "event_title_not_empty": lambda: make_event(title=""),
    "event_kind_valid": lambda: make_event(kind="picnic"),
    "event_date_precision_valid": lambda: make_event(date_precision="week"),
    "event_end_after_start": lambda: make_event(date_start=D(1950, 9, 18), date_end=D(1950, 8, 4)),
    "event_date_start_first_day_of_period": lambda: make_event(date_start=D(1950, 6, 25), date_precision="month"),
    "event_date_start_first_month_of_period": lambda: make_event(date_start=D(1950, 6, 1), date_precision="year"),
    "event_date_start_first_year_of_decade": lambda: make_event(date_start=D(1965, 1, 1), date_precision="decade"),
    "event_date_end_first_year_of_decade": lambda: make_event(
        date_start=D(1, 1, 1), date_end=D(5, 1, 1), date_precision="decade"
    ),
    "actor_start_first_year_of_decade": lambda: make_actor(start=D(9, 1, 1), date_precision="decade"),
    "event_date_end_first_day_of_period": lambda: make_event(
        date_start=D(1950, 6, 1), date_end=D(1950, 7, 4), date_precision="month"
    ),
    # equipment
    "equipment_name_not_empty": lambda: make_equipment(name=""),
    "equipment_category_valid": lambda: make_equipment(category="spaceship"),
    "equipment_caliber_positive": lambda: make_equipment(caliber_mm=0),
    "equipment_weight_positive": lambda: make_equipment(weight_t=-1),
    "equipment_crew_positive": lambda: make_equipment(crew=0),
    "equipment_range_positive": lambda: make_equipment(range_km=0),
    "equipment_first_observed_plausible": lambda: make_equipment(first_observed=3000),
    "equipment_first_observed_qualifier_valid": lambda: make_equipment(
        first_observed=1992, first_observed_qualifier="around"
    ),
    "equipment_first_observed_qualifier_needs_year": lambda: make_equipment(first_observed_qualifier="by"),
    "designation_scheme_valid": lambda: make_designation(scheme="klingon"),
    "designation_code_not_empty": lambda: make_designation(code=""),
    "designation_code_no_slash": lambda: make_designation(code="YW531A/Type 63A"),
    "transfer_status_valid": lambda: make_transfer(status="rumoured"),
    "transfer_quantity_low_le_high": lambda: make_transfer(quantity_low=180, quantity_high=160),
    "transfer_delivery_end_after_start": lambda: make_transfer(delivery_start=1982, delivery_end=1972),
    "transfer_delivery_after_order": lambda: make_transfer(order_year=1970, delivery_start=1966),
    "transfer_has_equipment_or_item": lambda: make_transfer(item=""),
    "transfer_order_year_in_range": lambda: make_transfer(order_year=0),
    "transfer_delivery_start_in_range": lambda: make_transfer(delivery_start=10000),
    "transfer_delivery_end_in_range": lambda: make_transfer(delivery_start=9999, delivery_end=10000),
    "image_exactly_one_subject": lambda: Image.objects.create(image="x.png", width=10, height=10, alt_text="A tank"),
    "image_alt_text_not_empty": lambda: Image.objects.create(
        image="x.png", width=10, height=10, alt_text="", event=make_event()
    ),
}


@pytest.mark.parametrize("constraint", sorted(CHECKS))
def test_check_constraint_is_enforced_by_the_database(constraint):
    refused(constraint, CHECKS[constraint])


def test_citation_with_two_targets_is_refused():
    refused(
        "citation_exactly_one_target",
        lambda: Citation.objects.create(source=make_source(), quote="x", event=make_event(), actor=make_actor()),
    )


def test_citation_relayed_by_its_own_source_is_refused():
    source = make_source()
    refused("citation_via_not_source", lambda: make_citation(make_event(), source=source, via=source))


def test_self_references_are_refused():
    place, actor, equipment = make_place(), make_actor(), make_equipment()
    refused("place_not_own_parent", lambda: Place.objects.filter(pk=place.pk).update(parent=place))
    refused("actor_not_own_parent", lambda: Actor.objects.filter(pk=actor.pk).update(parent=actor))
    refused(
        "equipment_not_based_on_itself", lambda: Equipment.objects.filter(pk=equipment.pk).update(based_on=equipment)
    )


def test_transfer_to_itself_is_refused():
    actor = make_actor()
    refused("transfer_supplier_not_recipient", lambda: make_transfer(supplier=actor, recipient=actor))


@pytest.mark.parametrize(
    "write",
    [
        lambda: make_source(slug="dup") and make_source(slug="dup"),
        lambda: make_actor(slug="dup") and make_actor(slug="dup"),
        lambda: make_place(slug="dup") and make_place(slug="dup"),
        lambda: make_event(slug="dup") and make_event(slug="dup"),
        lambda: make_equipment(slug="dup") and make_equipment(slug="dup"),
        lambda: make_transfer(slug="dup") and make_transfer(slug="dup"),
        lambda: (
            Era.objects.create(name="a", slug="dup", start=D(1, 1, 1))
            and Era.objects.create(name="b", slug="dup", start=D(1, 1, 1))
        ),
    ],
    ids=["source", "actor", "place", "event", "equipment", "transfer", "era"],
)
def test_slugs_are_unique(write):
    refused(None, write)


def test_one_code_may_name_several_equipment_but_not_twice_the_same():
    first, second = make_equipment(), make_equipment()
    make_designation(code="M1992", scheme="us_dod", equipment=first)
    make_designation(code="M1992", scheme="us_dod", equipment=second)
    assert Designation.objects.filter(code="M1992", equipment__in=[first, second]).count() == 2
    refused(None, lambda: make_designation(code="M1992", scheme="us_dod", equipment=first))


def test_a_cited_source_cannot_be_deleted():
    citation = make_citation(make_event())
    with pytest.raises(ProtectedError):
        citation.source.delete()
    assert Source.objects.filter(pk=citation.source_id).exists()


def test_valid_rows_are_accepted():
    """The constraints do not refuse what they should allow."""
    event = make_event(date_start=D(1960, 1, 1), date_precision="decade", circa=True)
    make_event(date_start=D(1950, 10, 1), date_end=D(1950, 11, 1), date_precision="month")
    make_actor(start=D(1894, 1, 1), end=D(1926, 1, 1), date_precision="year")
    make_transfer(quantity_low=160, quantity_high=180, order_year=1966, delivery_start=1967, delivery_end=1974)
    make_place(latitude=39.03, longitude=125.75)
    Image.objects.create(image="x.png", width=10, height=10, alt_text="A tank on parade", event=event)
    assert Event.objects.filter(pk=event.pk).exists()
    assert Transfer.objects.filter(quantity_low=160).exists()

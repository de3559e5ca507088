"""Partial dates render at their precision and sort by the first day of their period."""

import datetime

import pytest

from common.dates import (
    DatePrecision,
    edtf,
    format_date,
    format_date_range,
    period_start,
)
from tests.conftest import make_event

D = datetime.date


@pytest.mark.parametrize(
    ("value", "precision", "circa", "expected"),
    [
        (D(1950, 6, 25), "day", False, "25 June 1950"),
        (D(1950, 6, 1), "month", False, "June 1950"),
        (D(1950, 1, 1), "year", False, "1950"),
        (D(1950, 1, 1), "decade", False, "1950s"),
        (D(1989, 1, 1), "year", True, "c. 1989"),
        (D(1968, 1, 21), "day", True, "c. 21 January 1968"),
        (D(1950, 10, 1), "month", True, "c. October 1950"),
        (D(1960, 1, 1), "decade", True, "c. 1960s"),
        (D(1967, 1, 1), "decade", False, "1960s"),
        (None, "day", False, ""),
        (D(1, 1, 1), "decade", False, "0s"),
        (D(1, 1, 1), "day", True, "c. 1 January 1"),
        (D(9990, 1, 1), "decade", False, "9990s"),
        (D(9999, 12, 31), "day", False, "31 December 9999"),
    ],
)
def test_format_date_at_every_precision(value, precision, circa, expected):
    assert format_date(value, precision, circa) == expected


@pytest.mark.parametrize(
    ("start", "end", "precision", "circa", "expected"),
    [
        (D(1950, 8, 4), D(1950, 9, 18), "day", False, "4 August – 18 September 1950"),
        (D(1950, 10, 25), D(1950, 10, 29), "day", False, "25–29 October 1950"),
        (D(1950, 6, 25), D(1953, 7, 27), "day", False, "25 June 1950 – 27 July 1953"),
        (D(1951, 4, 1), D(1951, 5, 1), "month", False, "April – May 1951"),
        (D(1952, 6, 1), D(1953, 3, 1), "month", False, "June 1952 – March 1953"),
        (D(1935, 1, 1), D(1936, 1, 1), "year", False, "1935–1936"),
        (D(1940, 1, 1), D(1950, 1, 1), "decade", False, "1940s–1950s"),
        (D(1967, 1, 1), D(1974, 1, 1), "year", True, "c. 1967–1974"),
        (D(1950, 6, 25), D(1950, 6, 25), "day", False, "25 June 1950"),
        (D(1950, 6, 25), None, "day", True, "c. 25 June 1950"),
    ],
)
def test_format_date_range(start, end, precision, circa, expected):
    assert format_date_range(start, end, precision, circa) == expected


@pytest.mark.parametrize(
    ("value", "precision", "first"),
    [
        (D(1950, 6, 25), "day", D(1950, 6, 25)),
        (D(1950, 2, 14), "month", D(1950, 2, 1)),
        (D(1950, 12, 5), "month", D(1950, 12, 1)),
        (D(1950, 6, 25), "year", D(1950, 1, 1)),
        (D(1967, 3, 3), "decade", D(1960, 1, 1)),
        # The 0s have no year 0: they begin in year 1.
        (D(1, 1, 1), "decade", D(1, 1, 1)),
        (D(5, 6, 7), "decade", D(1, 1, 1)),
        (D(9, 12, 31), "decade", D(1, 1, 1)),
        (D(10, 5, 5), "decade", D(10, 1, 1)),
        (D(9999, 12, 31), "decade", D(9990, 1, 1)),
        (D(9999, 12, 31), "year", D(9999, 1, 1)),
        (D(9999, 12, 31), "month", D(9999, 12, 1)),
    ],
)
def test_period_start(value, precision, first):
    assert period_start(value, precision) == first


@pytest.mark.django_db
def test_partial_dates_sort_by_the_first_day_of_their_period():
    from events.models import Event

    made = [
        make_event(slug="zz-day", date_start=D(1850, 6, 25), date_precision=DatePrecision.DAY),
        make_event(slug="zz-decade", date_start=D(1840, 1, 1), date_precision=DatePrecision.DECADE),
        make_event(slug="zz-month", date_start=D(1850, 6, 1), date_precision=DatePrecision.MONTH),
        make_event(slug="zz-year", date_start=D(1850, 1, 1), date_precision=DatePrecision.YEAR),
        make_event(slug="zz-july", date_start=D(1850, 7, 1), date_precision=DatePrecision.MONTH),
    ]
    ordered = Event.objects.filter(pk__in=[e.pk for e in made]).chronological()
    assert [e.date_display for e in ordered] == ["1840s", "1850", "June 1850", "25 June 1850", "July 1850"]


@pytest.mark.parametrize("year", [-1, 0, 10000, 10**20])
def test_years_outside_the_range_are_refused_with_one_message(year):
    from django.core.exceptions import ValidationError

    from common.dates import YEAR_RANGE_MESSAGE, validate_year

    with pytest.raises(ValidationError) as refused:
        validate_year(year)
    assert refused.value.messages == [YEAR_RANGE_MESSAGE] == ["Enter a year between 1 and 9999."]


@pytest.mark.parametrize("year", [1, 9, 10, 9999])
def test_years_inside_the_range_are_accepted(year):
    from common.dates import validate_year

    validate_year(year)


@pytest.mark.django_db
def test_the_0s_are_stored_from_year_1_and_no_other_decade_off_a_year_ending_in_0():
    from django.db import IntegrityError, transaction

    assert make_event(date_start=D(1, 1, 1), date_precision="decade").date_display == "0s"
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(date_start=D(5, 1, 1), date_precision="decade")


@pytest.mark.parametrize(
    ("start", "end", "precision", "circa", "end_precision", "qualifier", "shown", "in_edtf"),
    [
        (D(1950, 6, 25), None, "day", False, "", "", "25 June 1950", "1950-06-25"),
        (D(1950, 6, 1), None, "month", False, "", "", "June 1950", "1950-06"),
        (D(1950, 1, 1), None, "year", False, "", "", "1950", "1950"),
        (D(1950, 1, 1), None, "decade", False, "", "", "1950s", "195X"),
        (D(1, 1, 1), None, "decade", False, "", "", "0s", "000X"),
        (D(1989, 1, 1), None, "year", True, "", "", "c. 1989", "1989~"),
        (D(1950, 1, 1), D(1953, 1, 1), "year", False, "", "", "1950–1953", "1950/1953"),
        (D(1935, 1, 1), D(1950, 6, 1), "year", False, "month", "", "1935 – June 1950", "1935/1950-06"),
        (D(1992, 1, 1), None, "year", False, "", "by", "by 1992", "[..1992]"),
        (D(1910, 1, 1), None, "year", False, "", "after", "after 1910", "[1910..]"),
        (D(9999, 12, 31), None, "day", False, "", "", "31 December 9999", "9999-12-31"),
    ],
)
def test_periods_render_for_readers_and_in_edtf(start, end, precision, circa, end_precision, qualifier, shown, in_edtf):
    assert format_date_range(start, end, precision, circa, end_precision, qualifier) == shown
    assert edtf(start, end, precision, circa, end_precision, qualifier) == in_edtf

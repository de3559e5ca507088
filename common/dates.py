"""Partial dates: a date known to a day, a month, a year or a decade, perhaps only roughly.

A partial date is stored as the first day of its period (June 1950 is 1950-06-01, the
1960s are 1960-01-01) next to its precision, so that the database sorts and filters it
as an ordinary date. This module renders such dates for people and answers the few
questions filters ask of them (where a period starts, which dates may fall between two
bounds), in plain SQL on every database.

Every year from ``MIN_YEAR`` to ``MAX_YEAR`` (those a date can have) is accepted by every
form, stored, drawn and exported; ``validate_year`` is the one check of that range.
"""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.lookups import Exact

EN_DASH = "\u2013"

# The years the site accepts and can draw: all those a date can have (there is no year 0).
MIN_YEAR = datetime.MINYEAR
MAX_YEAR = datetime.MAXYEAR
YEAR_RANGE_MESSAGE = f"Enter a year between {MIN_YEAR} and {MAX_YEAR}."


def validate_year(value):
    """Refuse a year outside MIN_YEAR–MAX_YEAR, with the message every form gives."""
    if value is not None and not MIN_YEAR <= value <= MAX_YEAR:
        raise ValidationError(YEAR_RANGE_MESSAGE, code="year_out_of_range")


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class DatePrecision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"
    DECADE = "decade", "decade"


def precision_field(help_text, **options):
    """A field saying how precisely a source gives a date: a day, a month, a year or a decade."""
    return models.CharField(max_length=10, choices=DatePrecision.choices, help_text=help_text, **options)


def decade(year):
    """The decade a year is in, by its first year: 1967 -> 1960; years 1–9 are the 0s."""
    return year - year % 10


# There is no year 0: the 0s begin on the first day of year 1, the only decade whose
# first day is not in a year ending in 0.
FIRST_DECADE_START = datetime.date(MIN_YEAR, 1, 1)


def period_start(value, precision):
    """The first day of the period of ``precision`` that contains ``value``."""
    if precision == DatePrecision.DAY:
        return value
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    first_year = decade(value.year)
    return datetime.date(first_year, 1, 1) if first_year >= MIN_YEAR else FIRST_DECADE_START


def period_end(value, precision):
    """The last day of the period of ``precision`` that contains ``value``."""
    if precision == DatePrecision.DAY:
        return value
    if precision == DatePrecision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    if precision == DatePrecision.YEAR:
        return value.replace(month=12, day=31)
    return datetime.date(min(decade(value.year) + 9, MAX_YEAR), 12, 31)


class DateQualifier(models.TextChoices):
    """How a partial date bounds what happened, when the source only bounds it."""

    ON = "", "on or within the date"
    BY = "by", "by the date (on or before)"
    AFTER = "after", "after the date (on or after)"


def format_date(value, precision, circa=False, qualifier=""):
    """One partial date: "25 June 1950", "June 1950", "1950", "1950s", "c. 1989", "by 1992"."""
    if value is None:
        return ""
    return _qualified(_format_plain(value, precision), circa, qualifier)


def format_date_range(start, end, precision, circa=False, end_precision="", qualifier=""):
    """A partial date or a range, shortened where both ends share a month or a year.

    "4 August – 18 September 1950", "25–29 October 1950", "April – May 1951",
    "1935–1936", "1940s–1950s"; a range whose ends render alike is shown once; an end of
    another precision than the start is shown at its own ("1935 – June 1950").
    """
    if start is None:
        return ""
    end_precision = end_precision or precision
    if end is None or (end_precision == precision and _format_plain(start, precision) == _format_plain(end, precision)):
        return format_date(start, precision, circa, qualifier)
    if end_precision != precision:
        text = f"{_format_plain(start, precision)} {EN_DASH} {_format_plain(end, end_precision)}"
    elif precision == DatePrecision.DAY and start.year == end.year:
        if start.month == end.month:
            text = f"{start.day}{EN_DASH}{end.day} {MONTHS[end.month - 1]} {end.year}"
        else:
            text = f"{start.day} {MONTHS[start.month - 1]} {EN_DASH} {_format_plain(end, precision)}"
    elif precision == DatePrecision.MONTH and start.year == end.year:
        text = f"{MONTHS[start.month - 1]} {EN_DASH} {MONTHS[end.month - 1]} {end.year}"
    elif precision in (DatePrecision.YEAR, DatePrecision.DECADE):
        text = f"{_format_plain(start, precision)}{EN_DASH}{_format_plain(end, precision)}"
    else:
        text = f"{_format_plain(start, precision)} {EN_DASH} {_format_plain(end, precision)}"
    return _qualified(text, circa, qualifier)


def _qualified(text, circa, qualifier):
    if qualifier:
        text = f"{qualifier} {text}"
    return f"c. {text}" if circa else text


def edtf(start, end, precision, circa=False, end_precision="", qualifier=""):
    """The period in the Library of Congress Extended Date/Time Format: "1950-06-25",
    "1950-06", "1950", "195X" (a decade), "1989~" (circa), "1950/1953" (a range),
    "[..1992]" (by 1992: on or before), "[1910..]" (after 1910: on or after)."""
    if start is None:
        return ""
    mark = "~" if circa else ""
    text = _edtf_plain(start, precision) + mark
    if end is not None:
        end_text = _edtf_plain(end, end_precision or precision) + mark
        if end_text != text:
            text = f"{text}/{end_text}"
    if qualifier == DateQualifier.BY:
        return f"[..{text}]"
    if qualifier == DateQualifier.AFTER:
        return f"[{text}..]"
    return text


def _edtf_plain(value, precision):
    if precision == DatePrecision.DAY:
        return value.isoformat()
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    return f"{decade(value.year) // 10:03d}X"


def _format_plain(value, precision):
    if precision == DatePrecision.DAY:
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if precision == DatePrecision.MONTH:
        return f"{MONTHS[value.month - 1]} {value.year}"
    if precision == DatePrecision.YEAR:
        return str(value.year)
    return f"{decade(value.year)}s"


def period(start, precision, end=None, end_precision=""):
    """The first and last day of the period a partial date or range occupies.

    "1950s" occupies 1950-01-01 to 1959-12-31, "June 1950" its whole month, "1935 – June
    1950" 1935-01-01 to 1950-06-30. A qualifier ("by", "after") does not widen it: the
    period is what the words date, and the qualifier is shown beside it.
    """
    last = end if end is not None else start
    return period_start(start, precision), period_end(last, (end_precision or precision) if end else precision)


def periods_overlap(first, last, first_day=None, last_day=None):
    """Whether the period ``first``–``last`` overlaps ``first_day``–``last_day`` (open
    where None): the rule ``Event.objects.overlapping`` writes in SQL."""
    return (last_day is None or first <= last_day) and (first_day is None or last >= first_day)


class PeriodEnd(models.Func):
    """The last day of the period of ``precision`` that starts on ``date`` (a column kept as
    the first day of its period), in SQL the database can keep as a generated column:
    ``period_end`` in SQL. "1950s" (1950-01-01) ends 1959-12-31, "June 1950" 1950-06-30."""

    output_field = models.DateField()
    arity = 2

    def as_sql(self, compiler, connection, **extra_context):
        date, precision = (compiler.compile(expression) for expression in self.get_source_expressions())
        d = f"({date[0]})"
        year = f"CAST(EXTRACT(YEAR FROM {d}) AS INTEGER)"
        month_end = f"CAST(CAST({d} AS TIMESTAMP) + INTERVAL '1 month' - INTERVAL '1 day' AS DATE)"
        cases = {
            "month": month_end,
            "year": f"make_date({year}, 12, 31)",
            "decade": f"make_date({year} / 10 * 10 + 9, 12, 31)",
        }
        return self._case(precision[0], d, cases), [*precision[1], *date[1] * 4]  # the date is in 4 places

    def as_sqlite(self, compiler, connection, **extra_context):
        date, precision = (compiler.compile(expression) for expression in self.get_source_expressions())
        d = f"({date[0]})"
        cases = {
            # (past December 9999 SQLite has no date: that month ends on the 31st)
            "month": f"COALESCE(date({d}, '+1 month', '-1 day'), substr({d}, 1, 4) || '-12-31')",
            "year": f"(substr({d}, 1, 4) || '-12-31')",
            "decade": f"(substr({d}, 1, 3) || '9-12-31')",
        }
        return self._case(precision[0], d, cases), [*precision[1], *date[1] * 5]  # the date is in 5 places

    @staticmethod
    def _case(precision, date, cases):
        whens = " ".join(f"WHEN '{name}' THEN {sql}" for name, sql in cases.items())
        return f"CASE ({precision}) {whens} ELSE {date} END"


class DatePart(models.Func):
    """The year, month or day of a date column as an integer, in plain SQL on every database.

    Django's own Extract calls a Python function on SQLite; a constraint built on it
    would make the SQLite file unwritable for any tool but Django.
    """

    output_field = models.IntegerField()
    # SQLite keeps dates as "YYYY-MM-DD" text: (start, length) of each part.
    SQLITE_SLICES = {"year": (1, 4), "month": (6, 2), "day": (9, 2)}

    def __init__(self, part, expression, **extra):
        if part not in self.SQLITE_SLICES:
            raise ValueError(f"Unknown date part {part!r}")
        self.part = part
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template=f"EXTRACT({self.part.upper()} FROM %(expressions)s)", **extra_context
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        start, length = self.SQLITE_SLICES[self.part]
        return super().as_sql(
            compiler,
            connection,
            template=f"CAST(substr(%(expressions)s, {start}, {length}) AS INTEGER)",
            **extra_context,
        )


def partial_date_constraints(prefix, date_field, precision_field):
    """Constraints that keep a partial date stored as the first day of its period
    (``dates.period_start``): a decade starts in a year ending in 0, or on 1 January of
    year 1 for the 0s, which have no year 0."""
    return [
        models.CheckConstraint(
            condition=Q(**{precision_field: DatePrecision.DAY})
            | Q(**{f"{date_field}__isnull": True})
            | Q(Exact(DatePart("day", date_field), 1)),
            name=f"{prefix}_{date_field}_first_day_of_period",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{precision_field}__in": [DatePrecision.DAY, DatePrecision.MONTH]})
            | Q(**{f"{date_field}__isnull": True})
            | Q(Exact(DatePart("month", date_field), 1)),
            name=f"{prefix}_{date_field}_first_month_of_period",
        ),
        models.CheckConstraint(
            condition=~Q(**{precision_field: DatePrecision.DECADE})
            | Q(**{f"{date_field}__isnull": True})
            | Q(Exact(DatePart("year", date_field) % 10, 0))
            | Q(**{date_field: FIRST_DECADE_START}),
            name=f"{prefix}_{date_field}_first_year_of_decade",
        ),
    ]


def end_date_constraints(prefix, date_field, precision_field, end_precision_field):
    """``partial_date_constraints`` for the end of a period, whose precision is its own
    (``end_precision_field``) or, left empty, the start's (``precision_field``)."""
    own = partial_date_constraints(prefix, date_field, end_precision_field)
    shared = partial_date_constraints(prefix, date_field, precision_field)
    return [
        models.CheckConstraint(
            condition=(~Q(**{end_precision_field: ""}) & mine.condition)
            | (Q(**{end_precision_field: ""}) & theirs.condition),
            name=mine.name,
        )
        for mine, theirs in zip(own, shared, strict=True)
    ]


def clean_partial_date(value, precision, label):
    if value is not None and period_start(value, precision) != value:
        raise ValidationError(
            f"{label}: a date of {precision} precision is stored as the first day of its "
            f"{precision} ({period_start(value, precision).isoformat()})."
        )

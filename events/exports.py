"""Export columns of the timeline, the actors list and the places list (see DESIGN.md)."""

from functools import lru_cache

from common.dates import edtf, format_date_range, period
from common.exports import Column, as_date, page_column
from common.models import aliases_list

DATE_FIELDS = ("date_start", "date_end", "date_precision", "circa", "date_end_precision", "date_qualifier")


def _period(values):
    start, end, precision, circa, end_precision, qualifier = values
    return as_date(start), as_date(end), precision, circa, end_precision, qualifier


def end_precision(row):
    """The end's precision, when there is an end: its own, or the start's."""
    return (row["date_end_precision"] or row["date_precision"]) if row["date_end"] else ""


def _dates(row):
    return tuple(row[name] for name in DATE_FIELDS)


def event_columns(eras_of, url_for):
    """``eras_of(first_day, last_day)`` gives the eras a period overlaps (``Era.objects.finder``);
    ``url_for(slug)`` is an event's address."""

    # Many events share their dates: each date's cells are worked out once per export
    # (and once per row for its three columns).
    @lru_cache(maxsize=4096)  # (a bound: the export's memory stays flat)
    def cells_of_dates(dates):
        start, end, precision, circa, end_precision, qualifier = values = _period(dates)
        eras = [found.slug for found in eras_of(*period(start, precision, end, end_precision))]
        return edtf(*values), format_date_range(*values), eras

    last = [None, None]  # the row last asked about, and its cells

    def cells(row):
        if last[0] is not row:
            last[:] = row, cells_of_dates(_dates(row))
        return last[1]

    return [
        Column("id", "pk"),
        Column("slug", "slug"),
        Column("title", "title"),
        Column("date_start", "date_start"),
        Column("date_end", "date_end"),
        Column("date_precision", "date_precision"),
        Column("date_end_precision", compute=end_precision, reads=DATE_FIELDS),
        Column("circa", "circa"),
        Column("date_edtf", compute=lambda row: cells(row)[0], reads=DATE_FIELDS),
        Column("date_display", compute=lambda row: cells(row)[1], reads=DATE_FIELDS),
        # Every era the event's period overlaps: the rows the era filter keeps for each.
        Column("era", compute=lambda row: cells(row)[2], reads=DATE_FIELDS),
        Column("kind", "kind"),
        Column("place", "place__name"),
        Column("actors", related="actors__name"),
        Column("equipment", related="equipment__name"),
        Column("summary", "summary"),
        Column("sources", related="citations__source__slug"),
        page_column(url_for),
    ]


def actor_columns(url_for):
    return [
        Column("id", "pk"),
        Column("slug", "slug"),
        Column("name", "name"),
        Column("kind", "kind"),
        Column("aliases", "aliases", compute=lambda row: aliases_list(row["aliases"])),
        Column("start", "start"),
        Column("end", "end"),
        Column("parent", "parent__name"),
        Column("country", "country__name"),
        Column("summary", "summary"),
        Column("sources", related="citations__source__slug"),
        page_column(url_for),
    ]


def place_columns(url_for):
    return [
        Column("id", "pk"),
        Column("slug", "slug"),
        Column("name", "name"),
        Column("aliases", "aliases", compute=lambda row: aliases_list(row["aliases"])),
        Column("country", "country__name"),
        Column("latitude", "latitude"),
        Column("longitude", "longitude"),
        Column("sources", related="citations__source__slug"),
        page_column(url_for),
    ]

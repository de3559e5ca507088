"""Export columns of the timeline, the actors list and the places list (see DESIGN.md)."""

from common.dates import edtf, format_date_range, period
from common.exports import Column, as_date, page_column
from common.models import aliases_list

DATE_FIELDS = ("date_start", "date_end", "date_precision", "circa", "date_end_precision", "date_qualifier")


def _period(row):
    return (
        as_date(row["date_start"]),
        as_date(row["date_end"]),
        row["date_precision"],
        row["circa"],
        row["date_end_precision"],
        row["date_qualifier"],
    )


def date_display(row):
    return format_date_range(*_period(row))


def date_edtf(row):
    return edtf(*_period(row))


def end_precision(row):
    """The end's precision, when there is an end: its own, or the start's."""
    return (row["date_end_precision"] or row["date_precision"]) if row["date_end"] else ""


def event_columns(eras_of, url_for):
    """``eras_of(first_day, last_day)`` gives the eras a period overlaps (``Era.objects.finder``);
    ``url_for(slug)`` is an event's address."""

    def era(row):
        # Every era the event's period overlaps: the rows the era filter keeps for each.
        start, end, precision, _circa, end_precision, _qualifier = _period(row)
        return [found.slug for found in eras_of(*period(start, precision, end, end_precision))]

    return [
        Column("id", "pk"),
        Column("slug", "slug"),
        Column("title", "title"),
        Column("date_start", "date_start"),
        Column("date_end", "date_end"),
        Column("date_precision", "date_precision"),
        Column("date_end_precision", compute=end_precision, reads=DATE_FIELDS),
        Column("circa", "circa"),
        Column("date_edtf", compute=date_edtf, reads=DATE_FIELDS),
        Column("date_display", compute=date_display, reads=DATE_FIELDS),
        Column("era", compute=era, reads=DATE_FIELDS),
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

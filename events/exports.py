"""Export columns of the timeline, the actors list and the places list (see DESIGN.md)."""

from common.dates import format_date_range
from common.exports import Column, as_date, page_column
from common.models import aliases_list


def date_display(row):
    return format_date_range(as_date(row["date_start"]), as_date(row["date_end"]), row["date_precision"], row["circa"])


def event_columns(era_for, url_for):
    """``era_for(date)`` names the era of a date; ``url_for(slug)`` is an event's address."""

    def era(row):
        found = era_for(as_date(row["date_start"]))
        return found.slug if found else ""

    return [
        Column("id", "pk"),
        Column("slug", "slug"),
        Column("title", "title"),
        Column("date_start", "date_start"),
        Column("date_end", "date_end"),
        Column("date_precision", "date_precision"),
        Column("date_display", compute=date_display, reads=("date_start", "date_end", "date_precision", "circa")),
        Column("era", compute=era, reads=("date_start",)),
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

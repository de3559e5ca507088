"""Export columns of the sources list (see DESIGN.md)."""

from common.exports import Column, page_column
from sources.models import split_authors


def source_columns(url_for):
    return [
        Column("id", "pk"),
        Column("slug", "slug"),
        Column("title", "title"),
        Column("kind", "kind"),
        Column("publisher", "publisher"),
        Column("authors", "authors", compute=lambda row: split_authors(row["authors"])),
        Column("published", "published"),
        Column("reliability", "reliability"),
        page_column(url_for),
        Column("citations", "citation_count"),
    ]

"""Export columns of the sources list (see DESIGN.md)."""

from common.exports import Column, page_column
from sources.kinds import kinds
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


def citation_columns(absolute):
    """``absolute(path)``: the absolute address of a path on this site."""
    target_columns = [f"{kind.name}__{kind.key}" for kind in kinds()]

    def entry_kind(row):
        return next(kind for kind in kinds() if row[f"{kind.name}__{kind.key}"] is not None)

    def name(row):
        kind = entry_kind(row)
        return kind.name_from({lookup: row[f"{kind.name}__{lookup}"] for lookup in kind.name_lookups})

    def key(row):
        kind = entry_kind(row)
        return row[f"{kind.name}__{kind.key}"]

    name_columns = tuple(f"{kind.name}__{lookup}" for kind in kinds() for lookup in kind.name_lookups)
    return [
        Column("id", "pk"),
        Column("entry_kind", compute=lambda row: entry_kind(row).name, reads=tuple(target_columns)),
        Column("entry", compute=key, reads=tuple(target_columns)),
        Column("entry_name", compute=name, reads=(*target_columns, *name_columns)),
        Column("attribute", "attribute"),
        Column("value", "value"),
        Column("source", "source__slug"),
        Column("quote", "quote"),
        Column("locator", "locator"),
        Column("via", "via__slug"),
        Column("checked", compute=lambda row: bool(row["source_archived"]), reads=("source_archived",)),
        Column(
            "entry_url", compute=lambda row: absolute(entry_kind(row).url_of(key(row))), reads=tuple(target_columns)
        ),
    ]

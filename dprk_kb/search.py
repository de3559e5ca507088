"""The search across every kind of entry (the words are matched by ``common.text``).

Matches on a name, an alias or a designation code rank before matches in the running
text.
"""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Value, When

from common.text import matches, tokens
from equipment.filters import designation_code
from sources.kinds import kinds
from sources.models import Source

RESULTS_PER_KIND = 50


# What a kind of entry searches beyond its own folded name and text, and loads with each
# result; kinds not named here search just their own columns.
RELATED = {
    "event": {"select": ["place"]},
    "equipment": {"extra": designation_code},
    "designation": {"select": ["equipment"], "text": ["equipment__search_name"]},
    "transfer": {
        "select": ["supplier", "recipient", "equipment"],
        "names": ["equipment__search_name"],
        "text": ["supplier__search_name", "recipient__search_name"],
    },
}


@dataclass
class Results:
    label: str
    entries: list
    has_more: bool


def searched():
    """(label, queryset, name fields, text fields, extra) of every kind of entry with
    folded search columns, then of the sources."""
    for kind in kinds():
        if not any(field.name == "search_name" for field in kind.model._meta.fields):
            continue  # (eras are found through their events)
        related = RELATED.get(kind.name, {})
        yield (
            kind.plural,
            kind.model.objects.select_related(*related.get("select", [])),
            ["search_name", *related.get("names", [])],
            ["search_text", *related.get("text", [])],
            related.get("extra"),
        )
    yield "Sources", Source.objects.defer("text"), ["search_name"], ["search_text"], None


def search_everything(query):
    """Results of every kind, best matches first; one query per kind."""
    words = tokens(query)
    if not words:
        return []
    found = []
    for label, queryset, name_fields, text_fields, extra in searched():
        name_match = matches(name_fields, words, extra)
        any_match = matches(name_fields + text_fields, words, extra)
        ranked = queryset.filter(any_match).annotate(
            rank=Case(When(name_match, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        entries = list(ranked.order_by("rank", *ranked.model._meta.ordering)[: RESULTS_PER_KIND + 1])
        if entries:
            found.append(Results(label, entries[:RESULTS_PER_KIND], len(entries) > RESULTS_PER_KIND))
    return found

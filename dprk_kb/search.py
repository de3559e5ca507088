"""The search across every kind of entry (the words are matched by ``common.text``).

Matches on a name, an alias or a designation code rank before matches in the running
text.
"""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Value, When

from common.text import matches, tokens
from equipment.filters import designation_code
from equipment.models import Designation, Equipment, Transfer
from events.models import Actor, Event, Place
from sources.models import Source

RESULTS_PER_KIND = 50


@dataclass
class Kind:
    """One kind of entry in the search results."""

    label: str
    queryset: object
    name_fields: list
    text_fields: list
    extra: object = None  # word -> Q, a name-like match found elsewhere


@dataclass
class Results:
    label: str
    entries: list
    has_more: bool


def search_everything(query):
    """Results of every kind, best matches first; one query per kind."""
    words = tokens(query)
    if not words:
        return []
    kinds = [
        Kind("Equipment", Equipment.objects.all(), ["search_name"], ["search_text"], designation_code),
        Kind("Events", Event.objects.select_related("place"), ["search_name"], ["search_text"]),
        Kind("Actors", Actor.objects.all(), ["search_name"], ["search_text"]),
        Kind("Places", Place.objects.all(), ["search_name"], ["search_text"]),
        Kind(
            "Designations",
            Designation.objects.select_related("equipment"),
            ["search_name"],
            ["search_text", "equipment__search_name"],
        ),
        Kind(
            "Transfers",
            Transfer.objects.select_related("supplier", "recipient", "equipment"),
            ["search_name", "equipment__search_name"],
            ["search_text", "supplier__search_name", "recipient__search_name"],
        ),
        Kind("Sources", Source.objects.defer("text"), ["search_name"], ["search_text"]),
    ]
    found = []
    for kind in kinds:
        name_match = matches(kind.name_fields, words, kind.extra)
        any_match = matches(kind.name_fields + kind.text_fields, words, kind.extra)
        queryset = kind.queryset.filter(any_match).annotate(
            rank=Case(When(name_match, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        entries = list(queryset.order_by("rank", *queryset.model._meta.ordering)[: RESULTS_PER_KIND + 1])
        if entries:
            found.append(Results(kind.label, entries[:RESULTS_PER_KIND], len(entries) > RESULTS_PER_KIND))
    return found

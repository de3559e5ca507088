"""Search: folded, token-wise text matching, and the search across every kind of entry.

A query matches when every one of its words (folded: no case, accents, apostrophes)
occurs in one of the searched fields. Matches on a name, an alias or a designation code
rank before matches in the running text.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.lookups import Contains

from dprk_kb.folding import Fold, fold

MAX_QUERY_LENGTH = 200
RESULTS_PER_KIND = 50


def tokens(query):
    return fold(query or "").split()


def matches(fields, words):
    """A Q: every word occurs in one of ``fields`` (lookups or expressions), folded."""
    condition = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            expression = name if not isinstance(name, str) else Fold(name)
            any_field |= Q(Contains(expression, word))
        condition &= any_field
    return condition


def text_search(queryset, query, fields):
    """Narrow ``queryset`` to rows matching every word of ``query`` in ``fields``."""
    words = tokens(query)
    return queryset.filter(matches(fields, words)) if words else queryset


@dataclass
class Kind:
    """One kind of entry in the search results."""

    label: str
    queryset: object
    name_fields: list
    text_fields: list = field(default_factory=list)
    extra_name_match: object = None  # a function(words) -> Q for name-like matches elsewhere


@dataclass
class Results:
    label: str
    entries: list
    has_more: bool


def search_everything(query):
    """Results of every kind, best matches first; a bounded number of queries."""
    from equipment.models import Designation, Equipment, Transfer
    from events.models import Actor, Event, Place
    from sources.models import Source

    words = tokens(query)
    if not words:
        return []

    def designation_codes(words):
        return Q(Exists(Designation.objects.filter(equipment=OuterRef("pk")).filter(matches(["code", "note"], words))))

    kinds = [
        Kind("Equipment", Equipment.objects.all(), ["name", "aliases"], ["summary"], designation_codes),
        Kind("Events", Event.objects.select_related("place"), ["title"], ["summary"]),
        Kind("Actors", Actor.objects.all(), ["name", "aliases"], ["summary"]),
        Kind("Places", Place.objects.all(), ["name", "aliases"], ["summary"]),
        Kind("Designations", Designation.objects.select_related("equipment"), ["code"], ["note", "equipment__name"]),
        Kind(
            "Transfers",
            Transfer.objects.select_related("supplier", "recipient", "equipment"),
            ["item", "equipment__name"],
            ["comments", "supplier__name", "recipient__name"],
        ),
        Kind("Sources", Source.objects.defer("text"), ["title"], ["publisher", "authors", "notes"]),
    ]
    found = []
    for kind in kinds:
        name_match = matches(kind.name_fields, words)
        if kind.extra_name_match is not None:
            name_match |= kind.extra_name_match(words)
        any_match = Q()
        for word in words:
            any_match &= matches(kind.name_fields + kind.text_fields, [word]) | (
                kind.extra_name_match([word]) if kind.extra_name_match else Q(pk__in=[])
            )
        queryset = kind.queryset.filter(any_match).annotate(
            rank=Case(When(name_match, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        entries = list(queryset.order_by("rank", *queryset.model._meta.ordering)[: RESULTS_PER_KIND + 1])
        if entries:
            found.append(Results(kind.label, entries[:RESULTS_PER_KIND], len(entries) > RESULTS_PER_KIND))
    return found

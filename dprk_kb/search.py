"""Search: folded, word-wise text matching, and the search across every kind of entry.

A query matches when every one of its words (folded: no case, accents, apostrophes or
hyphens) occurs in one of the searched columns. Those columns, ``search_name`` and
``search_text``, hold the folded text of each entry and are kept by the database itself
(see ``dprk_kb.folding.folded_column``), so a search is a plain LIKE on both SQLite and
PostgreSQL. Matches on a name, an alias or a designation code rank before matches in the
running text.
"""

from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When

from dprk_kb.folding import fold

MAX_QUERY_LENGTH = 200
RESULTS_PER_KIND = 50


def tokens(query):
    return fold(query or "").split()


def matches(fields, words, extra=None):
    """A Q: every word occurs in one of the folded ``fields`` (or satisfies ``extra(word)``)."""
    condition = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__contains": word})
        if extra is not None:
            any_field |= extra(word)
        condition &= any_field
    return condition


def text_search(queryset, query, fields, extra=None):
    """Narrow ``queryset`` to rows matching every word of ``query``."""
    words = tokens(query)
    return queryset.filter(matches(fields, words, extra)) if words else queryset


def designation_code(word):
    """Equipment known by a code containing ``word``: alias-aware search for equipment."""
    from equipment.models import Designation

    return Q(Exists(Designation.objects.filter(equipment=OuterRef("pk"), search_name__contains=word)))


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
    from equipment.models import Designation, Equipment, Transfer
    from events.models import Actor, Event, Place
    from sources.models import Source

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

"""Word matching for every search of the knowledge base.

A query matches when every one of its words (folded: no case, accents, apostrophes or
hyphens) occurs in one of the searched columns. Those columns, ``search_name`` and
``search_text``, hold the folded text of each entry and are kept by the database itself
(see ``common.folding.folded_column``), so a search is a plain LIKE on both SQLite and
PostgreSQL.
"""

from django.db.models import Q

from common.folding import fold

MAX_QUERY_LENGTH = 200


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

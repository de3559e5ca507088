"""Word matching for every search of the knowledge base.

A query matches when every one of its words (folded: no case, accents, apostrophes,
hyphens or romanization variants) occurs in one of the searched columns. Those columns,
``search_name`` and ``search_text``, hold the folded text of each entry and are kept by
the database itself (see ``common.folding.folded_column``), so a search is a plain LIKE
on both SQLite and PostgreSQL.

A word of one or two characters (“t” of “T-62”, “ho” of “Chonma-Ho”, “k1”) matches only
at the start of a word, not inside one (“t” is not looked for in “Stalin”); ``find``
applies the same rule to a text in Python, to mark what matched.
"""

from django.db.models import Q

from common.folding import search_fold

MAX_QUERY_LENGTH = 200
# Shorter words match only where a word starts: at the start of the text or after one of
# WORD_BOUNDARIES (a space, an opening bracket, a slash: folded hyphens are spaces).
SHORT_WORD = 3
WORD_BOUNDARIES = " (/"


def tokens(query):
    return search_fold(query or "").split()


def is_short(word):
    return len(word) < SHORT_WORD


def word_condition(name, word, at_word_start=None):
    """A Q: the folded column ``name`` contains ``word`` (at a word start, if it is short
    or ``at_word_start`` says so)."""
    if not (is_short(word) if at_word_start is None else at_word_start):
        return Q(**{f"{name}__contains": word})
    condition = Q(**{f"{name}__startswith": word})
    for boundary in WORD_BOUNDARIES:
        condition |= Q(**{f"{name}__contains": boundary + word})
    return condition


def matches(fields, words, extra=None):
    """A Q: every word occurs in one of the folded ``fields`` (or satisfies ``extra(word)``)."""
    condition = Q()
    for word in sorted(words, key=len, reverse=True):  # the rarer, longer words first
        any_field = Q()
        for name in fields:
            any_field |= word_condition(name, word)
        if extra is not None:
            any_field |= extra(word)
        condition &= any_field
    return condition


def find(folded, word):
    """The (start, end) of every occurrence of ``word`` in the ``folded`` text that
    ``matches`` would count."""
    found, start = [], folded.find(word)
    while start >= 0:
        if not is_short(word) or start == 0 or folded[start - 1] in WORD_BOUNDARIES:
            found.append((start, start + len(word)))
        start = folded.find(word, start + 1)
    return found


def text_search(queryset, query, fields, extra=None):
    """Narrow ``queryset`` to rows matching every word of ``query``."""
    words = tokens(query)
    return queryset.filter(matches(fields, words, extra)) if words else queryset

"""Checking that a quote is really in its source.

One rule, everywhere (the admin, ``check_citations``, the tests): a quote is in its
source when it occurs in the archived text once runs of whitespace are made one space
(``in_text``). An editor who pastes a quote whose quote marks or apostrophes changed on
the way (' for ’, " for “) is not refused: the form stores the source's own words in
their place (``source_words``), so that what is kept always passes the rule.
"""

import re
from collections import Counter, defaultdict

# The longest quote a citation may hold: a quote vouches for one fact, and the longest
# of the curated quotes is about 330 characters.
MAX_QUOTE_LENGTH = 2000
MAX_PLACES_PER_WORD = 200
VOTE_BIN = 8

_WHITESPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_QUOTE_STYLES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)


def normalize(text, strict=True):
    """Collapse whitespace, and unless ``strict``, unify quote marks and apostrophes."""
    text = _WHITESPACE.sub(" ", text or "").strip()
    return text if strict else text.translate(_QUOTE_STYLES)


def in_text(quote, text):
    """Whether ``quote`` occurs in ``text``, whitespace aside: the one rule a quote must pass."""
    needle = normalize(quote)
    return bool(needle) and needle in normalize(text)


def source_words(quote, text):
    """The words of ``text`` that ``quote`` copies, with the text's own quote marks and
    apostrophes (whitespace made single spaces), or None when the quote is not there even
    with those forgiven."""
    needle = normalize(quote, strict=False)
    if not needle:
        return None
    # Quote styles are translated one character for one, so a place found in the
    # translated text is the same place in the text itself.
    spaced = normalize(text)
    start = spaced.translate(_QUOTE_STYLES).find(needle)
    if start < 0:
        return None
    return spaced[start : start + len(needle)]


def closest_passage(quote, text, context=40):
    """The passage of ``text`` that best matches ``quote``, to show an editor what differs.

    Each word of the quote votes for where the quote would start in the text, from the
    places that word occurs (words found almost everywhere say little and are skipped);
    the passage is the stretch of the quote's length at the most voted place, widened by
    ``context`` characters on each side. The work grows with the lengths of the quote and
    the text, not their product, so no input makes it slow.
    """
    needle, haystack = normalize(quote, strict=False), normalize(text, strict=False)
    text_words = [(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(haystack)]
    quote_words = [m.group().casefold() for m in _WORD.finditer(needle)]
    if not text_words or not quote_words:
        return ""
    places = defaultdict(list)
    for index, (word, _start, _end) in enumerate(text_words):
        places[word].append(index)
    found = [(offset, places[word]) for offset, word in enumerate(quote_words) if word in places]
    if not found:
        return ""
    telling = [item for item in found if len(item[1]) <= MAX_PLACES_PER_WORD] or [min(found, key=lambda i: len(i[1]))]
    votes = Counter()
    for offset, indexes in telling:
        for index in indexes:
            votes[(index - offset) // VOTE_BIN] += 1
    best = max(votes, key=lambda b: (votes[b - 1] + votes[b] + votes[b + 1], votes[b], -b))
    first = max(0, min(best * VOTE_BIN, len(text_words) - 1))
    last = min(len(text_words) - 1, first + len(quote_words) - 1)
    start, end = max(0, text_words[first][1] - context), min(len(haystack), text_words[last][2] + context)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(haystack) else ""
    return f"{prefix}{haystack[start:end].strip()}{suffix}"


def misquote(quote, source):
    """What to tell an editor whose quote is not in ``source``'s archived text, or None.

    A source without archived text cannot be checked: its quotes pass, marked unverified.
    """
    if quote and len(quote) > MAX_QUOTE_LENGTH:
        return (
            f"A quote may be at most {MAX_QUOTE_LENGTH:,} characters (this one has {len(quote):,}): "
            "quote only the words that vouch for the fact, or cite them in several citations."
        )
    if not quote or not source.text or source_words(quote, source.text) is not None:
        return None
    message = f"This quote is not in the archived text of “{source}”."
    passage = closest_passage(quote, source.text)
    return f"{message} The closest passage is: “{passage}”" if passage else message


def archived_paragraphs(text):
    """An archived text's paragraphs, whitespace made single spaces."""
    return [normalize(line) for line in (text or "").splitlines() if line.strip()]


def quote_place(quote, paragraphs):
    """(paragraph index, start, end) of ``quote`` in ``paragraphs`` (from
    ``archived_paragraphs``), or None. A quote running over a paragraph's end is marked
    from its start to that end."""
    needle = normalize(quote)
    joined = " ".join(paragraphs)
    start = joined.find(needle) if needle else -1
    if start < 0:
        return None
    offset = 0
    for index, paragraph in enumerate(paragraphs):
        if start < offset + len(paragraph) + 1:
            local = start - offset
            return index, local, min(len(paragraph), local + len(needle))
        offset += len(paragraph) + 1
    return None


def marked(paragraph, place, index):
    """The paragraph as ``before``, ``mark`` and ``after``: the quote marked where it is."""
    if place is None or place[0] != index:
        return {"before": paragraph, "mark": "", "after": ""}
    _index, start, end = place
    return {"before": paragraph[:start], "mark": paragraph[start:end], "after": paragraph[end:]}

"""Checking that a quote is really in its source.

Two strengths of checking. ``in_text(strict=True)`` forgives only differences of
whitespace: it is the bar the curated fixtures must pass. The editors' forms also
forgive the style of quote marks and apostrophes (’ for ', “ for "), since those change
whenever text is copied between programs.
"""

import difflib
import re

_WHITESPACE = re.compile(r"\s+")
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


def normalize(text, strict=False):
    """Collapse whitespace, and unless ``strict``, unify quote marks and apostrophes."""
    text = _WHITESPACE.sub(" ", text or "").strip()
    return text if strict else text.translate(_QUOTE_STYLES)


def in_text(quote, text, strict=False):
    """Whether ``quote`` occurs in ``text``, up to whitespace (and quote style unless strict)."""
    needle = normalize(quote, strict)
    return bool(needle) and needle in normalize(text, strict)


def closest_passage(quote, text, context=40):
    """The passage of ``text`` that best matches ``quote``, to show an editor what differs.

    Aligns the quote to the text with difflib's longest matching blocks and returns the
    span they cover, widened by ``context`` characters on each side.
    """
    needle, haystack = normalize(quote), normalize(text)
    if not needle or not haystack:
        return ""
    matcher = difflib.SequenceMatcher(None, haystack, needle, autojunk=False)
    best = max(matcher.get_matching_blocks(), key=lambda block: block.size)
    if best.size == 0:
        return ""
    # Where the quote would start in the text if the longest block is aligned.
    start = max(0, best.a - best.b)
    end = min(len(haystack), start + len(needle))
    start, end = max(0, start - context), min(len(haystack), end + context)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(haystack) else ""
    return f"{prefix}{haystack[start:end].strip()}{suffix}"


def misquote(quote, source):
    """What to tell an editor whose quote is not in ``source``'s archived text, or None.

    A source without archived text cannot be checked: its quotes pass, marked unverified.
    """
    if not quote or not source.text or in_text(quote, source.text):
        return None
    message = f"This quote is not in the archived text of “{source}”."
    passage = closest_passage(quote, source.text)
    return f"{message} The closest passage is: “{passage}”" if passage else message

"""Passages of a text with the words of a query marked, in the text's own spelling.

The words are found in the folded text (``common.text.find``, the rule the database
matches by) and mapped back to the original characters through
``common.folding.fold_with_offsets``, so “Kusong” marks “Kusŏng” and “juche” marks
“Chuch’e”. A passage is a list of ``Part``s that a template escapes as it writes them;
nothing here builds HTML.
"""

from dataclasses import dataclass

from common.folding import fold_with_offsets, search_fold
from common.text import find

PASSAGE_LENGTH = 200  # characters shown of a longer text
BEFORE_MATCH = 60  # characters kept before the first marked word


@dataclass(frozen=True)
class Part:
    text: str
    marked: bool = False


def marked_spans(text, words):
    """The merged (start, end) ranges of ``text`` in which ``words`` occur."""
    quick = search_fold(text)
    if not any(word in quick for word in words):
        return []  # (the quick answer for most of the texts of a page of results)
    folded, spans = fold_with_offsets(text)
    ranges = sorted((spans[start][0], spans[end - 1][1]) for word in words for start, end in find(folded, word))
    merged = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _parts(text, ranges, start, end):
    parts, at = [], start
    for mark_start, mark_end in ranges:
        mark_start, mark_end = max(mark_start, start), min(mark_end, end)
        if mark_start >= mark_end:
            continue
        if mark_start > at:
            parts.append(Part(text[at:mark_start]))
        parts.append(Part(text[mark_start:mark_end], marked=True))
        at = mark_end
    if at < end:
        parts.append(Part(text[at:end]))
    return parts


def highlight(text, words):
    """All of ``text``, with ``words`` marked."""
    text = str(text)
    return _parts(text, marked_spans(text, words), 0, len(text))


def passage(text, words, length=PASSAGE_LENGTH):
    """About ``length`` characters of ``text`` around the first of ``words`` found in it,
    cut at spaces, marked; None when none of them is found. Starts at the text's start
    when ``words`` is empty."""
    text = " ".join(str(text or "").split())
    ranges = marked_spans(text, words) if words else [(0, 0)]
    if not ranges or not text:
        return None
    start = max(0, ranges[0][0] - BEFORE_MATCH)
    if start > 0:
        space = text.find(" ", start, ranges[0][0])
        start = space + 1 if space >= 0 else start
    end = max(start + length, ranges[0][1])
    if end < len(text):
        space = text.rfind(" ", ranges[0][1], end)
        end = space if space > 0 else end
    else:
        end = len(text)
    parts = _parts(text, [r for r in ranges if r[1] > r[0]], start, end)
    if start > 0:
        parts.insert(0, Part("…"))
    if end < len(text):
        parts.append(Part("…"))
    return parts

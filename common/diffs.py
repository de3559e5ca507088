"""Differences between two versions of a value, for the history pages.

A short value is shown whole, old then new. A long text (or one of several lines) is
compared word by word (``difflib``), and shown once, its deleted and inserted words
marked: ``<del>`` and ``<ins>`` with their words' role spelled out for screen readers,
struck through and underlined for the eye, so that the change never rests on colour.
Nothing is cut short: an editor reviewing a change sees every word of it.
"""

import difflib
import re
from dataclasses import dataclass

# Values up to this length, on one line, are shown whole beside each other.
SHORT = 60
_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    """A run of words of a word-level difference: ``kind`` is "same", "deleted" or "inserted"."""

    kind: str
    text: str


def is_long(*values):
    return any(len(value) > SHORT or "\n" in value for value in values)


def word_diff(old, new):
    """The Pieces that turn ``old`` into ``new``, word by word (whitespace kept)."""
    before, after = _WORDS.findall(old), _WORDS.findall(new)
    pieces = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(before[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece("deleted", "".join(before[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(Piece("inserted", "".join(after[j1:j2])))
    return pieces

"""An A–Z index: entries under the initial of their folded name, with jump links."""

from dataclasses import dataclass
from string import ascii_uppercase

from common.folding import fold

OTHER = "0–9"  # the heading of names that do not begin with a letter ("38th parallel")


def initial(name):
    """The heading a name is listed under: its first letter, folded ("Ŭ" -> "U"), or OTHER."""
    first = fold(name)[:1].upper()
    return first if first in ascii_uppercase else OTHER


@dataclass
class Letter:
    letter: str
    anchor: str  # the id of its heading
    entries: list


def by_initial(entries, name):
    """Every letter A–Z (then OTHER, if any name needs it) with the entries whose ``name(entry)``
    begins with it, each in folded order; a letter without entries has none (no jump link)."""
    found = {}
    for entry in sorted(entries, key=lambda entry: (fold(name(entry)), name(entry))):
        found.setdefault(initial(name(entry)), []).append(entry)
    letters = [*ascii_uppercase, *([OTHER] if OTHER in found else [])]
    return [
        Letter(letter, f"letter-{'other' if letter == OTHER else letter}", found.get(letter, [])) for letter in letters
    ]

"""Text folding for search: case, accents, apostrophes, hyphens and the romanization of
Korean do not matter.

"Kusŏng" and "Kusong", "Shin’heung" and "Shinheung", "Kim Il-sung" and "Kim Il Sung",
"Chuch’e" and "Juche", "Inch’on" and "Incheon" fold to the same text. The same folding
runs in Python (for the query), in SQLite (a function registered on each connection) and
in PostgreSQL (an SQL function created by a migration from the same tables), so search
behaves alike on both databases and PostgreSQL can index the folded text.

``fold_with_offsets`` folds the same way and says where each folded character comes
from, so that what matched in the folded text can be marked in the original spelling.
"""

import re
import unicodedata

from django.db import models
from django.db.models.functions import Concat

FUNCTION_NAME = "kb_fold"  # search_fold, in the database: the stored search columns
NAME_FUNCTION = "kb_name_fold"  # fold, in the database: the order of names

# Characters with no decomposition that still read as a Latin letter.
_EXTRA_LETTERS = {"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ı": "i", "ħ": "h", "Ħ": "h"}
# Apostrophes and quote marks vanish: "Chuch’e" is searched as "chuche".
_DROPPED = "'\"`´‘’‚‛′″“”„‟«»ʼʻ"
# Hyphens, dashes and unusual spaces become spaces: "Chonma-Ho" matches "Chonma Ho".
_SPACES = "-‐‑‒–—―\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_ASCII_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")


def _letter_table():
    """Single accented Latin letters -> their plain ASCII letter, lower case."""
    table = {}
    for start, end in ((0x00C0, 0x024F), (0x1E00, 0x1EFF)):
        for code in range(start, end + 1):
            char = chr(code)
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            base = base.lower()
            if len(base) == 1 and base.isascii() and base.isalpha() and base != char:
                table[char] = base
    for char, base in _EXTRA_LETTERS.items():
        table[char] = base
    for char in _SPACES:
        table[char] = " "
    return table


LETTERS = _letter_table()
_TRANSLATION = str.maketrans({**LETTERS, **dict.fromkeys(_DROPPED)})

# The two romanizations of Korean in the sources spell one sound differently:
# McCune–Reischauer writes ŏ, ŭ and ch (Chuch’e, Kusŏng, Hamhŭng, Kim Chŏng-il), the
# Revised Romanization eo, eu and j (Juche, Kuseong, Hamheung, Kim Jong-il); ch’ and ch
# are both ch once apostrophes and accents are gone. Each pair folds to one spelling,
# replaced in this order after the letters; the unvoiced and voiced consonants (k/g, t/d,
# p/b) are not merged, since in English they tell words apart (“gun”, “Kunu-ri”).
VARIANTS = (("eo", "o"), ("eu", "u"), ("j", "ch"))


def fold(text):
    """Fold ``text`` for comparing and sorting names: lower case, no accents, no
    apostrophes, single spaces (“Ŭiju” is listed under U, “Juche” under J)."""
    if text is None:
        return None
    return _ASCII_WHITESPACE.sub(" ", str(text).lower().translate(_TRANSLATION)).strip()


def search_fold(text):
    """Fold ``text`` for search: as ``fold``, and one spelling for the romanization
    variants (“Juche” and “Chuch’e” are both “chuche”). The database's kb_fold() and the
    stored search columns fold this way."""
    if text is None:
        return None
    folded = fold(text)
    for old, new in VARIANTS:
        folded = folded.replace(old, new)
    return folded


def fold_with_offsets(text):
    """``(folded, spans)``: the folding of ``search_fold``, and for each folded character the
    (start, end) of the original characters it comes from.

    Folding changes lengths (“’” vanishes, “j” becomes “ch”, “eo” becomes “o”, runs of
    spaces become one), so a match in the folded text is mapped back to the original
    through ``spans``. Built from slices, not character by character: search folds the
    texts of every result it shows.
    """
    text = str(text or "")
    lowered = text.lower()
    if len(lowered) == len(text):
        # The table maps each character to one character, or drops it.
        folded = lowered.translate(_TRANSLATION)
        starts = [index for index, char in enumerate(lowered) if char not in _DROPPED]
    else:  # a letter whose lower case is longer (“İ”): fold it on its own
        pieces = [(char.lower().translate(_TRANSLATION), index) for index, char in enumerate(text)]
        folded = "".join(piece for piece, _ in pieces)
        starts = [index for piece, index in pieces for _ in piece]
    ends = [start + 1 for start in starts]
    # Runs of spaces become one space, spanning the whole run; then the ends are trimmed.
    line, span_starts, span_ends, at = [], [], [], 0
    for run in _ASCII_WHITESPACE.finditer(folded):
        line += [folded[at : run.start()], " "]
        span_starts += [*starts[at : run.start()], starts[run.start()]]
        span_ends += [*ends[at : run.start()], ends[run.end() - 1]]
        at = run.end()
    line.append(folded[at:])
    span_starts += starts[at:]
    span_ends += ends[at:]
    folded = "".join(line)
    head = len(folded) - len(folded.lstrip())
    tail = len(folded.rstrip())
    folded, span_starts, span_ends = folded[head:tail], span_starts[head:tail], span_ends[head:tail]
    for old, new in VARIANTS:
        if old not in folded:
            continue
        pieces, new_starts, new_ends, at = folded.split(old), [], [], 0
        for number, piece in enumerate(pieces):
            new_starts += span_starts[at : at + len(piece)]
            new_ends += span_ends[at : at + len(piece)]
            at += len(piece)
            if number < len(pieces) - 1:
                new_starts += [span_starts[at]] * len(new)
                new_ends += [span_ends[at + len(old) - 1]] * len(new)
                at += len(old)
        folded, span_starts, span_ends = new.join(pieces), new_starts, new_ends
    return folded, list(zip(span_starts, span_ends, strict=True))


def postgresql_function_sql(name=FUNCTION_NAME):
    """CREATE FUNCTION for PostgreSQL, doing what ``search_fold`` does (kb_fold) or, for
    NAME_FUNCTION, what ``fold`` does, with the same tables."""
    source = "".join(LETTERS) + _DROPPED
    target = "".join(LETTERS.values())

    def literal(value):
        return "'" + value.replace("'", "''") + "'"

    folded = (
        f"btrim(regexp_replace(translate(lower(value), {literal(source)}, {literal(target)}), "
        f"'[ \\t\\n\\r\\f\\v]+', ' ', 'g'))"
    )
    for old, new in VARIANTS if name == FUNCTION_NAME else ():
        folded = f"replace({folded}, {literal(old)}, {literal(new)})"
    return (
        f"CREATE OR REPLACE FUNCTION {name}(value text) RETURNS text AS $$ "
        f"SELECT {folded} "
        f"$$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
    )


def register_sqlite_function(sender, connection, **kwargs):
    """connection_created receiver: teach each new SQLite connection kb_fold() and kb_name_fold()."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION_NAME, 1, search_fold, deterministic=True)
        connection.connection.create_function(NAME_FUNCTION, 1, fold, deterministic=True)


class Fold(models.Func):
    """The folded form of a text column, as ``search_fold`` gives it, computed by the database."""

    function = FUNCTION_NAME
    output_field = models.TextField()


class NameFold(Fold):
    """The folded form of a name, as ``fold`` gives it (no romanization variants), computed
    by the database: the order in which names are listed."""

    function = NAME_FUNCTION


# The folded columns every searchable model has; history leaves them out (they are derived).
SEARCH_COLUMNS = ["search_name", "search_text"]


def folded_column(*fields):
    """A column the database keeps equal to the folded text of ``fields``, joined by spaces.

    Stored (not computed per query), so search is a plain LIKE that PostgreSQL can serve
    from a trigram index; kept up to date by the database on every write, fixtures and
    bulk inserts included. Not serialized: fixtures hold only the source fields.
    """
    parts = []
    for name in fields:
        if parts:
            parts.append(models.Value(" "))
        parts.append(models.F(name))
    text = parts[0] if len(parts) == 1 else Concat(*parts, output_field=models.TextField())
    return models.GeneratedField(
        expression=Fold(text), output_field=models.TextField(), db_persist=True, serialize=False
    )

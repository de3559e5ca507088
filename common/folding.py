"""Text folding for search: case, accents, apostrophes and hyphens do not matter.

"Kusŏng" and "Kusong", "Shin’heung" and "Shinheung", "Kim Il-sung" and "Kim Il Sung"
fold to the same text. The same folding runs in Python (for the query), in SQLite (a
function registered on each connection) and in PostgreSQL (an SQL function created by
a migration from the same character table), so search behaves alike on both databases
and PostgreSQL can index the folded text.
"""

import re
import unicodedata

from django.db import models
from django.db.models.functions import Concat

FUNCTION_NAME = "kb_fold"

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


def fold(text):
    """Fold ``text`` for matching: lower case, no accents, no apostrophes, single spaces."""
    if text is None:
        return None
    return _ASCII_WHITESPACE.sub(" ", str(text).lower().translate(_TRANSLATION)).strip()


def postgresql_function_sql():
    """CREATE FUNCTION for PostgreSQL, doing what ``fold`` does with the same table."""
    source = "".join(LETTERS) + _DROPPED
    target = "".join(LETTERS.values())

    def literal(value):
        return "'" + value.replace("'", "''") + "'"

    return (
        f"CREATE OR REPLACE FUNCTION {FUNCTION_NAME}(value text) RETURNS text AS $$ "
        f"SELECT btrim(regexp_replace(translate(lower(value), {literal(source)}, {literal(target)}), "
        f"'[ \\t\\n\\r\\f\\v]+', ' ', 'g')) "
        f"$$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
    )


def register_sqlite_function(sender, connection, **kwargs):
    """connection_created receiver: teach each new SQLite connection kb_fold()."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION_NAME, 1, fold, deterministic=True)


class Fold(models.Func):
    """The folded form of a text column, as ``fold`` gives it, computed by the database."""

    function = FUNCTION_NAME
    output_field = models.TextField()


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

"""The knowledge base's version: one definition, shown on /data/, in the data package and
in every "Cite this page".

A version is the release number kept here and the count of the changes recorded in the
history tables (every save, deletion or revert of an entry adds one), with the time of
the latest of them: "1.0.1734", data of 3 December 2026. The same data has the same
version, and any edit makes a new one, which is what the data package's cache is keyed by.
"""

import datetime
from dataclasses import dataclass

from django.db import connections, router
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from common.history import tracked_models
from common.transactions import reading

# Raise it when the shape of the data changes (a table or a column added or removed).
RELEASE = "1.0"
TITLE = "DPRK Military History knowledge base"


@dataclass(frozen=True)
class Version:
    changes: int  # changes recorded in the history tables
    changed: datetime.datetime | None  # the latest of them (None for an empty history)

    @property
    def number(self):
        return f"{RELEASE}.{self.changes}"

    @property
    def date(self):
        """The day of the latest change to the data, or None."""
        return self.changed.date() if self.changed else None

    @property
    def key(self):
        """A name for what is built from this version (the package's cache file)."""
        stamp = self.changed.strftime("%Y%m%dT%H%M%S%f") if self.changed else "empty"
        return f"{self.number}-{stamp}"

    def __str__(self):
        return self.number


def current_version(using=None):
    """The version of the data as the database holds it now: one query."""
    models = tracked_models()
    alias = using or router.db_for_read(models[0])
    connection = connections[alias]
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT COUNT(*), MAX({quote('history_date')}) FROM {quote(model.history.model._meta.db_table)}"
        for model in models
    )
    with reading(alias), connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    latest = [_aware(value) for _count, value in rows if value is not None]
    return Version(changes=sum(count for count, _latest in rows), changed=max(latest) if latest else None)


def _aware(value):
    """A database's datetime (SQLite's is text) as an aware UTC datetime."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return timezone.make_aware(value, datetime.UTC) if timezone.is_naive(value) else value

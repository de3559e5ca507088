"""The data's stamp: a token that changes whenever committed data changes, read from the
database a page reads, so that what is computed from the data (pages, facet counts,
charts) can be kept in a cache under it and is never served after a change.

    stamp = data_stamp("default")   # None: do not cache (see below)

On PostgreSQL the stamp is the transaction snapshot (``pg_current_snapshot()``): two
statements with the same snapshot see the same committed rows of every table, and any
commit of a writing transaction gives a new one. It needs no trigger and no shared row,
so writers never wait on one another for it, and a read replica gives its own snapshot
of what it has replayed. A transaction that has written gives no stamp: its own rows are
not in the snapshot.

On SQLite triggers on the knowledge base's tables write a new random stamp into
``common_datastamp`` with every inserted, changed or deleted row, in the writing
transaction itself (SQLite has one writer at a time, so the row costs no waiting). A
rolled-back transaction's stamp is rolled back with it and never comes again. The
triggers are (re)made after every ``migrate`` (``install_triggers``), so that a table
added or rebuilt by a migration has them.
"""

import contextlib
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router
from redis.exceptions import RedisError

from common.models import DataStamp

TABLE = DataStamp._meta.db_table
NEW_STAMP = f"INSERT OR REPLACE INTO {TABLE} (id, stamp) VALUES (1, lower(hex(randomblob(16))))"
TRIGGER_EVENTS = ("insert", "update", "delete")


def data_stamp(alias):
    """The stamp of the data the connection ``alias`` now reads, or None."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_current_snapshot()::text, pg_current_xact_id_if_assigned() IS NULL")
            snapshot, clean = cursor.fetchone()
            # (Transaction ids are the cluster's: the database's name keeps two apart.)
            return f"pg:{connection.settings_dict['NAME']}:{snapshot}" if clean else None
        cursor.execute(f"SELECT stamp FROM {TABLE} WHERE id = 1")
        row = cursor.fetchone()
        return f"sqlite:{row[0]}" if row else None


def kept(stamp, name, asked, compute, lifetime=lambda value: None):
    """``compute()``, kept in the cache under the data's ``stamp`` (``data_stamp``) and
    ``asked`` (what it depends on besides the data: a page's filters), so that the same
    question on the same data is answered once, by any app server sharing the cache, and
    never after a change. ``lifetime(value)`` says for how many seconds an answer is kept:
    None for ``settings.CACHE_SECONDS``, 0 for not at all (a page with an error), fewer
    for one cut short for time. With no stamp it is computed every time."""
    value = recalled(stamp, name, asked)
    if value is None:
        value = compute()
        seconds = lifetime(value)
        if seconds != 0:
            remember(stamp, name, asked, value, seconds)
    return value


def recalled(stamp, name, asked):
    """What was kept under ``stamp``, ``name`` and ``asked``, or None."""
    return None if stamp is None else _cached(_key(stamp, name, asked))


def remember(stamp, name, asked, value, seconds=None):
    """Keep ``value`` under ``stamp``, ``name`` and ``asked`` (for ``seconds``, or
    ``settings.CACHE_SECONDS``)."""
    if stamp is not None:
        _keep(_key(stamp, name, asked), value, seconds)


def _key(stamp, name, asked):
    return f"{name}:{hashlib.sha256(repr((stamp, asked)).encode()).hexdigest()}"


def request_stamp(request, alias):
    """The stamp of the data ``alias`` reads for this request, read once (None: no request)."""
    if request is None:
        return data_stamp(alias)
    stamps = request.__dict__.setdefault("_data_stamps", {})
    if alias not in stamps:
        stamps[alias] = data_stamp(alias)
    return stamps[alias]


def kept_for(request, name, model, compute):
    """``compute()`` for this request's query (its page number aside), kept under the stamp
    of the database ``model`` is read from."""
    asked = sorted((key, value) for key in request.GET for value in request.GET.getlist(key) if key != "page")
    return kept(request_stamp(request, router.db_for_read(model)), name, asked, compute)


# The cache is a help, not a part: a page whose cache is down computes for itself, and a
# cache that does not answer costs it at most the connection's timeout (settings.CACHES).
def _cached(key):
    try:
        return cache.get(key)
    except (RedisError, OSError):
        return None


def _keep(key, value, seconds=None):
    with contextlib.suppress(RedisError, OSError):
        cache.set(key, value, seconds or settings.CACHE_SECONDS)


def trigger_name(table, event):
    return f"kb_stamp_{table}_{event}"


def install_triggers(connection, tables):
    """Make ``tables`` renew the stamp on every write (SQLite; PostgreSQL needs none)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table in tables:
            for event in TRIGGER_EVENTS:
                cursor.execute(
                    f'CREATE TRIGGER IF NOT EXISTS "{trigger_name(table, event)}" '
                    f'AFTER {event.upper()} ON "{table}" BEGIN {NEW_STAMP}; END'
                )
        cursor.execute(NEW_STAMP)


def installed_triggers(connection):
    """The names of the stamp's triggers in the database (SQLite)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'kb_stamp_%'")
        return {name for (name,) in cursor.fetchall()}

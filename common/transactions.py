"""Transactions that only read, on a site whose write transactions take the lock at once.

On SQLite every transaction of the site begins IMMEDIATE (``settings.SQLITE_OPTIONS``):
it takes the write lock when it begins, so that a write never fails halfway for want of
it. A transaction that only reads needs no lock at all in WAL mode, and must not take
one, or it would make every editor wait while it lasts (a long download, a page view).
"""

from contextlib import contextmanager

from django.db import connections, transaction


@contextmanager
def reading(alias):
    """An atomic block that, begun outermost on SQLite, begins DEFERRED: a plain reader."""
    connection = connections[alias]
    if connection.in_atomic_block or connection.vendor != "sqlite":
        # Nested, it needs no savepoint of its own: it writes nothing to roll back.
        with transaction.atomic(using=alias, savepoint=False):
            yield
        return
    connection.ensure_connection()  # connecting sets transaction_mode from the settings
    mode, connection.transaction_mode = connection.transaction_mode, "DEFERRED"
    try:
        with transaction.atomic(using=alias):
            connection.transaction_mode = mode  # BEGIN DEFERRED has been sent
            yield
    finally:
        connection.transaction_mode = mode

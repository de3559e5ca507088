"""Queries that may give up: time limits for optional work such as facet counts.

Datasette suppresses facets that take longer than ``facet_time_limit_ms``; the timeline
does the same, so that on a very large knowledge base a page still answers quickly and
says which counts it left out, instead of making every reader wait for them.

    with query_time_limit(per_query=40, total=120) as limit:
        counts = limit.run(lambda: list(expensive_queryset))   # None if it ran over

Each ``run`` may take ``per_query`` milliseconds, and all of them together ``total``:
once the total is spent, the remaining runs still send their query (so a page makes
the same queries whatever the data) but give up at once. SQLite interrupts a query
through a progress handler; PostgreSQL gets ``statement_timeout`` set before each run
and reset at the end.

The limit is set on the connection the queries read from: ``using``, or by default the
one the router gives reads (in a request, the request's replica when there are replicas,
see dprk_kb/routers.py), not always the primary's.
"""

import sqlite3
import time
from contextlib import contextmanager

from django.db import DatabaseError, connections, router, transaction

SHORTEST_MS = 1


# PostgreSQL's code for a cancelled statement. A statement timeout in a parallel query
# can surface as a worker's "canceling statement due to user request", not as "due to
# statement timeout": the code is the same.
QUERY_CANCELED = "57014"


def timed_out(error):
    """Whether ``error`` is a query stopped by its time limit (on SQLite, interrupted)."""
    cause = error.__cause__ or error
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)  # psycopg 3, psycopg2
    return code == QUERY_CANCELED or "interrupted" in str(error)


class QueryTimeLimit:
    def __init__(self, per_query, total, using):
        self.per_query = per_query
        self.using = using
        self.deadline = time.perf_counter() + total / 1000

    def allowance(self):
        """Milliseconds the next run may take."""
        left = (self.deadline - time.perf_counter()) * 1000
        return max(SHORTEST_MS, min(self.per_query, left))

    def run(self, function):
        """``function()``, or None if one of its queries ran over its time."""
        milliseconds = self.allowance()
        connection = connections[self.using]
        try:
            if connection.vendor == "sqlite":
                return self._run_sqlite(function, milliseconds)
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = %s", [f"{int(milliseconds)}ms"])
            if connection.in_atomic_block:
                # A cancelled statement would abort the surrounding transaction: isolate it.
                with transaction.atomic(using=self.using):
                    return function()
            return function()
        # (With query logging on, Django quotes the failed query's SQL on the interrupted
        # connection, which SQLite interrupts again with its own, unwrapped error.)
        except (DatabaseError, sqlite3.OperationalError) as error:
            if timed_out(error):
                return None
            raise

    def _run_sqlite(self, function, milliseconds):
        deadline = time.perf_counter() + milliseconds / 1000
        raw = connections[self.using].connection
        raw.set_progress_handler(lambda: 1 if time.perf_counter() > deadline else 0, 2000)
        try:
            return function()
        finally:
            raw.set_progress_handler(None, 0)


@contextmanager
def query_time_limit(per_query, total, using=None):
    # Any model: the router picks the request's database, whatever the model.
    using = using or router.db_for_read(None)
    connection = connections[using]
    connection.ensure_connection()
    try:
        yield QueryTimeLimit(per_query, total, using)
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")

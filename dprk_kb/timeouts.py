"""Queries that may give up: a time limit for optional work such as facet counts.

Datasette suppresses facets that take longer than ``facet_time_limit_ms``; the timeline
does the same, so that on a very large knowledge base a page still answers quickly and
says which counts it left out, instead of making every reader wait for them.

    with query_time_limit(40) as limit:
        counts = limit.run(lambda: list(expensive_queryset))   # None if it ran over

SQLite interrupts a query through a progress handler (no extra statement); PostgreSQL
gets ``statement_timeout`` set once for the block and reset after (two statements).
"""

import time
from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction


class QueryTimeLimit:
    def __init__(self, milliseconds):
        self.milliseconds = milliseconds

    def run(self, function):
        """``function()``, or None if one of its queries ran over the limit."""
        try:
            if connection.vendor == "sqlite":
                return self._run_sqlite(function)
            if connection.in_atomic_block:
                # A cancelled statement would abort the surrounding transaction: isolate it.
                with transaction.atomic():
                    return function()
            return function()
        except DatabaseError as error:
            if "interrupted" in str(error) or "statement timeout" in str(error):
                return None
            raise

    def _run_sqlite(self, function):
        deadline = time.perf_counter() + self.milliseconds / 1000
        raw = connection.connection
        raw.set_progress_handler(lambda: 1 if time.perf_counter() > deadline else 0, 2000)
        try:
            return function()
        finally:
            raw.set_progress_handler(None, 0)


@contextmanager
def query_time_limit(milliseconds):
    connection.ensure_connection()
    if connection.vendor != "postgresql":
        yield QueryTimeLimit(milliseconds)
        return
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = %s", [f"{int(milliseconds)}ms"])
    try:
        yield QueryTimeLimit(milliseconds)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")

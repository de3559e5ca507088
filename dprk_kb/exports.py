"""Streaming CSV and JSON exports of a filtered list, in constant memory and queries.

An export is a list of ``Column``s over the rows of one queryset. Single values come
from the main query (``queryset.values()``); each multi-valued column (actors of an
event, designations of an equipment...) comes from one more query over the same
filtered rows, ordered the same way, and the streams are merged as they are read. So an
export makes one query per multi-valued column whatever the number of rows, holds one
batch of rows in memory at a time, and never runs a query per row.

CSV cells are made safe for spreadsheets: a text cell that starts with ``=``, ``+``,
``-``, ``@``, a tab, CR, LF or NUL gets a leading apostrophe; numbers stay numbers.
"""

import csv
import datetime
import decimal
import io
import json
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connections, router, transaction
from django.http import HttpResponse, StreamingHttpResponse

BATCH_SIZE = 1000
MULTI_VALUE_SEPARATOR = "; "
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


@dataclass(frozen=True)
class Column:
    """One export column.

    ``field``: a lookup read by the main query (``"place__name"``).
    ``related``: a lookup across a to-many relation, read by its own ordered query;
    the column then holds a list.
    ``compute``: a function of the record read so far (keyed by lookup, and by column
    name for related columns), for values built in Python: the era, the page URL.
    """

    name: str
    field: str | None = None
    related: str | None = None
    compute: object = None

    @property
    def many(self):
        return self.related is not None


def plain(value):
    """A JSON-ready value: integral decimals become ints, dates ISO strings."""
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def csv_cell(value):
    """The text of one CSV cell, neutralized against formula injection."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = MULTI_VALUE_SEPARATOR.join(str(v) for v in value)
    elif isinstance(value, bool):
        return "true" if value else "false"
    elif isinstance(value, int | float | decimal.Decimal):
        return str(plain(value))
    else:
        value = str(value)
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class Export:
    """The rows of ``queryset`` as the values of ``columns``.

    ``queryset`` must have a total order (ending in a unique field) so that the main
    query and the multi-valued queries walk the rows in the same order.
    """

    def __init__(self, queryset, columns, extra_fields=()):
        self.queryset = queryset
        self.columns = columns
        self.extra_fields = extra_fields
        self.ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)

    @property
    def header(self):
        return [column.name for column in self.columns]

    def rows(self):
        """Yield one dict per row, with every column's value.

        Every query reads one database (one replica, when there are replicas) in one
        snapshot, so the streams agree row for row even while editors write.
        """
        alias = router.db_for_read(self.queryset.model)
        with consistent_snapshot(alias):
            yield from self._merged_rows(self.queryset.using(alias))

    def _merged_rows(self, queryset):
        fields = sorted({"pk", *self.extra_fields, *(c.field for c in self.columns if c.field)})
        main = queryset.order_by(*self.ordering).values(*fields).iterator(chunk_size=BATCH_SIZE)
        streams = {
            column.name: self._related_stream(queryset, column.related) for column in self.columns if column.many
        }
        pending = {name: next(stream, None) for name, stream in streams.items()}
        for record in main:
            pk = record["pk"]
            for name, stream in streams.items():
                values = []
                while pending[name] is not None and pending[name][0] == pk:
                    if pending[name][1] is not None:
                        values.append(pending[name][1])
                    pending[name] = next(stream, None)
                record[name] = values
            row = {}
            for column in self.columns:
                if column.compute is not None:
                    row[column.name] = column.compute(record)
                elif column.many:
                    row[column.name] = record[column.name]
                else:
                    row[column.name] = record[column.field]
            yield row

    def _related_stream(self, queryset, lookup):
        return (
            queryset.order_by(*self.ordering, lookup)
            .values_list("pk", lookup)
            .distinct()
            .iterator(chunk_size=BATCH_SIZE)
        )


@contextmanager
def consistent_snapshot(alias):
    """One transaction in which every read sees the same committed state.

    PostgreSQL's default isolation gives each statement its own snapshot, so the export's
    queries are run in one REPEATABLE READ, READ ONLY transaction. SQLite's transaction
    already reads one snapshot. Inside a transaction someone else began (a test), the
    isolation level is theirs to choose.
    """
    connection = connections[alias]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=alias, savepoint=False):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _batches(lines, size=BATCH_SIZE):
    buffer, count = io.StringIO(), 0
    for line in lines:
        buffer.write(line)
        count += 1
        if count >= size:
            yield buffer.getvalue()
            buffer, count = io.StringIO(), 0
    if count:
        yield buffer.getvalue()


def csv_lines(export, bom=False):
    """The CSV text of ``export``, line by line (the header first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(values):
        writer.writerow(values)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield ("\ufeff" if bom else "") + line(export.header)
    for row in export.rows():
        yield line([csv_cell(row[name]) for name in export.header])


def json_lines(export):
    """The JSON text of ``export``: an array of objects, one per line."""
    first = True
    yield "["
    for row in export.rows():
        text = json.dumps({name: plain(value) for name, value in row.items()}, ensure_ascii=False)
        yield ("\n" if first else ",\n") + text
        first = False
    yield "\n]\n"


def export_response(export, fmt, basename, bom=False):
    """A streamed download of ``export`` as ``fmt`` ("csv" or "json")."""
    filename = f"{basename}-{datetime.date.today().isoformat()}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(_batches(csv_lines(export, bom)), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(_batches(json_lines(export)), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def bad_request(form):
    """A 400 answer naming every invalid parameter, in plain text."""
    lines = ["Bad request: these parameters have invalid values."]
    for name, errors in form.errors.items():
        for error in errors:
            lines.append(f"{name}: {error}")
    return HttpResponse("\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8")

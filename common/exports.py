"""Streaming CSV and JSON exports of a filtered list, in constant memory and queries.

An export is a list of ``Column``s over the rows of one queryset. Single values come
from the main query; each multi-valued column (actors of an event, designations of an
equipment...) comes from one more query over the same filtered rows, grouped by row and
ordered the same way, and the streams are merged as they are read. So an export makes
one query per multi-valued column whatever the number of rows, holds one batch of rows
in memory at a time, never runs a query per row, and reads every query in one snapshot.

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

from django.db import connections, router
from django.db.models import Aggregate, TextField, Value
from django.http import HttpResponse, StreamingHttpResponse

from common.transactions import reading

BATCH_SIZE = 1000
MULTI_VALUE_SEPARATOR = "; "
FORMULA_PREFIXES = "=+-@\t\r\n\0"


@dataclass(frozen=True)
class Column:
    """One export column.

    ``field``: a lookup read by the main query (``"place__name"``).
    ``related``: a lookup across a to-many relation, read by its own ordered query;
    the column then holds a list.
    ``compute``: a function of the record read so far (keyed by lookup, and by column
    name for related columns), for values built in Python: the era, the page URL;
    ``reads``: the lookups it needs beyond the column's own ``field``.
    """

    name: str
    field: str | None = None
    related: str | None = None
    compute: object = None
    reads: tuple = ()

    @property
    def many(self):
        return self.related is not None


def page_column(url_for, name="url"):
    """The column of each row's page address: ``url_for(slug)``."""
    return Column(name, compute=lambda row: url_for(row["slug"]), reads=("slug",))


def plain(value):
    """A JSON-ready value: integral numbers become ints, dates ISO strings."""
    if isinstance(value, decimal.Decimal | float):
        return int(value) if value == int(value) else float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def as_date(value):
    """A date from a database value (SQLite hands dates back as ISO text)."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def csv_cell(value):
    """The text of one CSV cell, neutralized against formula injection."""
    kind = value.__class__
    if kind is str:
        return "'" + value if value and value[0] in FORMULA_PREFIXES else value
    if value is None:
        return ""
    if kind is int:
        return str(value)
    if kind is list:
        return csv_cell(MULTI_VALUE_SEPARATOR.join(v if v.__class__ is str else str(v) for v in value))
    if kind is bool:
        return "true" if value else "false"
    if isinstance(value, int | float | decimal.Decimal):
        return str(plain(value))
    return csv_cell(str(plain(value)))


class Export:
    """The rows of ``queryset`` as the values of ``columns``.

    ``queryset`` must have a total order (ending in a unique field) so that the main
    query and the multi-valued queries walk the rows in the same order. Rows are read
    straight from the database cursor in batches (a server-side cursor on PostgreSQL),
    without building model instances.
    """

    def __init__(self, queryset, columns):
        # Only values are read: what a page loads alongside its rows is not needed here.
        self.queryset = queryset.select_related(None).prefetch_related(None)
        self.columns = columns
        self.ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)

    @property
    def header(self):
        return [column.name for column in self.columns]

    def rows(self):
        """Yield one list per row: every column's value, in the header's order.

        Every query reads one database (one replica, when there are replicas) in one
        snapshot, so the streams agree row for row even while editors write.
        """
        alias = router.db_for_read(self.queryset.model)
        with consistent_snapshot(alias):
            yield from self._merged_rows(self.queryset.using(alias), alias)

    def _merged_rows(self, queryset, alias):
        fields = sorted(
            {"pk", *(c.field for c in self.columns if c.field), *(f for c in self.columns for f in c.reads)}
        )
        ordered = queryset.order_by(*self.ordering)
        main = _stream(ordered.values_list(*fields), alias)
        # Each multi-valued column: one (pk, joined values) row per row, in the rows' own
        # order; the values are split, de-duplicated and sorted here.
        related = [c.name for c in self.columns if c.many]
        streams = [
            _stream(
                ordered.values("pk").annotate(values=GroupConcat(c.related)).values_list("pk", "values"),
                alias,
            )
            for c in self.columns
            if c.many
        ]
        pending = [next(stream, None) for stream in streams]
        # How to get each column from the record: its computation, or its field's key.
        getters = [(c.compute, c.name if c.many else c.field) for c in self.columns]
        for values in main:
            record = dict(zip(fields, values, strict=True))
            pk = record["pk"]
            for index, name in enumerate(related):
                current = pending[index]
                if current is not None and current[0] == pk:
                    found = current[1].split(UNIT_SEPARATOR) if current[1] is not None else []
                    pending[index] = next(streams[index], None)
                else:
                    found = []
                record[name] = sorted(set(found)) if len(found) > 1 else found
            yield [compute(record) if compute is not None else record[key] for compute, key in getters]


UNIT_SEPARATOR = "\x1f"


class GroupConcat(Aggregate):
    """A group's values joined by the ASCII unit separator (group_concat / string_agg)."""

    output_field = TextField()

    def __init__(self, expression, **extra):
        super().__init__(expression, Value(UNIT_SEPARATOR), **extra)

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, function="STRING_AGG", template="%(function)s(%(expressions)s)", **extra_context
        )


def _stream(queryset, alias):
    """The raw rows of a values_list queryset, fetched in batches through a chunked cursor."""
    sql, params = queryset.query.get_compiler(using=alias).as_sql()
    with connections[alias].chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(BATCH_SIZE):
            yield from batch


@contextmanager
def consistent_snapshot(alias):
    """One read-only transaction in which every read sees the same committed state.

    PostgreSQL's default isolation gives each statement its own snapshot, so the export's
    queries are run in one REPEATABLE READ, READ ONLY transaction. On SQLite a transaction
    already reads one snapshot, but the site's transactions begin IMMEDIATE (they take the
    write lock at once): the export's begins DEFERRED (``common.transactions.reading``),
    a plain WAL reader that never holds the lock editors need, however slowly it is
    downloaded.
    Inside a transaction someone else began (a test), the isolation level is theirs.
    """
    connection = connections[alias]
    outermost = not connection.in_atomic_block
    with reading(alias):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


class RowsExport:
    """An export of rows built in Python (``rows``: lists in the ``header``'s order), for
    lists that are no queryset, such as the disputes."""

    def __init__(self, header, rows):
        self.header = header
        self._rows = rows

    def rows(self):
        yield from self._rows


def csv_lines(export, bom=False):
    """The CSV text of ``export``, a batch of rows at a time (the header first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(export.header)
    yield ("\ufeff" if bom else "") + buffer.getvalue()
    batch = []
    for row in export.rows():
        batch.append([csv_cell(v) for v in row])
        if len(batch) == BATCH_SIZE:
            yield _written(batch)
            batch = []
    if batch:
        yield _written(batch)


def _written(rows):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def json_lines(export):
    """The JSON text of ``export``: an array of objects, one per line, a batch at a time."""
    lines = ["["]
    separator = "\n"
    header = export.header
    for row in export.rows():
        item = {name: plain(value) for name, value in zip(header, row, strict=True)}
        lines.append(separator + json.dumps(item, ensure_ascii=False))
        separator = ",\n"
        if len(lines) >= BATCH_SIZE:
            yield "".join(lines)
            lines = []
    lines.append("\n]\n")
    yield "".join(lines)


def export_response(export, fmt, basename, bom=False):
    """A streamed download of ``export`` as ``fmt`` ("csv" or "json")."""
    filename = f"{basename}-{datetime.date.today().isoformat()}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(csv_lines(export, bom), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(json_lines(export), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def bad_request(form):
    """A 400 answer naming every invalid parameter, in plain text."""
    lines = ["Bad request: these parameters have invalid values."]
    for name, errors in form.errors.items():
        for error in errors:
            lines.append(f"{name}: {error}")
    return HttpResponse("\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8")

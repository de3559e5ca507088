"""Query plans of the lists' filter, sort and facet paths, without and with the indexes.

    DATABASE_URL=sqlite:///bench/results/bench.sqlite3 .venv/bin/python bench/plans.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dprk_kb_bench .venv/bin/python bench/plans.py

Prints, for each query, the plan and time with the project's indexes dropped ("before")
and as migrated ("after"). On SQLite the "before" runs on a copy of the file; on
PostgreSQL inside a transaction that is rolled back, so the database is left as it was.
The queries are the ones the timeline, its facets and search really send (taken from
the ORM), on a database made by bench/run.py or generate_synthetic.
"""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dprk_kb.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

from common.dates import DatePart  # noqa: E402
from common.text import matches  # noqa: E402
from events.models import Era, Event  # noqa: E402
from sources.models import Citation, Source  # noqa: E402

INDEXES = {
    "sqlite": [
        "event_chronological",
        "event_date_last",
        "event_kind_date",
        "event_start_year",
        "citation_source_event",
        "events_event_actors_actor_id_event",
        "events_event_equipment_equipment_id_event",
    ],
}
INDEXES["postgresql"] = INDEXES["sqlite"] + [
    f"{table}_{column}_trgm" for table in ("events_event",) for column in ("search_name", "search_text")
]


def queries():
    war = Era.objects.get(slug="cold-war")
    source = Source.objects.filter(slug__startswith="syn-").order_by("pk").first()
    yield "timeline page (order, first 50)", Event.objects.chronological().values_list("pk")[:50]
    yield "era filter (count)", Event.objects.in_era(war).values("pk").order_by()
    yield (
        "year filter 1950–1960 (count)",
        Event.objects.overlapping(__import__("datetime").date(1950, 1, 1), __import__("datetime").date(1960, 12, 31))
        .values("pk")
        .order_by(),
    )
    yield (
        "source filter",
        Event.objects.filter(pk__in=Citation.objects.filter(source=source).values("event_id")).values("pk").order_by(),
    )
    yield (
        "actor facet (top 30)",
        Event.actors.through.objects.values_list("actor_id").annotate(n=Count("*")).order_by("-n")[:30],
    )
    yield (
        "chart: events per year",
        Event.objects.order_by().annotate(y=DatePart("year", "date_start")).values_list("y").annotate(n=Count("pk")),
    )
    yield (
        "search: words in events",
        Event.objects.filter(matches(["search_name", "search_text"], ["tank"])).values("pk")[:51],
    )


def explain(sql, params):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = "\n".join("  " + row[3] for row in cursor.fetchall())
        else:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + sql, params)
            plan = "\n".join("  " + row[0] for row in cursor.fetchall())
        started = time.perf_counter()
        cursor.execute(sql, params)
        cursor.fetchall()
        return plan, (time.perf_counter() - started) * 1000


def report(title, rows):
    print(f"\n### {title}\n")
    for name, (plan, ms) in rows.items():
        print(f"**{name}** — {ms:.1f} ms\n```\n{plan}\n```")


def main():
    sqls = {name: queryset.query.sql_with_params() for name, queryset in queries()}
    after = {name: explain(sql, params) for name, (sql, params) in sqls.items()}
    if connection.vendor == "sqlite":
        original = connection.settings_dict["NAME"]
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "before.sqlite3"
            shutil.copy(original, copy)
            connection.close()
            connection.settings_dict["NAME"] = str(copy)
            with connection.cursor() as cursor:
                for index in INDEXES["sqlite"]:
                    cursor.execute(f'DROP INDEX IF EXISTS "{index}"')
                cursor.execute("ANALYZE")
            before = {name: explain(sql, params) for name, (sql, params) in sqls.items()}
            connection.close()
            connection.settings_dict["NAME"] = original
    else:
        with connection.cursor() as cursor:
            cursor.execute("BEGIN")
            for index in INDEXES["postgresql"]:
                cursor.execute(f'DROP INDEX IF EXISTS "{index}"')
            before = {name: explain(sql, params) for name, (sql, params) in sqls.items()}
            cursor.execute("ROLLBACK")
    print(f"# Query plans on {connection.vendor}, {Event.objects.count():,} events")
    report("Before: without the project's indexes", before)
    report("After: with them", after)


if __name__ == "__main__":
    main()

"""Benchmark the knowledge base at scale, on SQLite and PostgreSQL, against the database's
own CSV dump and against Datasette.

    python3 bench/run.py                             # 100,000 events, both databases, 1M export
    python3 bench/run.py --events 20000 --skip-million --skip-postgres

It builds its own databases (bench/results/*.sqlite3 and PostgreSQL database
``dprk_kb_bench``), fills them with ``generate_synthetic``, and measures:

- p50/p95 latency of the timeline (no filter, typical filters), an equipment page, search
  and the transfers list, in-process (Django's test client) and through gunicorn;
- rows per second of the timeline CSV export, beside the database's own CSV dump of the
  same rows and columns (``sqlite3 -csv`` / ``COPY ... TO STDOUT WITH CSV``);
- rows per second of Datasette streaming the same events table as CSV from the same
  SQLite file, and the latency of its filtered table page (SQLite only);
- queries per request for each page and export at 10 and at 100,000 events;
- peak memory growth while exporting 1,000,000 events.

It prints a table and writes bench/results/latest.json (and a dated copy). From a fresh
clone it sets up .venv (``make install``) and .venv-bench (Datasette, from
requirements-bench.txt) on first run; it needs ``sqlite3`` and ``psql`` on the PATH and
PostgreSQL at $BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432) unless
--skip-postgres.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from beside_datasette import datasette

from common import (
    PYTHON,
    RESULTS,
    ROOT,
    Gunicorn,
    build,
    ensure_environment,
    fresh_postgres,
    fresh_sqlite,
    http_latency,
    log,
    percentiles,
    stream_rows,
)

PAGES = {
    "timeline": "/timeline/",
    "timeline, era+kind": "/timeline/?era=cold-war&kind=battle",
    "timeline, years+actor": "/timeline/?year_from=1950&year_to=1960&actor=syn-actor-7",
    "timeline, words": "/timeline/?q=tank",
    "equipment page": "/equipment/syn-equipment-3/",
    "equipment list": "/equipment/",
    "search": "/search/?q=koksan",
    "transfers": "/transfers/",
    "actors": "/actors/",
    "sources": "/sources/",
    "disputes": "/disputes/",
}
EXPORTS = {
    "timeline.csv": "/timeline/export.csv",
    "timeline.json": "/timeline/export.json",
    "equipment.csv": "/equipment/export.csv",
    "transfers.csv": "/transfers/export.csv",
    "actors.csv": "/actors/export.csv",
    "sources.csv": "/sources/export.csv",
}

# The timeline export's rows and columns, as the database itself would dump them.
SQLITE_DUMP = """
SELECT e.id, e.slug, e.title, e.date_start, e.date_end, e.date_precision, e.kind, p.name,
  (SELECT group_concat(a.name, '; ') FROM events_event_actors ea JOIN events_actor a ON a.id = ea.actor_id
   WHERE ea.event_id = e.id),
  (SELECT group_concat(q.name, '; ') FROM events_event_equipment ee JOIN equipment_equipment q
   ON q.id = ee.equipment_id WHERE ee.event_id = e.id),
  e.summary,
  (SELECT group_concat(DISTINCT s.slug) FROM sources_citation c JOIN sources_source s ON s.id = c.source_id
   WHERE c.event_id = e.id)
FROM events_event e LEFT JOIN events_place p ON p.id = e.place_id ORDER BY e.date_start, e.slug
"""
POSTGRES_DUMP = """
COPY (
WITH a AS (SELECT ea.event_id, string_agg(x.name, '; ' ORDER BY x.name) AS names
           FROM events_event_actors ea JOIN events_actor x ON x.id = ea.actor_id GROUP BY ea.event_id),
     q AS (SELECT ee.event_id, string_agg(x.name, '; ' ORDER BY x.name) AS names
           FROM events_event_equipment ee JOIN equipment_equipment x ON x.id = ee.equipment_id GROUP BY ee.event_id),
     s AS (SELECT c.event_id, string_agg(DISTINCT x.slug, '; ') AS slugs FROM sources_citation c
           JOIN sources_source x ON x.id = c.source_id WHERE c.event_id IS NOT NULL GROUP BY c.event_id)
SELECT e.id, e.slug, e.title, e.date_start, e.date_end, e.date_precision, e.kind, p.name, a.names, q.names,
       e.summary, s.slugs
FROM events_event e LEFT JOIN events_place p ON p.id = e.place_id LEFT JOIN a ON a.event_id = e.id
     LEFT JOIN q ON q.event_id = e.id LEFT JOIN s ON s.event_id = e.id
ORDER BY e.date_start, e.slug) TO STDOUT WITH CSV
"""


# -- measurements inside a Django process (run as: bench/run.py --worker KIND URL) ---------


def worker(kind, url):
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dprk_kb.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    client = Client()

    def fetch(path):
        response = client.get(path)
        chunks = response.streaming_content if response.streaming else [response.content]
        size = sum(len(chunk) for chunk in chunks)
        assert response.status_code == 200, (path, response.status_code)
        return size

    if kind == "latency":
        out = {}
        for name, path in PAGES.items():
            fetch(path)
            times = []
            for _ in range(21):
                started = time.perf_counter()
                fetch(path)
                times.append((time.perf_counter() - started) * 1000)
            out[name] = percentiles(times)
        return out
    if kind == "queries":
        out = {}
        for name, path in {**PAGES, **EXPORTS}.items():
            with CaptureQueriesContext(connection) as captured:
                fetch(path)
            count = len(captured)  # (each request empties the query log: count it now)
            page = (client.get(path).context or {}).get("page_obj")
            empty = page is not None and page.paginator.count == 0  # then Django skips the page's queries
            out[name] = f"{count}{' (no rows)' if empty else ''}"
        return out
    if kind == "memory":
        import tracemalloc

        fetch("/sources/export.csv")  # warm up
        baseline = resident_mb()
        peak, rows = baseline, 0
        tracemalloc.start()
        started = time.perf_counter()
        for chunk in client.get("/timeline/export.csv").streaming_content:
            rows += chunk.count(b"\n")
            if rows % 50_000 < 1_000:
                peak = max(peak, resident_mb())
        seconds = time.perf_counter() - started
        python_peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
        return {
            "rows": rows - 1,
            "seconds": round(seconds, 1),
            "rss_before_mb": round(baseline, 1),
            "rss_peak_mb": round(peak, 1),
            "peak_growth_mb": round(peak - baseline, 1),
            "python_allocations_peak_mb": round(python_peak, 1),
        }
    raise SystemExit(f"unknown worker {kind}")


def resident_mb():
    """The process's resident memory now, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def in_django(kind, url):
    result = subprocess.run(
        [PYTHON, __file__, "--worker", kind, url], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def timed(command, env=None):
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, check=True, env=env)
    return result.stdout.count(b"\n"), time.perf_counter() - started


# -- the run ------------------------------------------------------------------------------


def measure(engine, url, path, small_url, events):
    log(f"[{engine}] latency in-process")
    result = {"inprocess": in_django("latency", url)}
    log(f"[{engine}] queries at 10 and {events:,} events")
    result["queries"] = {"small": in_django("queries", small_url), "large": in_django("queries", url)}
    log(f"[{engine}] through gunicorn")
    server = Gunicorn(url)
    try:
        result["gunicorn"] = http_latency(server.base, PAGES)
        rows, seconds = stream_rows(server.base + "/timeline/export.csv")
        result["export"] = {"rows": rows, "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds)}
    finally:
        server.stop()
    log(f"[{engine}] the database's own dump")
    if engine == "sqlite":
        dump_rows, dump_seconds = timed(["sqlite3", "-csv", str(path), SQLITE_DUMP])
    else:
        dump_rows, dump_seconds = timed(["psql", url, "-qc", POSTGRES_DUMP])
    result["dump"] = {
        "rows": dump_rows,
        "seconds": round(dump_seconds, 2),
        "rows_per_s": round(dump_rows / dump_seconds),
    }
    result["export"]["ratio_to_dump"] = round(result["dump"]["rows_per_s"] / result["export"]["rows_per_s"], 2)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "DATABASE_URL"), help=argparse.SUPPRESS)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--million", type=int, default=1_000_000, help="Events for the memory measurement.")
    parser.add_argument("--skip-million", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-datasette", action="store_true")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return

    ensure_environment()
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}",
        "events": args.events,
        "databases": {},
    }

    url, path = fresh_sqlite("bench")
    log(f"[sqlite] building {args.events:,} events")
    report["build_seconds_sqlite"] = round(build(url, args.events), 1)
    small_url, _ = fresh_sqlite("bench-small")
    build(small_url, 10, with_fixtures=False)
    report["databases"]["sqlite"] = measure("sqlite", url, path, small_url, args.events)
    if not args.skip_datasette:
        log("[sqlite] Datasette")
        report["datasette"] = datasette(path)
        ours = report["databases"]["sqlite"]
        report["datasette"]["our_csv_rows_per_s_ratio"] = round(
            ours["export"]["rows_per_s"] / report["datasette"]["csv_rows_per_s"], 2
        )

    if not args.skip_postgres:
        url = fresh_postgres("dprk_kb_bench")
        small_url = fresh_postgres("dprk_kb_bench_small")
        log(f"[postgresql] building {args.events:,} events")
        report["build_seconds_postgresql"] = round(build(url, args.events), 1)
        build(small_url, 10, with_fixtures=False)
        report["databases"]["postgresql"] = measure("postgresql", url, None, small_url, args.events)

    if not args.skip_million:
        url, _ = fresh_sqlite("bench-million")
        log(f"[sqlite] building {args.million:,} events for the memory measurement")
        build(url, args.million, with_fixtures=False)
        report["memory"] = in_django("memory", url)

    text = json.dumps(report, indent=2)
    (RESULTS / "latest.json").write_text(text)
    (RESULTS / f"bench-{report['date'][:10]}.json").write_text(text)
    print_table(report)


def print_table(report):
    print(f"\n{report['date']} · {report['machine']} · {report['events']:,} events\n")
    for engine, result in report["databases"].items():
        print(f"== {engine}")
        print(f"{'page':26} {'in-process p50/p95 ms':>22} {'gunicorn p50/p95 ms':>22} {'queries 10 / large':>20}")
        for name in PAGES:
            a, b = result["inprocess"][name], result["gunicorn"][name]
            q = f"{result['queries']['small'][name]} / {result['queries']['large'][name]}"
            print(f"{name:26} {a['p50']:>10} / {a['p95']:<10} {b['p50']:>10} / {b['p95']:<10} {q:>20}")
        for name in EXPORTS:
            q = f"{result['queries']['small'][name]} / {result['queries']['large'][name]}"
            print(f"{'export ' + name:26} {'':>22} {'':>22} {q:>20}")
        export, dump = result["export"], result["dump"]
        print(
            f"timeline CSV export: {export['rows_per_s']:,} rows/s ({export['rows']:,} rows in {export['seconds']}s); "
            f"database dump: {dump['rows_per_s']:,} rows/s; dump is {export['ratio_to_dump']}× faster"
        )
    if "datasette" in report:
        d = report["datasette"]
        print(
            f"Datasette: CSV {d['csv_rows_per_s']:,} rows/s (ours is {d['our_csv_rows_per_s_ratio']}× that); "
            f"filtered table page p50/p95 {d['table, kind+dates']['p50']}/{d['table, kind+dates']['p95']} ms"
        )
    if "memory" in report:
        m = report["memory"]
        print(f"export of {m['rows']:,} events: {m['seconds']}s, peak memory growth {m['peak_growth_mb']} MB")


if __name__ == "__main__":
    main()

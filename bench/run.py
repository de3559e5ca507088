"""Benchmark the knowledge base at 10,000, 100,000 and 1,000,000 events, on SQLite and
PostgreSQL, beside the database's own CSV dump and beside Datasette, and print each
figure beside its target (issue 16; the figures and the plot go in docs/performance.md).

    python3 bench/run.py                                  # the whole run (about 40 minutes)
    python3 bench/run.py --sizes 10000,100000 --postgres-sizes 10000 --skip-load

At each size it builds its own databases (bench/results/bench-<size>.sqlite3 and the
PostgreSQL database ``dprk_kb_bench_<size>``) with ``generate_synthetic``, and measures:

- each list page in-process (Django's test client): p50/p95 of 21 requests once its
  counts are kept in the cache ("warm"), and the first request after a change ("cold":
  the cache emptied, everything counted again);
- queries per request for each page and export, at 10 events and at the size;
- rows per second of the timeline CSV export through gunicorn, beside the database's own
  CSV dump of the same rows and columns (``sqlite3 -csv`` / ``COPY ... TO STDOUT WITH
  CSV``) and, on SQLite, Datasette streaming the bare events table from the same file;
- Datasette's filtered table page for the filter of the timeline's "kind+years" page;
- at 100,000 events, the load through gunicorn (bench/load.sh: 16 connections, mixed
  pages, 2 workers per core);
- at the largest size, the memory growth while exporting every event.

It prints the table of targets and writes bench/results/latest.json (and a dated copy)
and the plot of page time and export rate against size (bench/results/scaling.svg, which
docs/performance.md shows as docs/performance-scaling.svg). From a fresh clone it sets
up .venv (``make install``) and .venv-bench (Datasette, from requirements-bench.txt) on
first run; it needs ``sqlite3``, ``psql`` and ``wrk`` on the PATH and PostgreSQL at
$BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432) unless --skip-postgres.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
import urllib.request
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
    log,
    percentiles,
    stream_rows,
)

PAGES = {
    "timeline": "/timeline/",
    # The filter of Datasette's filtered table page beside it (beside_datasette.py).
    "timeline, kind+years": "/timeline/?kind=battle&year_from=1950&year_to=1960",
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
    "map": "/map/",
}
# The pages the target "every list page p95 <= 50 ms" is about (search and an entry's page
# are not lists; they are measured beside them).
LISTS = [name for name in PAGES if name not in ("search", "equipment page")]
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
    sys.modules.pop("common", None)  # bench/common.py: the project has a package of that name
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
        from django.core.cache import cache

        out = {}
        for name, path in PAGES.items():
            cold = []
            for _ in range(3):  # the first reader after a change: nothing kept yet
                cache.clear()
                started = time.perf_counter()
                fetch(path)
                cold.append((time.perf_counter() - started) * 1000)
            times = []
            for _ in range(21):
                started = time.perf_counter()
                fetch(path)
                times.append((time.perf_counter() - started) * 1000)
            out[name] = {**percentiles(times), "cold": round(sorted(cold)[1], 1)}
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
    log(f"[{engine} {events:,}] latency in-process")
    result = {"inprocess": in_django("latency", url)}
    log(f"[{engine} {events:,}] queries at 10 and {events:,} events")
    result["queries"] = {"small": in_django("queries", small_url), "large": in_django("queries", url)}
    log(f"[{engine} {events:,}] the timeline's CSV export through gunicorn")
    server = Gunicorn(url, **SHARED_CACHE)
    try:
        stream_rows(server.base + "/timeline/export.csv?year_from=2000")  # warm the workers
        rows, seconds = stream_rows(server.base + "/timeline/export.csv")
        result["export"] = {"rows": rows, "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds)}
    finally:
        server.stop()
    log(f"[{engine} {events:,}] the database's own dump")
    if engine == "sqlite":
        dump_rows, dump_seconds = timed(["sqlite3", "-csv", str(path), SQLITE_DUMP])
    else:
        dump_rows, dump_seconds = timed(["psql", url, "-qc", POSTGRES_DUMP])
    result["dump"] = {
        "rows": dump_rows,
        "seconds": round(dump_seconds, 2),
        "rows_per_s": round(dump_rows / dump_seconds),
    }
    result["export"]["time_to_dump"] = round(result["export"]["seconds"] / result["dump"]["seconds"], 2)
    return result


# The app servers' shared cache, as in production (settings.CACHES).
SHARED_CACHE = {"CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/4")}
MIXED = ["timeline", "timeline, era+kind", "timeline, years+actor", "equipment page", "search", "transfers", "map"]


def mixed_load(url, seconds=20, connections=16):
    """Requests/s, p50/p95/p99 and errors of gunicorn (2 workers per core, as the project's
    gunicorn.conf.py) under ``connections`` clients asking for the MIXED pages in turn."""
    server = Gunicorn(url, workers=2 * (os.cpu_count() or 1), **SHARED_CACHE)
    try:
        for name in MIXED:  # every worker warm, every page's counts kept
            for _ in range(4):
                urllib.request.urlopen(server.base + PAGES[name], timeout=600).read()
        env = {
            **os.environ,
            "LOAD_SERVERS": server.base.removeprefix("http://"),
            "LOAD_PATHS": " ".join(PAGES[n] for n in MIXED),
        }
        out = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(ROOT / "bench" / "spread.lua"), server.base],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout
    finally:
        server.stop()
    _, rps, p50, p95, p99, errors, *_ = next(line for line in out.splitlines() if line.startswith("RESULT ")).split()
    return {
        "connections": connections,
        "seconds": seconds,
        "requests_per_s": float(rps),
        "p50": float(p50),
        "p95": float(p95),
        "p99": float(p99),
        "errors": int(errors),
        "pages": MIXED,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "DATABASE_URL"), help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="Numbers of events, comma-separated.")
    parser.add_argument("--postgres-sizes", default=None, help="The sizes run on PostgreSQL too (default: all).")
    parser.add_argument("--load-size", type=int, default=100_000, help="The size the load is measured at.")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-datasette", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--replot", action="store_true", help="Print and plot the latest run again, measuring nothing.")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return
    if args.replot:
        report = json.loads((RESULTS / "latest.json").read_text())
        (RESULTS / "scaling.svg").write_text(scaling_plot(report))
        print_table(report)
        return

    sizes = [int(size) for size in args.sizes.split(",")]
    postgres_sizes = (
        [] if args.skip_postgres else [int(size) for size in (args.postgres_sizes or args.sizes).split(",")]
    )
    ensure_environment()
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}",
        "sizes": sizes,
        "runs": {},
    }
    small_url, _ = fresh_sqlite("bench-small")
    build(small_url, 10, with_fixtures=False)
    small_postgres = None
    for events in sizes:
        runs = report["runs"][str(events)] = {}
        url, path = fresh_sqlite(f"bench-{events}")
        log(f"[sqlite] building {events:,} events")
        report[f"build_seconds_sqlite_{events}"] = round(build(url, events), 1)
        runs["sqlite"] = measure("sqlite", url, path, small_url, events)
        if not args.skip_datasette:
            log(f"[sqlite {events:,}] Datasette")
            runs["datasette"] = datasette(path)
        if not args.skip_load and events == args.load_size:
            log(f"[sqlite {events:,}] load through gunicorn")
            runs["sqlite"]["load"] = mixed_load(url)
        if events == max(sizes):
            log(f"[sqlite {events:,}] memory of the whole export")
            report["memory"] = in_django("memory", url)
        path.unlink()  # (a million events take a gigabyte)
        if events in postgres_sizes:
            url = fresh_postgres(f"dprk_kb_bench_{events}")
            small_postgres = small_postgres or fresh_postgres("dprk_kb_bench_small")
            if events == postgres_sizes[0]:
                build(small_postgres, 10, with_fixtures=False)
            log(f"[postgresql] building {events:,} events")
            report[f"build_seconds_postgresql_{events}"] = round(build(url, events), 1)
            runs["postgresql"] = measure("postgresql", url, None, small_postgres, events)
            if not args.skip_load and events == args.load_size:
                log(f"[postgresql {events:,}] load through gunicorn")
                runs["postgresql"]["load"] = mixed_load(url)

    text = json.dumps(report, indent=2)
    (RESULTS / "latest.json").write_text(text)
    (RESULTS / f"bench-{report['date'][:10]}.json").write_text(text)
    (RESULTS / "scaling.svg").write_text(scaling_plot(report))
    print_table(report)


def print_table(report):
    print(f"\n{report['date']} · {report['machine']}\n")
    for events, runs in report["runs"].items():
        for engine in ("sqlite", "postgresql"):
            if engine not in runs:
                continue
            result = runs[engine]
            print(f"== {engine}, {int(events):,} events")
            print(f"{'page':24} {'p50 / p95 ms':>16} {'cold ms':>9} {'queries 10 / here':>18}")
            for name in PAGES:
                a = result["inprocess"][name]
                q = f"{result['queries']['small'][name]} / {result['queries']['large'][name]}"
                print(f"{name:24} {a['p50']:>7} / {a['p95']:<7} {a['cold']:>9} {q:>18}")
            for name in EXPORTS:
                q = f"{result['queries']['small'][name]} / {result['queries']['large'][name]}"
                print(f"{'export ' + name:24} {'':>16} {'':>9} {q:>18}")
            export, dump = result["export"], result["dump"]
            print(
                f"timeline CSV export: {export['rows_per_s']:,} rows/s "
                f"({export['rows']:,} rows in {export['seconds']} s); "
                f"the database's dump: {dump['rows_per_s']:,} rows/s ({dump['seconds']} s)"
            )
            if "load" in result:
                load = result["load"]
                print(
                    f"load, {load['connections']} connections, mixed pages: {load['requests_per_s']} req/s, "
                    f"p50 {load['p50']} ms, p95 {load['p95']} ms, {load['errors']} errors"
                )
        if "datasette" in runs:
            d = runs["datasette"]
            print(
                f"Datasette: CSV {d['csv_rows_per_s']:,} rows/s; filtered table page p50/p95 "
                f"{d['table, kind+dates']['p50']}/{d['table, kind+dates']['p95']} ms"
            )
        print()
    if "memory" in report:
        m = report["memory"]
        print(f"export of {m['rows']:,} events: {m['seconds']} s, peak memory growth {m['peak_growth_mb']} MB\n")
    print("== targets")
    for line in target_lines(report):
        print(line)


def target_lines(report):
    """Each target of issue 16 with its measured figure: met, or missed."""
    runs = report["runs"]
    at = runs.get("100000") or runs[max(runs, key=int)]
    size = "100,000" if "100000" in runs else f"{int(max(runs, key=int)):,}"

    def line(met, text):
        return f"{'met   ' if met else 'MISSED'} {text}"

    for engine in ("sqlite", "postgresql"):
        if engine in at:
            worst = max(LISTS, key=lambda name: at[engine]["inprocess"][name]["p95"])
            p95 = at[engine]["inprocess"][worst]["p95"]
            yield line(p95 <= 50, f"every list page p95 <= 50 ms at {size} events, {engine}: worst {worst}, {p95} ms")
    if "datasette" in at:
        ours = at["sqlite"]["inprocess"]["timeline, kind+years"]["p95"]
        theirs = at["datasette"]["table, kind+dates"]["p95"]
        yield line(
            theirs >= 5 * ours,
            f"timeline >= 5x faster than Datasette's filtered table page: {theirs / ours:.1f}x "
            f"({ours} vs {theirs} ms p95)",
        )
    for engine in ("sqlite", "postgresql"):
        if engine in at:
            ratio = at[engine]["export"]["time_to_dump"]
            yield line(ratio <= 1.25, f"timeline CSV export <= 1.25x the database's dump, {engine}: {ratio}x")
    if "datasette" in at:
        ours, theirs = at["sqlite"]["export"]["rows_per_s"], at["datasette"]["csv_rows_per_s"]
        yield line(ours > theirs, f"export faster than Datasette's CSV stream: {ours:,} vs {theirs:,} rows/s")
    for engine in ("sqlite", "postgresql"):
        load = at.get(engine, {}).get("load")
        if load:
            met = load["requests_per_s"] >= 150 and load["p95"] <= 150 and load["errors"] == 0
            yield line(
                met,
                f"gunicorn, 16 connections, mixed pages, {engine}: {load['requests_per_s']} req/s (>= 150), "
                f"p95 {load['p95']} ms (<= 150), {load['errors']} errors",
            )
    sizes = sorted(runs, key=int)
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        for engine in ("sqlite", "postgresql"):
            if engine in runs[first] and engine in runs[last]:
                a = runs[first][engine]["inprocess"]["timeline"]["p95"]
                b = runs[last][engine]["inprocess"]["timeline"]["p95"]
                yield line(
                    b <= 3 * a,
                    f"timeline page time flat, {engine}: p95 {a} ms at {int(first):,}, {b} ms at {int(last):,}",
                )
                rates = [runs[n][engine]["export"]["rows_per_s"] for n in sizes if engine in runs[n]]
                yield line(
                    min(rates) >= 0.5 * max(rates),
                    f"export time linear, {engine}: {', '.join(f'{r:,}' for r in rates)} rows/s",
                )
                flat = all(
                    runs[first][engine]["queries"]["large"][n] == runs[last][engine]["queries"]["large"][n]
                    for n in {**PAGES, **EXPORTS}
                )
                yield line(flat, f"query counts constant, {engine}, {int(first):,} to {int(last):,} events")
    if "memory" in report:
        m = report["memory"]
        yield line(
            m["peak_growth_mb"] <= 50, f"memory of the {m['rows']:,}-row export flat: grows {m['peak_growth_mb']} MB"
        )


def scaling_plot(report):
    """An SVG of page time (p95, in-process) and export rate against the number of events."""
    from plot import line_chart

    sizes = sorted(report["runs"], key=int)

    def pages(figure):
        series = {}
        for engine in ("sqlite", "postgresql"):
            for name in ("timeline", "timeline, kind+years", "equipment list", "transfers", "map"):
                times = [
                    (int(n), report["runs"][n][engine]["inprocess"][name]) for n in sizes if engine in report["runs"][n]
                ]
                if times:
                    series[f"{name} ({engine})"] = [(n, page[figure]) for n, page in times]
        return series

    rates = {}
    for engine in ("sqlite", "postgresql"):
        for key, label in (("export", "our CSV export"), ("dump", "the database's dump")):
            points = [
                (int(n), report["runs"][n][engine][key]["rows_per_s"]) for n in sizes if engine in report["runs"][n]
            ]
            if points:
                rates[f"{label} ({engine})"] = points
    datasette = [
        (int(n), report["runs"][n]["datasette"]["csv_rows_per_s"]) for n in sizes if "datasette" in report["runs"][n]
    ]
    if datasette:
        rates["Datasette's CSV stream (sqlite)"] = datasette
    return line_chart(
        [
            ("Page time, p95 in-process (ms): the page kept", pages("p95")),
            ("Page time (ms) for the first reader after a change: nothing kept", pages("cold")),
            ("Timeline CSV export (rows per second)", rates),
        ],
        title=f"The knowledge base at {', '.join(f'{int(n):,}' for n in sizes)} events ({report['date'][:10]})",
    )


if __name__ == "__main__":
    main()

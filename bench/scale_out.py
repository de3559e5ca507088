"""The load benchmark across two app servers over a PostgreSQL primary and a real
streaming replica, with the shared cache: the deployment of docs/deploy.md on one machine.

    python3 bench/scale_out.py                        # the curated knowledge base, 8 s per URL
    python3 bench/scale_out.py --events 100000        # with 100,000 synthetic events
    python3 bench/scale_out.py --database dprk_kb_bench --reuse   # a database bench/run.py built

It builds PostgreSQL database ``dprk_kb_scale`` (migrated, the fixtures, and ``--events``
synthetic events; ``--reuse`` takes the database as it is), makes a streaming replica of
the primary with pg_basebackup on the next free port from 5433 (bench/replica.py), and
starts two gunicorn servers in production mode, each with ``DATABASE_URL`` naming the
primary, ``DATABASE_REPLICA_URLS`` the replica and ``CACHE_URL`` Redis database 6. Then
bench/load.sh shares wrk's connections out among the two servers, URL after URL, and
prints requests per second, p50, p95, p99, errors, and how many requests went to each
server. Last it tells how many transactions each database ran for the servers during the
load (pg_stat_database): the replica should have them all. The replica, the servers and
the cache's contents are removed at the end, whatever happens.

Needs root, the postgresql-common tools and wrk (``apt-get install wrk``); see
bench/replica.py for the replication line it adds to the primary's pg_hba.conf.
"""

import argparse
import contextlib
import datetime
import json
import os
import subprocess
import time
import urllib.parse

import replica as replicas

from common import PG_BASE, RESULTS, ROOT, Gunicorn, build, ensure_environment, fresh_postgres, log, redis

CACHE_URL = "redis://127.0.0.1:6379/6"
COUNTERS = ("xact_commit", "tup_returned", "tup_fetched")


def counters(port, database):
    row = replicas.psql(port, f"SELECT {', '.join(COUNTERS)} FROM pg_stat_database WHERE datname = '{database}'")
    return dict(zip(COUNTERS, map(int, row.split("|")), strict=True))


def parse(output):
    """The rows of load.sh's table."""
    rows = []
    for line in output.splitlines():
        if line.startswith("/"):
            url, rps, p50, p95, p99, errors, *sent = line.split()
            rows.append(
                {
                    "url": url,
                    "requests_per_s": float(rps),
                    "p50_ms": float(p50),
                    "p95_ms": float(p95),
                    "p99_ms": float(p99),
                    "errors": int(errors),
                    "sent_per_server": [int(n) for n in sent if n != "/"],
                }
            )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="dprk_kb_scale", help="PostgreSQL database on the primary")
    parser.add_argument("--reuse", action="store_true", help="use the database as it is, without rebuilding it")
    parser.add_argument("--events", type=int, default=0, help="synthetic events on top of the fixtures")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server")
    parser.add_argument("--seconds", type=int, default=8, help="seconds of load per URL")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections, shared among the servers")
    args = parser.parse_args()
    ensure_environment()

    url = f"{PG_BASE}/{args.database}"
    if not args.reuse:
        log(f"building {args.database} with {args.events} synthetic events")
        fresh_postgres(args.database)
        build(url, args.events)
    primary_port = urllib.parse.urlsplit(url).port or 5432
    with contextlib.ExitStack() as cleanup:  # each step undone, whatever became of the others
        redis(CACHE_URL, "FLUSHDB")
        cleanup.callback(redis, CACHE_URL, "FLUSHDB")
        replica = replicas.StreamingReplica(primary_port=primary_port)
        cleanup.callback(replica.stop)
        started = time.monotonic()
        replica.start()
        replica.wait_for_replay()
        log(f"replica {replica.name} on port {replica.port}, streaming, in {time.monotonic() - started:.1f} s")
        servers = []
        for name in ("a", "b"):
            server = Gunicorn(
                f"{url}?application_name=kb-server-{name}",
                workers=args.workers,
                DATABASE_REPLICA_URLS=replica.url(args.database, application_name=f"kb-server-{name}"),
                CACHE_URL=CACHE_URL,
            )
            cleanup.callback(server.stop)
            servers.append(server)
        bases = [server.base for server in servers]
        log(f"app servers at {' and '.join(bases)}, {args.workers} workers each")
        before = {"primary": counters(primary_port, args.database), "replica": counters(replica.port, args.database)}
        load = subprocess.run(
            ["bash", str(ROOT / "bench" / "load.sh")],
            env={
                **os.environ,
                "BASE_URLS": " ".join(bases),
                "SECONDS_PER_URL": str(args.seconds),
                "CONNECTIONS": str(args.connections),
            },
            capture_output=True,
            text=True,
        )
        print(load.stdout, end="")
        print(load.stderr, end="")
        for server in servers:
            server.stop()  # their connections close, and their counts reach pg_stat_database
        after = {"primary": counters(primary_port, args.database), "replica": counters(replica.port, args.database)}

    transactions = {db: after[db]["xact_commit"] - before[db]["xact_commit"] for db in after}
    print(
        f"transactions during the load: {transactions['replica']:,} on the replica, "
        f"{transactions['primary']:,} on the primary"
    )
    result = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": args.database,
        "events": args.events if not args.reuse else None,
        "workers_per_server": args.workers,
        "connections": args.connections,
        "seconds_per_url": args.seconds,
        "cores": os.cpu_count(),
        "urls": parse(load.stdout),
        "database_counters_during_load": {db: {k: after[db][k] - before[db][k] for k in COUNTERS} for db in after},
    }
    (RESULTS / "scale-out.json").write_text(json.dumps(result, indent=2) + "\n")
    if load.returncode:
        raise SystemExit(load.returncode)


if __name__ == "__main__":
    main()

"""How many stalled clients it takes to block the app server, and what a request meanwhile
waits: gunicorn as `make serve` runs it (production mode, the repository's
gunicorn.conf.py), on a copy of a loaded SQLite database.

    .venv/bin/python bench/slow_clients.py
    .venv/bin/python bench/slow_clients.py --clients 3,10,30,100 --workers 3
    .venv/bin/python bench/slow_clients.py --mode silent        # connect, send nothing
    .venv/bin/python bench/slow_clients.py --port 8001 --through 8080   # via a proxy on 8080
    GUNICORN_THREADS=16 .venv/bin/python bench/slow_clients.py  # any GUNICORN_* override
    # the configuration before threaded workers (sync, one thread, 60 s, keep-alive 2 s):
    GUNICORN_WORKER_CLASS=sync GUNICORN_THREADS=1 GUNICORN_TIMEOUT=60 GUNICORN_KEEPALIVE=2 \
        .venv/bin/python bench/slow_clients.py
    .venv/bin/python bench/slow_clients.py --config /tmp/other.conf.py   # another config file

For each K it opens K connections that stall (``half-sent``: the first lines of a request
and never the blank line that ends it, as a slow or hostile client does; ``silent``:
nothing at all), waits a moment for the server to take them, then times a few
``GET /`` one after another, each given up after ``--wait`` seconds; then it closes the
stalled connections and waits until the server answers again before the next K. It
prints a table. The database is built once from the fixtures into bench/results/ (or
copied from ``--database``) and copied again for every run, so the original is never
served. With ``--through`` the stalled connections and the timed requests go to a proxy
listening on that port instead (one you run in front of ``--port``).
"""

import argparse
import http.client
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PRODUCTION_ENV, PYTHON, RESULTS, ROOT, free_port

GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HALF_SENT = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"


def environment(database, **extra):
    base = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE"))}
    return {**base, **PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{database}", **extra}


def loaded_database(source):
    """A loaded SQLite database: ``source``, or one built from the fixtures once."""
    if source:
        return Path(source)
    built = RESULTS / "slow-clients.sqlite3"
    if not built.exists():
        RESULTS.mkdir(parents=True, exist_ok=True)
        partial = built.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        env = environment(partial)
        for command in (["migrate", "--noinput", "-v0"], ["load_fixtures", "-v0"]):
            subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)
        copy_database(partial, built)
        partial.unlink()
    return built


def copy_database(source, target):
    """A consistent copy, WAL included, through SQLite's backup API."""
    with sqlite3.connect(source) as original, sqlite3.connect(target) as copy:
        original.backup(copy)
    copy.close()
    original.close()


def get(port, timeout):
    """Seconds one ``GET /`` took, or None when it got no answer within ``timeout``."""
    started = time.perf_counter()
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        client.request("GET", "/")
        response = client.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"GET / answered {response.status}")
        return time.perf_counter() - started
    except TimeoutError:
        return None
    finally:
        client.close()


def wait_until_answering(port, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if get(port, timeout=2) is not None:
                return time.monotonic() - (deadline - seconds)
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server did not answer within {seconds} s")


class Gunicorn:
    def __init__(self, config, env, log, port=None):
        self.port = port or free_port()
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_ACCESSLOG": "/dev/null"}
        # A control socket of its own would be shared with every other gunicorn the user
        # runs (one default path): this one needs none.
        self.command = [GUNICORN, "--config", str(config), "--no-control-socket"]
        self.settings = self.effective_settings()
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        wait_until_answering(self.port, 60)

    def effective_settings(self):
        printed = subprocess.run(
            [*self.command, "--print-config"], cwd=ROOT, env=self.env, capture_output=True, text=True, check=True
        ).stdout
        settings = {}
        for line in printed.splitlines():
            name, _, value = line.partition("=")
            settings[name.strip()] = value.strip()
        # gunicorn runs the threaded worker whenever there is more than one thread.
        if settings["worker_class"] == "sync" and int(settings["threads"]) > 1:
            settings["worker_class"] = "gthread"
        return settings

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def stall(port, count, mode):
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        if mode == "half-sent":
            sock.sendall(HALF_SENT)
        sockets.append(sock)
    return sockets


def measure(port, count, mode, requests, wait, settle):
    stalled = stall(port, count, mode)
    try:
        time.sleep(settle)
        times = [get(port, wait) for _ in range(requests)]
    finally:
        for sock in stalled:
            sock.close()
    recovery = wait_until_answering(port, 120)
    return times, recovery


def milliseconds(seconds):
    return f"{seconds * 1000:,.0f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", default=str(ROOT / "gunicorn.conf.py"), help="gunicorn configuration file")
    parser.add_argument("--workers", type=int, default=3, help="WEB_CONCURRENCY (3, as the review ran it)")
    parser.add_argument("--clients", default="3,10,30,100", help="comma-separated numbers of stalled connections")
    parser.add_argument("--mode", choices=["half-sent", "silent"], default="half-sent")
    parser.add_argument("--requests", type=int, default=3, help="GET / timed at each K")
    parser.add_argument("--wait", type=float, default=10, help="seconds a GET / waits for its answer")
    parser.add_argument("--settle", type=float, default=1, help="seconds between stalling and timing")
    parser.add_argument("--database", help="a loaded SQLite database to copy (default: built from the fixtures)")
    parser.add_argument("--port", type=int, help="the port gunicorn listens on (default: a free one)")
    parser.add_argument("--through", type=int, metavar="PORT", help="measure through a proxy on this port")
    args = parser.parse_args()
    if not Path(GUNICORN).exists():
        subprocess.run(["make", "install"], cwd=ROOT, check=True)
    counts = [int(count) for count in args.clients.split(",")]

    with tempfile.TemporaryDirectory(prefix="slow-clients-") as scratch:
        scratch = Path(scratch)
        database = scratch / "db.sqlite3"
        copy_database(loaded_database(args.database), database)
        env = environment(database, DJANGO_STATIC_ROOT=str(scratch / "static"), WEB_CONCURRENCY=str(args.workers))
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        with open(scratch / "gunicorn.log", "wb") as log:
            server = Gunicorn(args.config, env, log, args.port)
            target = args.through or server.port
            if args.through:
                wait_until_answering(target, 30)
            try:
                s = server.settings
                threads = int(s["threads"]) if s["worker_class"] == "gthread" else 1
                print(
                    f"{Path(args.config).name}: worker_class={s['worker_class']} workers={s['workers']}"
                    f" threads={threads} (capacity {int(s['workers']) * threads}) timeout={s['timeout']}"
                    f" keepalive={s['keepalive']}; {args.mode} connections"
                    + (f" through the proxy on port {args.through}" if args.through else "")
                    + f"; each GET / waits {args.wait:g} s\n"
                )
                print(f"{'stalled':>8}  {'answered':>9}  {'median':>9}  {'slowest':>9}  {'server free again':>18}")
                for count in counts:
                    times, recovery = measure(target, count, args.mode, args.requests, args.wait, args.settle)
                    answered = [t for t in times if t is not None]
                    median = milliseconds(statistics.median(answered)) if answered else "-"
                    slowest = "timed out" if len(answered) < len(times) else milliseconds(max(answered))
                    print(
                        f"{count:>8}  {len(answered):>5}/{len(times):<3}  {median:>9}  {slowest:>9}"
                        f"  {milliseconds(recovery):>18}",
                        flush=True,
                    )
            finally:
                server.stop()
        RESULTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(scratch / "gunicorn.log", RESULTS / "slow-clients-gunicorn.log")


if __name__ == "__main__":
    sys.exit(main())

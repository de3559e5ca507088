"""What the benchmarks share: building databases, and the site served by gunicorn."""

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG_BASE = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
# Production mode on loopback: no TLS, so no HTTPS redirect.
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "bench-" + "x" * 60,
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_SSL_REDIRECT": "0",
}


def ensure_environment():
    """On a fresh clone, set up the project's environment first."""
    if not Path(PYTHON).exists():
        subprocess.run(["make", "install"], cwd=ROOT, check=True)
    RESULTS.mkdir(parents=True, exist_ok=True)


def log(message):
    print(message, file=sys.stderr, flush=True)


def manage(url, *args):
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def build(url, events, with_fixtures=True):
    """A database at ``url`` with ``events`` synthetic events, and the curated fixtures
    (or, without them, just the eras the timeline's filters name)."""
    started = time.perf_counter()
    manage(url, "migrate", "--noinput", "-v0")
    if with_fixtures:
        manage(url, "load_fixtures", "-v0")
    else:
        manage(url, "loaddata", str(ROOT / "fixtures" / "04_eras.json"), "-v0")
    if events:
        manage(url, "generate_synthetic", "--events", str(events), "--seed", "1")
    return time.perf_counter() - started


def fresh_sqlite(name):
    path = RESULTS / f"{name}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}", path


def fresh_postgres(name):
    subprocess.run(["psql", PG_BASE + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run(["psql", PG_BASE + "/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
    return f"{PG_BASE}/{name}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


class Gunicorn:
    """The site in production mode behind gunicorn (the project's gunicorn.conf.py) on a free port.

    ``log``: a file for what the server writes (its errors, and Django's), else nothing is kept.
    """

    def __init__(self, url, workers=2, log=None, **extra_env):
        self.port = free_port()
        self.log = log
        env = {
            **os.environ,
            "DATABASE_URL": url,
            **PRODUCTION_ENV,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_ACCESSLOG": "/dev/null",
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_TIMEOUT": "600",
            **extra_env,
        }
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (closed below)
        try:
            self.process = subprocess.Popen(
                [str(ROOT / ".venv" / "bin" / "gunicorn"), "--config", "gunicorn.conf.py"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
            )
        finally:
            if log:
                output.close()  # the server has its own copy
        self.base = f"http://127.0.0.1:{self.port}"
        try:
            wait_for(self.base + "/")
        except RuntimeError:
            self.stop()
            raise RuntimeError(f"gunicorn on port {self.port} did not answer\n{self.output()[-3000:]}") from None

    def output(self):
        """What the server has written so far (with ``log``)."""
        return Path(self.log).read_text(errors="replace") if self.log else ""

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def redis(url, *command):
    """One command to the Redis database ``redis://host:port/db`` names; its reply, a status
    or a number (enough to empty a benchmark's or a test's own database and count its keys)."""
    parts = urllib.parse.urlsplit(url)
    commands = [("SELECT", parts.path.strip("/") or "0"), command]
    request = b"".join(
        b"*%d\r\n" % len(words) + b"".join(b"$%d\r\n%s\r\n" % (len(word), word.encode()) for word in words)
        for words in commands
    )
    answer = b""
    with socket.create_connection((parts.hostname, parts.port or 6379), timeout=5) as sock:
        sock.sendall(request)
        while answer.count(b"\r\n") < len(commands) and (chunk := sock.recv(1024)):
            answer += chunk
    selected, reply, *_ = answer.split(b"\r\n") + [b"", b""]
    if selected != b"+OK" or reply[:1] not in (b"+", b":"):
        raise RuntimeError(f"Redis at {url} answered {answer!r} to {' '.join(command)}")
    return int(reply[1:]) if reply[:1] == b":" else reply[1:].decode()


def percentiles(times):
    ordered = sorted(times)
    return {
        "p50": round(statistics.median(ordered), 1),
        "p95": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 1),
    }


def http_latency(base, paths):
    out = {}
    for name, path in paths.items():
        urllib.request.urlopen(base + path).read()
        times = []
        for _ in range(21):
            started = time.perf_counter()
            urllib.request.urlopen(base + path, timeout=600).read()
            times.append((time.perf_counter() - started) * 1000)
        out[name] = percentiles(times)
    return out


def stream_rows(url):
    """(rows, seconds) for a CSV downloaded from ``url``."""
    started = time.perf_counter()
    rows = 0
    with urllib.request.urlopen(url, timeout=3600) as response:
        while chunk := response.read(1 << 20):
            rows += chunk.count(b"\n")
    return rows - 1, time.perf_counter() - started

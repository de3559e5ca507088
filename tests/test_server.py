"""The production server: gunicorn with the repository's gunicorn.conf.py, started by the
tests on a free port over the test database (the curated knowledge base, committed
when the session began; the server only reads it).

Requests that stall half-sent do not block it, and a worker killed in the middle of an
export leaves a download that is visibly cut, never a complete-looking file, and a
server that replaces the worker and serves whole exports again.
"""

import contextlib
import csv
import http.client
import io
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from events.models import Event

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)
GUNICORN = Path(sys.executable).parent / "gunicorn"
PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_SSL_REDIRECT": "0",
}
HALF_SENT = b"GET / HTTP/1.1\r\nHost: x\r\n"  # no blank line: the request never ends


def database_url():
    """The test database, as a DATABASE_URL for the server's environment."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    user = quote(database["USER"] or "", safe="")
    password = f":{quote(database['PASSWORD'], safe='')}" if database["PASSWORD"] else ""
    host = quote(database["HOST"] or "127.0.0.1", safe="")
    port = f":{database['PORT']}" if database["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{database['NAME']}"


def server_environment(**extra):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE", "GUNICORN_", "WEB_CONCURRENCY"))
    }
    return {**environment, **PRODUCTION, "DATABASE_URL": database_url(), **extra}


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """Collected static files with their manifest, which production pages need."""
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=server_environment(DJANGO_STATIC_ROOT=str(root)),
        check=True,
        timeout=120,
    )
    return root


class Server:
    """gunicorn with gunicorn.conf.py, listening on a socket the test made and passed on.

    ``send_buffer`` sets the listening socket's SO_SNDBUF, which the connections it
    accepts inherit: then a response is still being written, not already sitting whole
    in the kernel's buffers, while the client has read only its beginning.
    """

    def __init__(self, static_root, log_path, workers, send_buffer=None):
        self.listener = socket.create_server(("127.0.0.1", 0))
        if send_buffer:
            self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, send_buffer)
        self.port = self.listener.getsockname()[1]
        self.log_path = log_path
        self.log = open(log_path, "wb")  # noqa: SIM115 (closed in stop)
        environment = server_environment(
            DJANGO_STATIC_ROOT=str(static_root),
            GUNICORN_BIND=f"fd://{self.listener.fileno()}",
            WEB_CONCURRENCY=str(workers),
            GUNICORN_GRACEFUL_TIMEOUT="2",
        )
        self.process = subprocess.Popen(
            [str(GUNICORN), "--config", "gunicorn.conf.py"],
            cwd=ROOT,
            env=environment,
            pass_fds=[self.listener.fileno()],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.workers = workers
        self.wait_until_ready()

    def output(self):
        return Path(self.log_path).read_text(errors="replace")

    def worker_pids(self):
        """The master's children, from /proc (each /proc/<pid>/stat names its parent)."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # "pid (command) state ppid ...": the command may hold spaces and parentheses.
            if int(stat.rsplit(")", 1)[1].split()[1]) == self.process.pid:
                pids.append(int(entry.name))
        return sorted(pids)

    def wait_until_ready(self, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            if len(self.worker_pids()) == self.workers:
                try:
                    if get(self.port, "/", timeout=2)[0] == 200:
                        return
                except OSError:
                    pass
            time.sleep(0.1)
        raise AssertionError(f"gunicorn did not answer within {seconds} s:\n{self.output()}")

    def stop(self):
        workers = self.worker_pids()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            for pid in [self.process.pid, *workers]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            self.process.wait()
        self.listener.close()
        self.log.close()


@pytest.fixture
def start_server(static_root, tmp_path):
    servers = []

    def start(**options):
        servers.append(Server(static_root, tmp_path / f"gunicorn-{len(servers)}.log", **options))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


class SmallWindowConnection(http.client.HTTPConnection):
    """A client with a small receive buffer, so it can hold a download back by not reading."""

    def connect(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.settimeout(self.timeout)
        self.sock.connect((self.host, self.port))


def get(port, path, timeout=5):
    """(status, headers, body) of one GET."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        client.request("GET", path)
        response = client.getresponse()
        return response.status, response.headers, response.read()
    finally:
        client.close()


def test_requests_that_stall_half_sent_do_not_block_the_server(start_server):
    server = start_server(workers=2)
    assert "Using worker: gthread" in server.output()
    stalled = []
    try:
        for _ in range(3 * server.workers):
            stalled.append(socket.create_connection(("127.0.0.1", server.port), timeout=5))
            stalled[-1].sendall(HALF_SENT)
        time.sleep(0.5)  # each one is accepted and holds a thread, reading what never comes
        for _ in range(3):
            started = time.monotonic()
            status, _, _ = get(server.port, "/", timeout=5)
            assert status == 200
            assert time.monotonic() - started < 2
    finally:
        for sock in stalled:
            sock.close()


def test_a_worker_killed_mid_export_cuts_the_download_and_is_replaced(start_server):
    events = Event.objects.count()
    server = start_server(workers=1, send_buffer=4096)
    [worker] = server.worker_pids()

    client = SmallWindowConnection("127.0.0.1", server.port, timeout=10)
    client.request("GET", "/timeline/export.csv")
    response = client.getresponse()
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    # Streamed with no length announced: chunked, so the end of the body is marked, and a
    # body cut short is told apart from a whole one.
    assert response.headers["Transfer-Encoding"] == "chunked"
    assert "Content-Length" not in response.headers
    first = response.read(4096)
    assert first.startswith(b"id,slug,title,")

    os.kill(worker, signal.SIGKILL)
    killed = time.monotonic()
    received = len(first)
    with pytest.raises(http.client.IncompleteRead) as cut:
        while piece := response.read(1024):  # what the kernel's buffers still held
            received += len(piece)
    received += len(cut.value.partial)
    client.close()

    # The master starts a new worker, which serves the site again.
    while not (pids := server.worker_pids()) or pids == [worker]:
        assert time.monotonic() - killed < 10, server.output()
        time.sleep(0.05)
    assert worker not in pids
    assert get(server.port, "/", timeout=10)[0] == 200
    recovered = time.monotonic() - killed
    assert f"Worker (pid:{worker}) was sent SIGKILL" in server.output()

    # And the exports are whole again.
    status, headers, whole = get(server.port, "/timeline/export.csv")
    assert status == 200 and headers["Transfer-Encoding"] == "chunked"
    rows = list(csv.reader(io.StringIO(whole.decode())))
    assert rows[0][:3] == ["id", "slug", "title"] and len(rows) == events + 1
    assert received < len(whole)
    status, _, whole_json = get(server.port, "/timeline/export.json")
    assert status == 200 and len(json.loads(whole_json)) == events
    print(
        f"\nexport cut after {received:,} of {len(whole):,} bytes;"
        f" a new worker answered {recovered:.2f} s after the kill"
    )

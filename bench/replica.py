"""A real streaming replica of the PostgreSQL primary on this machine, for the scale-out
test (tests/test_scale_out.py) and benchmark (bench/scale_out.py), removed afterwards.

    with StreamingReplica() as replica:            # 127.0.0.1:5433, or the next free port
        replica.url("kb")                          # postgres://postgres@127.0.0.1:5433/kb
        ...                                        # write on the primary, then
        replica.wait_for_replay()                  # the replica has replayed it

It is a second PostgreSQL cluster of the primary's version, made the Debian way
(``pg_createcluster``), emptied and filled with ``pg_basebackup -R -X stream`` from the
primary, so it holds every database of the primary and follows it by streaming
replication; it only reads (``pg_is_in_recovery()`` is true). It accepts the same logins
as the primary (its ``pg_hba.conf`` is a copy of the primary's). Leaving the ``with``
block, even on an error, stops it and deletes it with ``pg_dropcluster --stop``.

Needs root (``pg_createcluster`` writes under /etc/postgresql), the postgresql-common
tools, and a primary that lets 127.0.0.1 connect for replication without a password:
``allow_replication()`` adds ``host replication all 127.0.0.1/32 trust`` to its
``pg_hba.conf`` if it is missing and reloads it (the primary is never restarted).

A run that is killed leaves its replica running (``pg_lsclusters`` lists it, as
``replica<port>``, and the next run takes the next port): ``pg_dropcluster --stop 15
replica5433`` removes it.

Only the standard library and the PostgreSQL client tools: bench scripts run it with any
python3, tests import it as ``bench.replica``.
"""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

HOST = "127.0.0.1"
PRIMARY_PORT = int(os.environ.get("REPLICA_PRIMARY_PORT", "5432"))
REPLICATION_RULE = "host replication all 127.0.0.1/32 trust"
TOOLS = (
    "pg_createcluster",
    "pg_ctlcluster",
    "pg_dropcluster",
    "pg_lsclusters",
    "pg_basebackup",
    "pg_isready",
    "psql",
    "runuser",
)
# A hot standby refuses to start with less of these than its primary has.
MATCHED_SETTINGS = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)


def missing():
    """Why no replica can be made here, or None when one can."""
    absent = [tool for tool in TOOLS if not shutil.which(tool)]
    if absent:
        return f"{', '.join(absent)} not found (the postgresql-common and PostgreSQL client tools)"
    if os.geteuid() != 0:
        return "making a PostgreSQL cluster needs root (pg_createcluster writes under /etc/postgresql)"
    return None


def psql(port, sql, database="postgres"):
    """The first column of the rows ``sql`` returns, as text, one line per row."""
    result = subprocess.run(
        ["psql", "-h", HOST, "-p", str(port), "-U", "postgres", "-d", database, "-XAtq", "-v", "ON_ERROR_STOP=1"],
        input=sql,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode:
        raise RuntimeError(f"psql on port {port} failed: {result.stderr.strip()}\n{sql}")
    return result.stdout.strip()


def allow_replication(port=PRIMARY_PORT):
    """Let 127.0.0.1 connect to the primary for replication (one-time machine setup; .ci/run does it too)."""
    hba = Path(psql(port, "SHOW hba_file"))
    rules = [" ".join(line.split()) for line in hba.read_text().splitlines()]
    if REPLICATION_RULE not in rules:
        with hba.open("a") as file:
            file.write(f"\n# Streaming replicas on this machine (bench/replica.py)\n{REPLICATION_RULE}\n")
        psql(port, "SELECT pg_reload_conf()")
    # The file as the server now reads it: a typo would show here, not as a refused backup.
    errors = psql(port, "SELECT line_number || ': ' || error FROM pg_hba_file_rules WHERE error IS NOT NULL")
    if errors:
        raise RuntimeError(f"{hba} has errors: {errors}")


def _port_taken(port):
    with socket.socket() as sock:
        return sock.connect_ex((HOST, port)) == 0


def _clusters():
    """{(version, name): (port, data directory)} of every cluster pg_lsclusters knows."""
    out = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True).stdout
    clusters = {}
    for line in out.splitlines():
        version, name, port, _status, _owner, datadir, *_ = line.split()
        clusters[(version, name)] = (int(port), datadir)
    return clusters


def free_port(first=5433, last=5499):
    """A port from ``first`` on that no cluster is given and nothing listens on."""
    given = {port for port, _ in _clusters().values()}
    for port in range(first, last + 1):
        if port not in given and not _port_taken(port):
            return port
    raise RuntimeError(f"no free port for a replica in {first}-{last}")


class StreamingReplica:
    """A hot standby of the primary at 127.0.0.1:``primary_port``, on a port of its own."""

    def __init__(self, port=None, name=None, primary_port=PRIMARY_PORT):
        self.primary_port = primary_port
        self.port = port
        self.name = name
        self.version = None
        self.datadir = None
        self.logfile = None
        self.created = False  # only a cluster this object made is ever dropped

    # --- making it, and removing it -------------------------------------------------

    def start(self, timeout=120):
        reason = missing()
        if reason:
            raise RuntimeError(f"cannot make a replica: {reason}")
        allow_replication(self.primary_port)
        self.version = str(int(psql(self.primary_port, "SHOW server_version_num")) // 10000)
        self.port = self.port or free_port()
        self.name = self.name or f"replica{self.port}"
        self.logfile = f"/var/log/postgresql/postgresql-{self.version}-{self.name}.log"
        if (self.version, self.name) in _clusters():
            raise RuntimeError(f"cluster {self.version}/{self.name} exists already (pg_lsclusters)")
        settings = {name: psql(self.primary_port, f"SHOW {name}") for name in MATCHED_SETTINGS}
        settings.update(listen_addresses=f"'{HOST}'", hot_standby_feedback="on")
        try:
            self._create(settings, timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _create(self, settings, timeout):
        run(["pg_createcluster", self.version, self.name, "--port", str(self.port), "--start-conf=manual"])
        self.created = True
        self.datadir = Path(_clusters()[(self.version, self.name)][1])
        config = Path(f"/etc/postgresql/{self.version}/{self.name}")
        (config / "conf.d" / "replica.conf").write_text("".join(f"{k} = {v}\n" for k, v in settings.items()))
        # The same logins as the primary (trust on this machine).
        shutil.copyfile(psql(self.primary_port, "SHOW hba_file"), config / "pg_hba.conf")
        for path in (config / "conf.d" / "replica.conf", config / "pg_hba.conf"):
            shutil.chown(path, "postgres", "postgres")
        # pg_basebackup wants an empty directory: the cluster initdb made is replaced by
        # a copy of the primary. -R writes standby.signal and primary_conninfo; -X stream
        # streams the WAL written during the copy; -c fast does not wait for a checkpoint.
        for entry in self.datadir.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        run(
            ["runuser", "-u", "postgres", "--", "pg_basebackup", "-h", HOST, "-p", str(self.primary_port)]
            + ["-U", "postgres", "-D", str(self.datadir), "-R", "-X", "stream", "-c", "fast"],
            timeout=max(timeout, 600),
        )
        run(["pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, "start"], timeout=timeout)
        self._wait(lambda: _ready(self.port), timeout, "accepting connections")
        if psql(self.port, "SELECT pg_is_in_recovery()") != "t":
            raise RuntimeError(f"{self.name} is not in recovery: it is not a replica")
        self._wait(self.streaming, timeout, "streaming from the primary (pg_stat_replication)")

    def stop(self):
        """Stop the replica and delete its data, configuration and log."""
        if not self.created:
            return
        self.created = False
        if (self.version, self.name) in _clusters():
            run(["pg_dropcluster", "--stop", self.version, self.name], timeout=120)
        # What pg_dropcluster leaves: the directory of replica.conf, which it does not know.
        shutil.rmtree(f"/etc/postgresql/{self.version}/{self.name}", ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    # --- using it -------------------------------------------------------------------

    def url(self, database, user="postgres", **options):
        """A DATABASE_URL for ``database`` on the replica; ``options`` go in the query string."""
        query = "&".join(f"{key}={value}" for key, value in options.items())
        return f"postgres://{user}@{HOST}:{self.port}/{database}" + (f"?{query}" if query else "")

    def query(self, sql, database="postgres"):
        return psql(self.port, sql, database)

    def streaming(self):
        """Whether the primary lists this replica as streaming (its walreceiver's application_name
        is the replica's cluster_name, ``<version>/<name>``)."""
        state = psql(
            self.primary_port,
            f"SELECT state FROM pg_stat_replication WHERE application_name = '{self.version}/{self.name}'",
        )
        return state == "streaming"

    def wait_for_replay(self, timeout=30):
        """Wait until the replica has replayed everything the primary had written when called."""
        target = psql(self.primary_port, "SELECT pg_current_wal_lsn()")
        self._wait(
            lambda: psql(self.port, f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") == "t",
            timeout,
            f"replaying the primary's WAL up to {target}",
        )

    def pause_replay(self, timeout=30):
        """Stop applying the primary's changes (they still arrive, and wait) until resume_replay()."""
        psql(self.port, "SELECT pg_wal_replay_pause()")
        self._wait(lambda: psql(self.port, "SELECT pg_get_wal_replay_pause_state()") == "paused", timeout, "paused")

    def resume_replay(self):
        psql(self.port, "SELECT pg_wal_replay_resume()")

    def _wait(self, condition, timeout, what):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if condition():
                    return
            except RuntimeError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"replica {self.name} on port {self.port} not {what} within {timeout} s\n{self.log_tail()}")

    def log_tail(self, lines=20):
        try:
            return "\n".join(Path(self.logfile).read_text(errors="replace").splitlines()[-lines:])
        except (OSError, TypeError):
            return "(no log)"


def _ready(port):
    return subprocess.run(["pg_isready", "-q", "-h", HOST, "-p", str(port)], timeout=10).returncode == 0


def run(command, timeout=60):
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if result.returncode:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr.strip()}")
    return result.stdout

"""The scale-out of docs/deploy.md, run on this machine: two gunicorn app servers over one
PostgreSQL primary and a real streaming replica, with the shared cache.

The replica is a second PostgreSQL cluster made from the primary with pg_basebackup, on
a port of its own (bench/replica.py). Both servers run in production mode, as
``make serve`` does, with ``DATABASE_URL`` naming the test database on the primary,
``DATABASE_REPLICA_URLS`` the same database on the replica, and ``CACHE_URL`` one Redis
database. Each server names its connections (``application_name``), so that the
databases can tell who reads from them.

An editor logs in on server A and retitles and reclassifies an event through the admin
while the replica is held from replaying the primary's changes. Then the change is in
the primary and in the admin of both servers, on one login, and the public pages of both
servers are still as they were: they are read from the replica. Once the replica has
replayed the change, the event's page, the timeline and the timeline's kind counts (the
counts the servers keep in the shared cache) show it on both servers. Public pages never
open a connection to the primary, nothing answers 500, and neither server logs an error.

The servers are other processes, so the data they read must be committed: this is a
transactional test. It empties the database when it ends, as every such test does, and
loads the fixtures first if an earlier one left the database empty.
"""

import contextlib
import html
import http.cookiejar
import re
import secrets
import socket
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection

from bench import replica as replicas
from bench.common import Gunicorn, redis
from dprk_kb.roles import ensure_editors_group
from events.models import Event
from sources.models import Source
from tests.formdata import form_data

CACHE_URL = "redis://127.0.0.1:6379/5"
PASSWORD = "scale-out-editor-password-2026"
# Public pages each server must answer, read from the replica.
PUBLIC_PAGES = [
    "/",
    "/timeline/",
    "/timeline/?era=korean-war&kind=battle",
    "/timeline/export.csv?era=korean-war",
    "/equipment/",
    "/equipment/koksan-m1989/",
    "/search/?q=koksan",
    "/sources/",
    "/disputes/",
]


def why_skipped():
    if connection.vendor != "postgresql":
        return "the replica is a PostgreSQL streaming replica: run this on PostgreSQL (DATABASE_URL=postgres://...)"
    if reason := replicas.missing():
        return f"no PostgreSQL replica can be made here: {reason}"
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError as error:
        return f"the shared cache (Redis at {CACHE_URL}) does not answer: {error}"
    return None


skipped = why_skipped()
pytestmark = [pytest.mark.skipif(bool(skipped), reason=skipped or ""), pytest.mark.django_db(transaction=True)]


def database_url(port, application_name):
    """The test database on the primary or the replica (both on 127.0.0.1), as a server's URL."""
    database = connection.settings_dict
    user = urllib.parse.quote(database["USER"] or "postgres", safe="")
    password = f":{urllib.parse.quote(database['PASSWORD'], safe='')}" if database["PASSWORD"] else ""
    return f"postgres://{user}{password}@127.0.0.1:{port}/{database['NAME']}?application_name={application_name}"


class Browser:
    """One user of one server: cookies, the forms' CSRF tokens, no redirects followed."""

    def __init__(self, server, jar=None):
        self.base = server.base
        self.jar = jar or http.cookiejar.CookieJar(policy=LoopbackCookiePolicy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def on(self, server):
        """The same user (the same cookies) on another server."""
        return Browser(server, self.jar)

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, body, {"Referer": self.base + path})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def page(self, path):
        status, text = self.request(path)
        assert status == 200, f"{self.base}{path}: {status}\n{text[:2000]}"
        return text

    def log_in(self, username):
        data = form_data(self.page("/admin/login/"), "login-form")
        data.update(username=[username], password=[PASSWORD])
        status, text = self.request("/admin/login/?next=/admin/", data)
        assert status == 302, f"login refused ({status})\n{text[:2000]}"


class LoopbackCookiePolicy(http.cookiejar.DefaultCookiePolicy):
    """Send the secure session and CSRF cookies of production mode to 127.0.0.1 without
    TLS, as browsers do for a local address."""

    def return_ok_secure(self, cookie, request):
        return True


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Deployment:
    def __init__(self, replica, servers):
        self.replica = replica
        self.servers = servers

    def clients(self, port):
        """The application names of the connections to the test database on ``port``."""
        names = replicas.psql(
            port,
            "SELECT DISTINCT application_name FROM pg_stat_activity "
            f"WHERE datname = '{connection.settings_dict['NAME']}' AND application_name LIKE 'kb-server-%'",
        )
        return set(names.split())

    def last_queries(self, port):
        """What the servers' connections on ``port`` last ran, to tell which code opened them."""
        return replicas.psql(
            port,
            "SELECT application_name || ': ' || query FROM pg_stat_activity WHERE application_name LIKE 'kb-server-%'",
        )

    def replica_title(self, pk):
        return self.replica.query(
            f"SELECT title FROM events_event WHERE id = {int(pk)}", connection.settings_dict["NAME"]
        )


@pytest.fixture
def knowledge_base():
    """The curated knowledge base, committed (a transactional test before may have emptied it)."""
    if not Source.objects.exists():
        call_command("load_fixtures", verbosity=0)
        ensure_editors_group(django_apps)


@pytest.fixture
def editor(knowledge_base):
    """A superuser whose password the servers can check (the tests' own hasher is not theirs)."""
    salt = secrets.token_hex(8)
    return User.objects.create(
        username="scale-out-editor",
        password=PBKDF2PasswordHasher().encode(PASSWORD, salt),
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def deployment(knowledge_base, editor, tmp_path):
    """The replica (made once the data is committed) and servers A and B; all removed after,
    each whatever became of the others."""
    primary_port = int(connection.settings_dict["PORT"] or 5432)
    with contextlib.ExitStack() as cleanup:
        redis(CACHE_URL, "FLUSHDB")
        cleanup.callback(redis, CACHE_URL, "FLUSHDB")
        replica = replicas.StreamingReplica(primary_port=primary_port)
        cleanup.callback(replica.stop)
        replica.start()
        servers = []
        for name in ("a", "b"):
            server = Gunicorn(
                database_url(primary_port, f"kb-server-{name}-primary"),
                log=tmp_path / f"server-{name}.log",
                DATABASE_REPLICA_URLS=database_url(replica.port, f"kb-server-{name}-replica"),
                CACHE_URL=CACHE_URL,
                DJANGO_STATIC_ROOT=str(tmp_path / "static"),
                DJANGO_DATA_PACKAGE_DIR=str(tmp_path / "data"),
                # Counted in full, as in the other tests: a busy machine leaves none out.
                DJANGO_FACET_TIME_LIMIT_MS="5000",
                DJANGO_FACET_TIME_BUDGET_MS="20000",
            )
            cleanup.callback(server.stop)
            servers.append(server)
        yield Deployment(replica, servers)


def kind_counts(page):
    """{kind: number of events} from the timeline's kind facet: the counts beside the filter,
    which the servers keep in the shared cache."""
    select = re.search(r'<select name="kind".*?</select>', page, re.DOTALL).group(0)
    return {kind: int(n.replace(",", "")) for kind, n in re.findall(r'<option value="(\w+)">[^<]*\(([\d,]+)\)', select)}


def test_two_app_servers_read_the_replica_write_the_primary_and_both_show_an_editors_change(deployment):
    replica, (a, b) = deployment.replica, deployment.servers
    reader_a, reader_b = Browser(a), Browser(b)

    # Readers on either server: the pages come from the replica, the primary is not asked.
    timeline = reader_a.page("/timeline/")
    slug = re.search(r'href="/events/([\w-]+)/"', timeline).group(1)
    event = Event.objects.get(slug=slug)
    old, new = event.title, f"{event.title} (retitled by the scale-out test {secrets.token_hex(3)})"
    old_kind, new_kind = event.kind, "other" if event.kind != "other" else "incident"
    counts = kind_counts(timeline)
    assert counts.get(old_kind), "the timeline shows no count for the event's kind"
    for reader in (reader_a, reader_b):
        for path in PUBLIC_PAGES:
            reader.page(path)
        assert html.escape(old) in reader.page(f"/events/{slug}/")
        assert kind_counts(reader.page("/timeline/")) == counts
    assert deployment.clients(replica.port) == {"kb-server-a-replica", "kb-server-b-replica"}
    assert deployment.clients(replica.primary_port) == set(), deployment.last_queries(replica.primary_port)
    assert redis(CACHE_URL, "DBSIZE") > 0, "the servers keep nothing in the shared cache"

    # The replica is held from replaying; an editor retitles and reclassifies the event on server A.
    replica.pause_replay()
    editor_a = Browser(a)
    editor_a.log_in("scale-out-editor")
    change = f"/admin/events/event/{event.pk}/change/"
    data = form_data(editor_a.page(change), "event_form")
    data.update(title=[new], kind=[new_kind], change_reason=["Checked across app servers"])
    status, answer = editor_a.request(change, data)
    assert status == 302, answer[:3000]

    # Written to the primary; the replica does not have it yet.
    assert Event.objects.get(pk=event.pk).title == new
    assert deployment.replica_title(event.pk) == old
    # The admin reads from the primary, on either server, with the one login.
    editor_b = editor_a.on(b)
    for editor in (editor_a, editor_b):
        assert html.escape(new) in editor.page(change)
    assert deployment.clients(replica.primary_port) >= {"kb-server-a-primary", "kb-server-b-primary"}
    # The public pages of both servers are read from the replica: still as they were.
    for reader in (reader_a, reader_b):
        page = reader.page(f"/events/{slug}/")
        assert html.escape(old) in page and html.escape(new) not in page
        assert kind_counts(reader.page("/timeline/")) == counts

    # Once the replica has replayed the change, every server shows it, counts included
    # (none kept in the cache from before the change).
    replica.resume_replay()
    replica.wait_for_replay()
    assert deployment.replica_title(event.pk) == new
    changed = {**counts, old_kind: counts[old_kind] - 1, new_kind: counts.get(new_kind, 0) + 1}
    for reader in (reader_a, reader_b):
        assert html.escape(new) in reader.page(f"/events/{slug}/"), reader.base
        timeline = reader.page("/timeline/")
        assert html.escape(new) in timeline, reader.base
        assert kind_counts(timeline) == {kind: n for kind, n in changed.items() if n}, reader.base
        for path in PUBLIC_PAGES:
            reader.page(path)

    for server in (a, b):
        log = server.output()
        assert "Internal Server Error" not in log and "Traceback" not in log, log[-5000:]

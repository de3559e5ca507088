"""Production mode, security headers, escaping of hostile entry text, the read-replica
router, and backups that restore to the same content."""

import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from dprk_kb.fixtures import fixture_files, write_fixtures
from dprk_kb.routers import ReadReplicaMiddleware, ReplicaRouter
from events.models import Event
from tests.conftest import body, make_actor, make_citation, make_event

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def manage(*args, env=None, timeout=300):
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE"))}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=timeout
    )


PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "kb.example.org",
}


def test_check_deploy_is_clean_in_production_mode():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", env={**PRODUCTION, "DJANGO_SECRET_KEY": ""})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", env={**PRODUCTION, "DJANGO_ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_production_never_runs_in_debug():
    code = (
        "from django.conf import settings;"
        "print(settings.DEBUG, settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE)"
    )
    result = manage("shell", "-c", code, env={**PRODUCTION, "DJANGO_DEBUG": "1"})
    assert result.stdout.split()[-3:] == ["False", "True", "True"], result.stderr


@pytest.mark.parametrize("url", ["/", "/timeline/", "/equipment/koksan/", "/timeline/export.csv", "/admin/login/"])
def test_security_headers(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_page_refers_to_another_host(client):
    for url in ["/", "/timeline/", "/equipment/koksan/", "/sources/dprk-cold-war/", "/admin/login/"]:
        text = client.get(url).content.decode()
        for attribute in ("src=", "href="):
            for part in text.split(attribute)[1:]:
                target = part[1:].split(part[0], 1)[0] if part[:1] in "'\"" else part
                assert not target.startswith(("http://", "https://", "//")) or "testserver" in target, (url, target)


@pytest.fixture
def hostile_event(db):
    actor = make_actor(name=f"Actor {HOSTILE}")
    event = make_event(title=f"Event {HOSTILE}", summary=f"Summary {HOSTILE}", slug="hostile-event")
    event.actors.add(actor)
    make_citation(event, quote=f"Quote {HOSTILE}", locator=f"Locator {HOSTILE}")
    return event


@pytest.mark.parametrize(
    "url",
    [
        "/events/hostile-event/",
        "/timeline/",
        "/timeline/?q=onerror",
        "/map/",
        "/search/?q=event+script",
        "/disputes/",
        "/actors/",
    ],
)
def test_hostile_text_is_escaped_on_pages_and_in_svg(client, hostile_event, url):
    text = client.get(url).content.decode()
    assert "<script>alert" not in text and "<img src=x" not in text
    if url in ("/events/hostile-event/", "/timeline/?q=onerror"):
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text


def test_hostile_text_in_the_timeline_svg_titles_is_escaped(client, hostile_event):
    text = client.get("/timeline/?q=onerror").content.decode()
    svg = text[text.index("<svg") : text.index("</svg>")]
    assert "<title>" in svg and "&lt;script&gt;" in svg and "<script>" not in svg


def test_hostile_text_in_json_is_data(client, hostile_event):
    response = client.get("/timeline/export.json?q=onerror")
    assert response["Content-Type"] == "application/json"
    raw = body(response)
    [row] = json.loads(raw)
    assert row["title"] == f"Event {HOSTILE}"  # exactly the text, for the researcher to handle


def test_hostile_text_in_csv_is_neutralized(client):
    event = make_event(title="=cmd|' /C calc'!A0", summary="+1+1", slug="formula-event")
    make_citation(event)
    text = body(client.get("/timeline/export.csv?q=cmd")).decode()
    assert "'=cmd|" in text and ",'+1+1," in text


def test_hostile_text_is_escaped_in_the_admin(client, hostile_event):
    client.force_login(User.objects.create_superuser("boss", password="a-long-test-password"))
    for url in [
        reverse("admin:events_event_changelist"),
        reverse("admin:events_event_change", args=[hostile_event.pk]),
        reverse("admin:sources_citation_changelist") + "?q=onerror",
        reverse("admin:events_event_history", args=[hostile_event.pk]),
    ]:
        text = client.get(url).content.decode()
        assert "<script>alert(" not in text, url
        assert "&lt;script&gt;" in text, url


# --- Read replicas ---------------------------------------------------------------------


def test_router_reads_from_replicas_and_writes_to_the_primary(settings):
    settings.DATABASE_REPLICAS = ["replica1", "replica2"]
    router = ReplicaRouter()
    assert {router.db_for_read(Event) for _ in range(50)} == {"replica1", "replica2"}
    assert router.db_for_write(Event) == "default"
    assert router.allow_migrate("default", "events") and not router.allow_migrate("replica1", "events")
    assert router.allow_relation(Event(), Event())


def test_one_request_reads_one_replica_and_the_admin_reads_the_primary(settings):
    settings.DATABASE_REPLICAS = ["replica1", "replica2"]
    router, seen = ReplicaRouter(), []

    def view(request):
        seen.append({router.db_for_read(Event) for _ in range(20)})
        return None

    middleware = ReadReplicaMiddleware(view)
    for _ in range(10):
        middleware(RequestFactory().get("/timeline/"))
    middleware(RequestFactory().get("/admin/events/event/"))
    assert all(len(aliases) == 1 for aliases in seen)
    assert seen[-1] == {"default"}
    assert {alias for aliases in seen[:-1] for alias in aliases} <= {"replica1", "replica2"}


def test_two_database_aliases_serve_reads_and_writes(tmp_path):
    """A real primary and a real replica (two SQLite files): reads come from the replica."""
    if connection.vendor != "sqlite":
        pytest.skip("the two-alias check uses SQLite files; the router is the same on PostgreSQL")
    primary, replica = tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{primary}"}
    assert manage("migrate", "-v0", env=env).returncode == 0
    shutil.copy(primary, replica)  # the replica is a copy of the primary, as replication makes it
    code = (
        "from events.models import Era; import datetime;"
        "Era.objects.create(name='Written', slug='written', start=datetime.date(2000, 1, 1));"
        "print('read', Era.objects.filter(slug='written').exists(), Era.objects.db);"
        "print('primary', Era.objects.using('default').filter(slug='written').exists())"
    )
    result = manage("shell", "-c", code, env={**env, "DATABASE_REPLICA_URLS": f"sqlite:///{replica}"})
    assert result.returncode == 0, result.stderr
    # The write went to the primary; the read, sent to the replica, does not see it yet.
    assert "read False replica1" in result.stdout and "primary True" in result.stdout


# --- Backups ---------------------------------------------------------------------------


def test_backup_restores_to_identical_content(tmp_path):
    """Database -> backup -> fresh database -> the same content, on this database engine."""
    event = make_event(slug="added-after-the-fixtures", title="Added in the admin")
    make_citation(event, quote="Words to keep")
    backup = tmp_path / "backup"
    write_fixtures(backup)
    fresh = _fresh_database_url(tmp_path)
    try:
        env = {"DATABASE_URL": fresh}
        assert manage("migrate", "-v0", env=env).returncode == 0
        files = [str(backup / name) for name in fixture_files()]
        loaded = manage("loaddata", *files, env=env)
        assert loaded.returncode == 0, loaded.stderr
        again = tmp_path / "again"
        assert manage("export_fixtures", "--output", str(again), env=env).returncode == 0
        for name in fixture_files():
            assert (again / name).read_bytes() == (backup / name).read_bytes(), name
        assert "added-after-the-fixtures" in (again / "08_events.json").read_text()
    finally:
        _drop_database(fresh)


def _fresh_database_url(tmp_path):
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    name = f"dprk_kb_restore_{secrets.token_hex(4)}"
    _admin_sql(f'CREATE DATABASE "{name}"')
    params = connection.settings_dict
    user, host, port = params["USER"], params["HOST"] or "127.0.0.1", params["PORT"] or 5432
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def _drop_database(url):
    if url.startswith("postgres"):
        _admin_sql(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}"')


def _admin_sql(statement):
    import psycopg2

    params = connection.settings_dict
    conn = psycopg2.connect(
        dbname="postgres",
        user=params["USER"],
        password=params.get("PASSWORD") or None,
        host=params["HOST"] or "127.0.0.1",
        port=params["PORT"] or 5432,
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(statement)
    conn.close()

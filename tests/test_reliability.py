"""The database as several workers use it: readers never block writers, writers wait
their turn instead of failing, and a long export reads one consistent snapshot."""

import csv
import datetime
import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test import Client

from events.models import Event
from sources.models import Source

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def loaded():
    """The knowledge base, committed (transactional tests empty the database after)."""
    if not Source.objects.exists():
        call_command("load_fixtures", verbosity=0)


def in_other_connection(work):
    """Run ``work`` in another thread, on its own connection that never waits for a lock."""
    outcome = {}

    def run():
        try:
            with connection.cursor() as cursor:
                if connection.vendor == "sqlite":
                    cursor.execute("PRAGMA busy_timeout = 0")  # a held lock fails at once
                else:
                    cursor.execute("SET lock_timeout = '500ms'")
            outcome["value"] = work()
        except Exception as error:  # handed to the test, which reports it
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def test_sqlite_runs_in_wal_mode_with_immediate_writes():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's journal and locking modes")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000
    assert connection.transaction_mode == "IMMEDIATE"


def test_an_editor_saves_while_an_export_is_being_downloaded(loaded):
    Event.objects.bulk_create(
        Event(title=f"Filler {i}", slug=f"filler-{i:04d}", date_start=datetime.date(1970, 1, 1), kind="other")
        for i in range(1500)
    )
    total = Event.objects.count()
    stream = iter(Client().get("/timeline/export.csv").streaming_content)
    downloaded = [next(stream), next(stream)]  # the header and a first batch: the export is mid-way

    def save_an_event():
        with transaction.atomic():
            return Event.objects.create(
                title="Saved during the download", slug="saved-during-download", date_start="1971-01-01", kind="other"
            ).pk

    assert in_other_connection(save_an_event)  # neither blocked nor refused
    downloaded.extend(stream)
    rows = list(csv.DictReader(io.StringIO(b"".join(downloaded).decode())))
    # The download is one snapshot: every row from when it began, none saved since.
    assert len(rows) == total and "saved-during-download" not in {row["slug"] for row in rows}
    fresh = list(csv.DictReader(io.StringIO(b"".join(Client().get("/timeline/export.csv").streaming_content).decode())))
    assert len(fresh) == total + 1


def test_writers_wait_for_each_other_instead_of_failing(loaded):
    """Two editors' saves of one entry overlapping in time: the second waits its turn and
    succeeds (SQLite's write lock, PostgreSQL's row lock), never "database is locked"."""
    event = Event.objects.get(slug="korean-war-outbreak")
    holding, release = threading.Event(), threading.Event()

    def long_save():
        with transaction.atomic():
            Event.objects.filter(pk=event.pk).update(title="First writer")
            holding.set()
            release.wait(5)
        connections.close_all()

    done = {}

    def second_save():
        with transaction.atomic():
            Event.objects.filter(pk=event.pk).update(title="Second writer")
        done["ok"] = True
        connections.close_all()

    first = threading.Thread(target=long_save)
    first.start()
    holding.wait(5)
    second = threading.Thread(target=second_save)
    second.start()
    second.join(0.5)
    assert second.is_alive()  # waiting for the first writer's lock, not failing
    release.set()
    first.join()
    second.join(10)
    assert done == {"ok": True}
    event.refresh_from_db()
    assert event.title == "Second writer"

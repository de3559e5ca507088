"""Shared test setup: the curated knowledge base is loaded once per test session, and
each test runs in a transaction that is rolled back. ``make_*`` helpers build entries."""

import datetime
import itertools
import os
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

from dprk_kb import settings as site_settings
from dprk_kb.roles import ensure_editors_group
from equipment.models import Designation, Equipment, Transfer
from events.models import Actor, Era, Event, Place
from sources.models import Citation, Source

_counter = itertools.count(1)


def unique(prefix):
    return f"{prefix}-{next(_counter)}"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_fixtures", verbosity=0)


@pytest.fixture(scope="session")
def data_package_session_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("data-package")


@pytest.fixture(autouse=True)
def data_package_dir(settings, data_package_session_dir):
    """The data package is built into a temporary directory, never into the working tree."""
    settings.DATA_PACKAGE_DIR = data_package_session_dir
    return data_package_session_dir


# The site's own time limits for facet counts (those in dprk_kb/settings.py).
SITE_LIMITS = (site_settings.FACET_TIME_LIMIT_MS, site_settings.FACET_TIME_BUDGET_MS)


@pytest.fixture(autouse=True)
def facet_counts_in_full(settings):
    """Each test counts its facets afresh (the cache is emptied) and in full: a busy test
    machine is not a reason to leave a count out. The tests of the time limits set them."""
    from django.core.cache import cache

    cache.clear()
    settings.FACET_TIME_LIMIT_MS = 5000
    settings.FACET_TIME_BUDGET_MS = 20000


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    """Passwords hashed with one quick round: logins are tested, not the hash's strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_source(**fields):
    slug = fields.pop("slug", unique("test-source"))
    fields.setdefault("title", f"Test source {slug}")
    fields.setdefault("text", "The quick brown fox jumps over the lazy dog. It was about 170 tanks.")
    return Source.objects.create(slug=slug, **fields)


def make_actor(**fields):
    slug = fields.pop("slug", unique("test-actor"))
    fields.setdefault("name", f"Test actor {slug}")
    fields.setdefault("kind", "state")
    return Actor.objects.create(slug=slug, **fields)


def make_place(**fields):
    slug = fields.pop("slug", unique("test-place"))
    fields.setdefault("name", f"Test place {slug}")
    return Place.objects.create(slug=slug, **fields)


def make_era(**fields):
    slug = fields.pop("slug", unique("test-era"))
    fields.setdefault("name", f"Test era {slug}")
    fields.setdefault("start", datetime.date(1900, 1, 1))
    return Era.objects.create(slug=slug, **fields)


def make_event(**fields):
    slug = fields.pop("slug", unique("test-event"))
    fields.setdefault("title", f"Test event {slug}")
    fields.setdefault("date_start", datetime.date(1950, 6, 25))
    fields.setdefault("kind", "battle")
    return Event.objects.create(slug=slug, **fields)


def make_equipment(**fields):
    slug = fields.pop("slug", unique("test-equipment"))
    fields.setdefault("name", f"Test equipment {slug}")
    fields.setdefault("category", "main_battle_tank")
    return Equipment.objects.create(slug=slug, **fields)


def make_designation(**fields):
    fields.setdefault("code", unique("TEST"))
    fields.setdefault("scheme", "us_dod")
    if "equipment" not in fields:
        fields["equipment"] = make_equipment()
    return Designation.objects.create(**fields)


def make_transfer(**fields):
    slug = fields.pop("slug", unique("test-transfer"))
    if "supplier" not in fields:
        fields["supplier"] = make_actor()
    if "recipient" not in fields:
        fields["recipient"] = make_actor()
    fields.setdefault("item", "test items")
    fields.setdefault("status", "delivered")
    return Transfer.objects.create(slug=slug, **fields)


def make_citation(target, **fields):
    """A citation of ``target`` (any citable entry); the source defaults to a new one."""
    if "source" not in fields:
        fields["source"] = make_source()
    fields.setdefault("quote", "The quick brown fox")
    return Citation.objects.create(**{target._meta.model_name: target}, **fields)


def body(response):
    """The bytes of a response, streamed or not."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def make_rich_events(count, year=1961):
    """``count`` events with an actor, an equipment, a place and a citation each."""
    source = make_source()
    place = make_place()
    events = []
    for i in range(count):
        event = make_event(date_start=datetime.date(year, 1 + i % 12, 1 + i % 28), place=place)
        event.actors.add(make_actor(kind="unit"))
        event.equipment.add(make_equipment())
        make_citation(event, source=source)
        events.append(event)
    return events


# --- Real-browser tests (Chromium through Playwright) -------------------------------
#
# Debian's Chromium at /usr/bin/chromium; without it the browser tests are skipped with
# a message, unless REQUIRE_BROWSER=1 (as in CI), which makes a missing browser a failure.

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def require_or_skip(available, what):
    if available:
        return
    message = f"{what} is not available, so the browser tests are skipped (REQUIRE_BROWSER=1 makes this a failure)."
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium():
    require_or_skip(Path(CHROMIUM).exists(), f"Chromium ({CHROMIUM})")
    playwright_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests
    # make around it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = playwright_api.sync_playwright().start()
    browser = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    manager.stop()


@pytest.fixture(scope="session")
def _reading_server(django_db_setup, django_db_blocker):
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    server._live_server_modified_settings.enable()
    yield server
    server._live_server_modified_settings.disable()
    server.stop()


@pytest.fixture
def reading_site(_reading_server, db):
    """A live server over the knowledge base as the session loaded it, for a test that only
    reads: the test runs in a transaction rolled back after it, like any other, so that
    nothing needs loading again. The server reads on a connection of its own, so it does
    not see what the test writes: a test that writes, or logs in, uses ``site``."""
    return _reading_server


@pytest.fixture
def site(live_server):
    """The live server with the knowledge base loaded (transactional tests empty it after)."""
    if not Source.objects.exists():
        call_command("load_fixtures", verbosity=0)
        ensure_editors_group(django_apps)
    return live_server


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()

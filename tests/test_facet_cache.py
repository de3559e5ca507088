"""Pages, facet counts, charts and row counts kept in the cache under the data's stamp:
made once for the same query on the same data, and never shown after a change they do not
include (common/stamps.py, common/facets.py, common/listing.py). On the embedded cache and
on Redis, on SQLite and PostgreSQL."""

import re

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from common.stamps import data_stamp, installed_triggers, trigger_name
from dprk_kb.stamped import stamped_tables
from events.models import Era, Event
from tests.conftest import SITE_LIMITS

from .test_pages import QUERY_BUDGETS, budget

REDIS = "redis://127.0.0.1:6379/3"
URL = "/timeline/?era=korean-war"


@pytest.fixture(params=["memory", "redis"])
def cache_backend(request, settings):
    if request.param == "redis":
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS, "KEY_PREFIX": "t"}
        }
    cache.clear()
    yield request.param
    cache.clear()


def kind_counts(response):
    """The kinds' counts the page's kind filter shows ("battle (23)"), as a reader sees them."""
    page = response.content.decode()
    select = re.search(r'<select name="kind".*?</select>', page, re.S)
    assert select, "the page has its kind filter"
    options = re.findall(r'<option value="([^"]+)"[^>]*>[^<]*?\(([\d,]+)\)</option>', select.group(0))
    assert options, "the kinds are counted"
    return {value: int(count.replace(",", "")) for value, count in options}


@pytest.mark.django_db
def test_a_page_is_made_once_for_the_same_query_on_the_same_data(client, cache_backend):
    with CaptureQueriesContext(connection) as first:
        made = client.get("/timeline/")
    with CaptureQueriesContext(connection) as second:
        kept = client.get("/timeline/")
    assert kept.status_code == 200 and kept.content == made.content
    assert len(first) == budget("/timeline/")
    assert len(second) == 1  # the data's stamp
    assert kind_counts(client.get(URL)) != kind_counts(kept)  # another query is another page


@pytest.mark.django_db
def test_the_same_filters_on_the_same_data_are_counted_once(client, cache_backend):
    client.get("/timeline/")
    with CaptureQueriesContext(connection) as next_page:
        response = client.get("/timeline/?page=2")
    assert response.status_code == 200 and response.context["page_obj"].number == 2
    # The next page of the same list is a page of its own, but its facets (10 queries, and on
    # PostgreSQL their time limits'), its chart (2) and its number of rows (1) are kept.
    assert len(next_page) == QUERY_BUDGETS["/timeline/"] - 13


@pytest.mark.django_db
def test_a_page_with_bad_parameters_is_not_kept(client):
    assert client.get("/timeline/?year_from=abc").status_code == 400
    with CaptureQueriesContext(connection) as again:
        assert client.get("/timeline/?year_from=abc").status_code == 400
    assert len(again) > 1


def commit_elsewhere(sql, params):
    """Run ``sql`` on a connection of its own and commit it, as another app server would."""
    other = connections.create_connection("default")  # in autocommit, as Django connects
    try:
        with other.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        other.close()


@pytest.mark.django_db
def test_an_edit_is_shown_at_once(client, cache_backend):
    event = Event.objects.filter(slug__in=_korean_war_slugs(client)).exclude(kind="battle").first()
    before = kind_counts(client.get(URL))
    assert kind_counts(client.get(URL)) == before  # kept
    if connection.vendor == "postgresql":
        # Another app server's editor commits; this test's transaction sees it, as a reader would.
        commit_elsewhere("UPDATE events_event SET kind = 'battle' WHERE id = %s", [event.pk])
        try:
            after = client.get(URL)
        finally:
            commit_elsewhere("UPDATE events_event SET kind = %s WHERE id = %s", [event.kind, event.pk])
        assert kind_counts(client.get(URL)) == before
    else:
        # SQLite has one writer: the edit is this connection's own, as the admin's would be.
        Event.objects.filter(pk=event.pk).update(kind="battle")
        after = client.get(URL)
    counts = kind_counts(after)
    assert counts["battle"] == before.get("battle", 0) + 1
    assert counts.get(event.kind, 0) == before[event.kind] - 1


def _korean_war_slugs(client):
    return Event.objects.in_eras(list(Era.objects.filter(slug="korean-war"))).values_list("slug", flat=True)


@pytest.mark.django_db
def test_counts_left_out_for_time_are_tried_again_after_a_while(client, settings, monkeypatch):
    import time

    from events import filters

    from .test_pages import slow_query

    settings.FACET_TIME_LIMIT_MS, settings.FACET_TIME_BUDGET_MS = SITE_LIMITS
    settings.CACHE_RETRY_SECONDS = 1
    with monkeypatch.context() as patch:
        patch.setattr(filters, "_most_linked", lambda *args: slow_query())
        cut_short = client.get("/timeline/")
        assert "some were left out" in cut_short.content.decode()
        # Kept for a while, so that every reader does not wait for the slow counts again.
        started = time.perf_counter()
        assert client.get("/timeline/").content == cut_short.content
        assert time.perf_counter() - started < 0.5
    time.sleep(1.1)
    again = client.get("/timeline/")
    assert "some were left out" not in again.content.decode()
    actor = next(f for f in again.context["facets"] if f.name == "actor")
    assert actor.counted and all(o.count for o in actor.options)


@pytest.mark.django_db
def test_a_cache_that_is_down_costs_no_page(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    response = client.get(URL)
    assert response.status_code == 200
    assert kind_counts(response)["battle"] >= 1


@pytest.mark.django_db
def test_a_transaction_that_has_written_counts_for_itself(client):
    """Its own rows are not in the snapshot others share (PostgreSQL), or they renew the
    stamp (SQLite): either way what it counts is not kept for others."""
    stamp = data_stamp("default")
    assert stamp
    Event.objects.filter(slug=Event.objects.order_by("slug").values("slug")[:1]).update(title="Changed")
    assert data_stamp("default") != stamp


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's stamp is its snapshot: no triggers")
def test_every_table_of_the_knowledge_base_renews_the_stamp_on_sqlite():
    tables = stamped_tables()
    assert {"events_event", "events_event_actors", "sources_citation", "equipment_image"} <= set(tables)
    assert {"events_historicalevent", "events_historicalevent_actors"} <= set(tables)  # the version shown
    expected = {trigger_name(table, event) for table in tables for event in ("insert", "update", "delete")}
    assert expected <= installed_triggers(connection)


@pytest.mark.django_db
def test_an_entry_page_is_kept_for_readers_and_made_afresh_for_editors(client, django_user_model):
    event = Event.objects.get(slug="korean-war-outbreak")
    with CaptureQueriesContext(connection) as first:
        made = client.get(event.get_absolute_url())
    with CaptureQueriesContext(connection) as second:
        kept = client.get(event.get_absolute_url())
    assert kept.content == made.content and len(second) == 1 < len(first)
    assert "Edit this entry" not in kept.content.decode()
    # An editor signed in sees the link to edit it, which readers do not.
    editor = django_user_model.objects.create_user("editor", password="a-long-test-password", is_staff=True)
    client.force_login(editor)
    assert "Edit this entry" in client.get(event.get_absolute_url()).content.decode()
    client.logout()
    if connection.vendor == "sqlite":  # (PostgreSQL: a transaction that has written keeps nothing)
        Event.objects.filter(pk=event.pk).update(title="A title changed by an editor")
        assert "A title changed by an editor" in client.get(event.get_absolute_url()).content.decode()

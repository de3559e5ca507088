"""Facet counts kept in the cache under the data's stamp: counted once for the same filters
on the same data, and never shown after a change they do not include (common/facets.py,
common/stamps.py). On the embedded cache and on Redis, on SQLite and PostgreSQL."""

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from common.stamps import data_stamp, installed_triggers, trigger_name
from dprk_kb.stamped import stamped_tables
from events.models import Event
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
    facet = next(f for f in response.context["facets"] if f.name == "kind")
    assert facet.counted
    return {option.value: option.count for option in facet.options}


@pytest.mark.django_db
def test_the_same_filters_on_the_same_data_are_counted_once(client, cache_backend):
    with CaptureQueriesContext(connection) as first:
        counted = client.get("/timeline/")
    with CaptureQueriesContext(connection) as second:
        kept = client.get("/timeline/")
    assert kind_counts(kept) == kind_counts(counted)
    assert kept.content == counted.content
    # What is kept spares the page the facets' 10 queries (and on PostgreSQL their time
    # limits'), the chart's 2 and the count of its rows.
    assert len(first) == budget("/timeline/")
    assert len(second) == QUERY_BUDGETS["/timeline/"] - 13
    # Other filters are other counts.
    assert kind_counts(client.get(URL)) != kind_counts(kept)


def commit_elsewhere(sql, params):
    """Run ``sql`` on a connection of its own and commit it, as another app server would."""
    other = connections.create_connection("default")  # in autocommit, as Django connects
    try:
        with other.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        other.close()


@pytest.mark.django_db
def test_an_edit_is_counted_at_once(client, cache_backend):
    event = Event.objects.filter(slug__in=_korean_war_slugs(client)).exclude(kind="battle").first()
    before = kind_counts(client.get(URL))
    assert kind_counts(client.get(URL)) == before  # kept
    if connection.vendor == "postgresql":
        # Another app server's editor commits; this test's transaction sees it, as a reader would.
        commit_elsewhere("UPDATE events_event SET kind = 'battle' WHERE id = %s", [event.pk])
        try:
            after = kind_counts(client.get(URL))
        finally:
            commit_elsewhere("UPDATE events_event SET kind = %s WHERE id = %s", [event.kind, event.pk])
        assert kind_counts(client.get(URL)) == before
    else:
        # SQLite has one writer: the edit is this connection's own, as the admin's would be.
        Event.objects.filter(pk=event.pk).update(kind="battle")
        after = kind_counts(client.get(URL))
    assert after["battle"] == before.get("battle", 0) + 1
    assert after.get(event.kind, 0) == before[event.kind] - 1


def _korean_war_slugs(client):
    response = client.get(URL)
    return [row.slug for row in response.context["page_obj"].object_list]


@pytest.mark.django_db
def test_counts_left_out_for_time_are_not_kept(client, settings, monkeypatch):
    from events import filters

    from .test_pages import slow_query

    settings.FACET_TIME_LIMIT_MS, settings.FACET_TIME_BUDGET_MS = SITE_LIMITS
    with monkeypatch.context() as patch:
        patch.setattr(filters, "_most_linked", lambda *args: slow_query())
        cut_short = client.get("/timeline/")
    actor = next(f for f in cut_short.context["facets"] if f.name == "actor")
    assert not actor.counted
    actor = next(f for f in client.get("/timeline/").context["facets"] if f.name == "actor")
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
    expected = {trigger_name(table, event) for table in tables for event in ("insert", "update", "delete")}
    assert expected <= installed_triggers(connection)

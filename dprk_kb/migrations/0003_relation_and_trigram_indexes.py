"""Indexes Django's model options cannot declare.

- The many-to-many tables of events get (related id, event id) indexes, so facet counts
  and filters by actor or equipment read the index alone.
- On PostgreSQL, trigram (pg_trgm) GIN indexes on the folded search columns serve
  search's ``LIKE '%word%'``. SQLite has no such index; at the sizes it serves a scan of
  the short folded columns is what serves best (see docs/performance.md).
"""

from django.db import migrations

RELATION_INDEXES = [
    ("events_event_actors", "actor_id"),
    ("events_event_equipment", "equipment_id"),
]
SEARCHED_TABLES = [
    "events_event",
    "events_actor",
    "events_place",
    "equipment_equipment",
    "equipment_designation",
    "equipment_transfer",
    "sources_source",
]


def create(apps, schema_editor):
    for table, column in RELATION_INDEXES:
        schema_editor.execute(f'CREATE INDEX "{table}_{column}_event" ON "{table}" ("{column}", "event_id")')
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for table in SEARCHED_TABLES:
            for column in ("search_name", "search_text"):
                schema_editor.execute(
                    f'CREATE INDEX "{table}_{column}_trgm" ON "{table}" USING gin ("{column}" gin_trgm_ops)'
                )


def drop(apps, schema_editor):
    for table, column in RELATION_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_{column}_event"')
    if schema_editor.connection.vendor == "postgresql":
        for table in SEARCHED_TABLES:
            for column in ("search_name", "search_text"):
                schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_{column}_trgm"')


class Migration(migrations.Migration):
    dependencies = [
        ("dprk_kb", "0002_editors_group"),
        ("events", "0002_search_and_filter_indexes"),
        ("sources", "0002_search_and_filter_indexes"),
        ("equipment", "0002_initial"),
    ]
    operations = [migrations.RunPython(create, drop)]

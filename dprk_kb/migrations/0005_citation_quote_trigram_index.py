"""On PostgreSQL, a trigram (pg_trgm) GIN index on the folded quotes, as the other folded
search columns have (0003): search looks for the words of a query in the quotes of each
kind of entry, and the citations list filters by them. SQLite has no such index."""

from django.db import migrations

INDEX = "sources_citation_search_text_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(f'CREATE INDEX "{INDEX}" ON "sources_citation" USING gin ("search_text" gin_trgm_ops)')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [("dprk_kb", "0004_fold_romanization_variants")]
    operations = [migrations.RunPython(create, drop)]

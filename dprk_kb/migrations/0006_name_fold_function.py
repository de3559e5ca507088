"""kb_name_fold(text) in PostgreSQL: ``common.folding.fold`` in SQL, the order of names.

Since search folds the romanization variants (0004: “Juche” is searched as “chuche”),
the lists order names by this folding instead, which keeps “Juche” under J. SQLite gets
the same function from Python on each connection.
"""

from django.db import migrations

from common.folding import NAME_FUNCTION, postgresql_function_sql


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(postgresql_function_sql(NAME_FUNCTION))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {NAME_FUNCTION}(text)")


class Migration(migrations.Migration):
    dependencies = [("dprk_kb", "0005_citation_quote_trigram_index")]
    operations = [migrations.RunPython(create, drop)]

"""kb_fold(text) in PostgreSQL: the search folding of dprk_kb.folding, in SQL.

SQLite gets the same function from Python on each connection (DprkKbConfig.ready).
"""

from django.db import migrations

from dprk_kb.folding import FUNCTION_NAME, postgresql_function_sql


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(postgresql_function_sql())


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION_NAME}(text)")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create_function, drop_function)]

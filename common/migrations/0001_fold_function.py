"""kb_fold(text) in PostgreSQL: the search folding of common.folding, in SQL.

SQLite gets the same function from Python on each connection (CommonConfig.ready).
This migration was the project's (``dprk_kb``) before the shared library had an app of
its own; ``replaces`` lets a database migrated then take it as applied.
"""

from django.db import migrations

from common.folding import FUNCTION_NAME, postgresql_function_sql


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(postgresql_function_sql())


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION_NAME}(text)")


class Migration(migrations.Migration):
    replaces = [("dprk_kb", "0001_fold_function")]
    dependencies = []
    operations = [migrations.RunPython(create_function, drop_function)]

"""The search folding merges the romanization variants of Korean (common.folding.VARIANTS):
the PostgreSQL kb_fold() is replaced, and every stored folded column is computed again.

A stored generated column keeps the value it was written with, on SQLite (whose kb_fold()
is the Python function) as on PostgreSQL, so each row of the searched tables is rewritten
with itself; the database then folds it with the new definition (and PostgreSQL's trigram
indexes follow). Running it again, or backwards, only folds once more with the code's
definition.
"""

from django.db import migrations, models

from common.folding import postgresql_function_sql


def refold(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(postgresql_function_sql())
    quote = schema_editor.quote_name
    for model in apps.get_models():
        fields = model._meta.local_concrete_fields
        if not any(isinstance(field, models.GeneratedField) for field in fields):
            continue
        plain = next(f for f in fields if not f.primary_key and not isinstance(f, models.GeneratedField))
        column = quote(plain.column)
        schema_editor.execute(f"UPDATE {quote(model._meta.db_table)} SET {column} = {column}")


class Migration(migrations.Migration):
    dependencies = [
        ("dprk_kb", "0003_relation_and_trigram_indexes"),
        ("common", "0001_fold_function"),
        ("events", "0007_provenance_fields"),
        ("equipment", "0007_provenance_fields"),
        ("sources", "0006_provenance_fields"),
    ]
    operations = [migrations.RunPython(refold, refold)]

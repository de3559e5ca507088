"""The "Editors" group: may view everything and add and change content, but not delete."""

from django.db import migrations

from dprk_kb.roles import EDITORS, ensure_editors_group


def create_editors(apps, schema_editor):
    ensure_editors_group(apps)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0001_fold_function"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sources", "0001_initial"),
        ("events", "0001_initial"),
        ("equipment", "0002_initial"),
    ]
    operations = [migrations.RunPython(create_editors, remove_editors)]

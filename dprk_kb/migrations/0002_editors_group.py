"""The "Editors" group: may view everything and add and change content, but not delete.

Only superusers delete. Permissions are created here first (Django makes them after
migrations), so that a fresh database has a working group at once.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
CONTENT_APPS = ["sources", "events", "equipment"]


def create_editors(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=CONTENT_APPS).exclude(
        codename__startswith="delete_"
    )
    group.permissions.set(permissions)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dprk_kb", "0001_fold_function"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sources", "0001_initial"),
        ("events", "0001_initial"),
        ("equipment", "0002_initial"),
    ]
    operations = [migrations.RunPython(create_editors, remove_editors)]

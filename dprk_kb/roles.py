"""The roles of the editors' workplace.

"Editors" may view everything and add and change content, but not delete: only
superusers delete. A data migration creates the group; tests that empty the database
call ``ensure_editors_group`` again.
"""

from django.contrib.auth.management import create_permissions

from sources.kinds import kinds
from sources.models import Source

EDITORS = "Editors"


def content_apps():
    """The apps whose entries editors add and change: the sources and every kind of entry."""
    return sorted({Source._meta.app_label, *(kind.model._meta.app_label for kind in kinds())})


def ensure_editors_group(apps):
    """Create (or bring up to date) the Editors group, using the app registry ``apps``."""
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    permissions = Permission.objects.filter(content_type__app_label__in=content_apps()).exclude(
        codename__startswith="delete_"
    )
    group.permissions.set(permissions)
    return group

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DprkKbConfig(AppConfig):
    """The project: settings, URLs, the pages and commands that span every app.

    It may import every app; no app imports it (see docs/architecture.md).
    """

    name = "dprk_kb"
    verbose_name = "Knowledge base"

    def ready(self):
        post_migrate.connect(grant_editors, sender=self, dispatch_uid="kb_grant_editors")
        post_migrate.connect(stamp_writes, sender=self, dispatch_uid="kb_stamp_writes")


def grant_editors(sender, **kwargs):
    """After every migrate, the Editors group holds the permissions of every kind of entry,
    those of a kind added since included."""
    from django.apps import apps

    from dprk_kb.roles import ensure_editors_group

    ensure_editors_group(apps)


def stamp_writes(sender, using="default", **kwargs):
    """After every migrate, each table of the knowledge base renews the data's stamp when
    written to (on SQLite: see common.stamps), a table added since included."""
    from django.db import connections

    from common.stamps import install_triggers
    from dprk_kb.stamped import stamped_tables

    install_triggers(connections[using], stamped_tables())

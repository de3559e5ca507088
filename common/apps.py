from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import pre_save


class CommonConfig(AppConfig):
    """The library every app of the knowledge base builds on; it imports none of them.

    Partial dates, search folding and text matching, filters, lists and their exports,
    edit versions and the admin's base: each in a small module named for what it holds.
    """

    name = "common"
    verbose_name = "Shared library"

    def ready(self):
        from common.editing import loaded_rows_overwrite
        from common.folding import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="kb_fold_sqlite")
        pre_save.connect(loaded_rows_overwrite, dispatch_uid="kb_loaded_rows_overwrite")

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import pre_save


class DprkKbConfig(AppConfig):
    """The project's shared pieces: dates, folding, exports, the home and search pages."""

    name = "dprk_kb"
    verbose_name = "Knowledge base"

    def ready(self):
        from dprk_kb.editing import loaded_rows_overwrite
        from dprk_kb.folding import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="kb_fold_sqlite")
        pre_save.connect(loaded_rows_overwrite, dispatch_uid="kb_loaded_rows_overwrite")

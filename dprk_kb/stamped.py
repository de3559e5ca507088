"""Which tables the data's stamp follows on SQLite (common.stamps): every table of an entry
kept in history, the tables linking entries to one another (an event's actors), and the
history of both (the version a page shows counts its changes)."""

from common.history import tracked_models


def stamped_tables():
    tables = []
    for model in tracked_models():
        history = model.history.model
        tables += [model._meta.db_table, history._meta.db_table]
        tables += [field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many]
        # The history of the links: the rows that point at the entry's history.
        tables += [field.related_model._meta.db_table for field in history._meta.get_fields() if field.one_to_many]
    return sorted(set(tables))

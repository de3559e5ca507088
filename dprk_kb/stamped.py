"""Which tables the data's stamp follows: every table of an entry kept in history, and the
tables linking entries to one another (an event's actors)."""

from common.history import tracked_models


def stamped_tables():
    tables = []
    for model in tracked_models():
        tables.append(model._meta.db_table)
        tables += [field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many]
    return sorted(set(tables))

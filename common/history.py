"""Entries' history, from their django-simple-history records."""

from django.apps import apps
from django.utils import timezone


def last_change(entry):
    """The newest change an editor made to ``entry`` (a historical record with its user),
    or None; one query.

    Only a person's change counts: loading the fixtures writes records with no user (see
    ``record_base_history``), and their time says when the database was filled, not when
    anything a reader sees was last changed.
    """
    history = getattr(entry, "history", None)
    if history is None:
        return None
    changes = history.filter(history_user__isnull=False).select_related("history_user")
    return changes.order_by("-history_date", "-history_id").first()


def tracked_models():
    """Every model whose changes are kept in history."""
    return [model for model in apps.get_models() if hasattr(model._meta, "simple_history_manager_attribute")]


def record_base_history(using="default", reason="Loaded from the curated fixtures"):
    """Give every entry that has no history yet a first record of how it is now.

    ``loaddata`` writes no history, so without this the first edit of a loaded entry
    would be its oldest version: the state it replaced could neither be shown beside a
    conflicting edit nor reverted to. Returns the number of records written.
    """
    now = timezone.now()
    written = 0
    for model in tracked_models():
        history = model.history.model
        recorded = history.objects.using(using).values("id")
        missing = list(model._default_manager.using(using).exclude(pk__in=recorded).order_by("pk"))
        if not missing:
            continue
        records = history.objects.using(using).bulk_create(
            history(
                history_date=now,
                history_type="+",
                history_change_reason=reason,
                **{field.attname: getattr(entry, field.attname) for field in history.tracked_fields},
            )
            for entry in missing
        )
        by_pk = {record.id: record for record in records}
        for field in history._history_m2m_fields:
            through = field.remote_field.through
            rows_model = getattr(history, field.name).model
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            links = (
                through.objects.using(using)
                .filter(**{f"{source}__in": by_pk})
                .values_list("id", f"{source}_id", f"{target}_id")
            )
            rows_model.objects.using(using).bulk_create(
                rows_model(**{"id": pk, f"{source}_id": entry, f"{target}_id": other, "history": by_pk[entry]})
                for pk, entry, other in links
            )
        written += len(records)
    return written

"""Entries' history, from their django-simple-history records: the first record of
what the fixtures loaded, and the changes between records as the history pages show them."""

from contextlib import contextmanager

from django.apps import apps
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import capfirst
from simple_history.template_utils import HistoricalRecordContextHelper

from common.diffs import is_long, word_diff

# Fields a change is not shown for: the edit version counts saves, it says nothing to an editor.
UNSHOWN = {"version"}
# The reason every entry's first record gives when it came from the curated fixtures.
FIXTURE_REASON = "Loaded from the curated fixtures"


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


def record_base_history(using="default", reason=FIXTURE_REASON):
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


@contextmanager
def history_paused():
    """Write no history while loading fixtures.

    ``loaddata`` saves each row raw (no record) but then sets its many-to-many links,
    which django-simple-history records as a change by nobody with no reason. Paused,
    the load leaves every entry without history, and ``record_base_history`` then gives
    each one honest first record: created, by the fixture load, saying so.
    """
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        yield


def as_text(value):
    """A field's value in a history record as plain text (links as their entries' names)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


class FullChanges(HistoricalRecordContextHelper):
    """The changes of a record, every word of them: no "[171 chars]" shortening.

    Each change has the field's ``label``, its ``old`` and ``new`` text (escaped by the
    template) and, for a long text, the word-level ``pieces`` of the difference.
    """

    def context_for_delta_changes(self, delta):
        rows = []
        for change in delta.changes:
            if change.field in UNSHOWN:
                continue
            old = as_text(self.prepare_delta_change_value(change, change.old))
            new = as_text(self.prepare_delta_change_value(change, change.new))
            label = capfirst(self.model._meta.get_field(change.field).verbose_name)
            pieces = word_diff(old, new) if is_long(old, new) else None
            rows.append({"field": label, "old": old, "new": new, "pieces": pieces})
        return rows

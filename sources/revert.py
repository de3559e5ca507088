"""An entry's citations as they were in one of its past versions, and restoring them.

A version of an entry lasts from its historical record until the entry's next record
(or until now). Its citations are the ones whose own history, at the end of that span,
shows them attached to the entry: saved with the entry in the admin, or edited on their
own while that version was current. Reverting the entry restores exactly those:
changed ones get their old text back, deleted ones come back with their old key, and
ones added since are removed (their history keeps them).
"""

from sources.models import TARGET_FIELDS, Citation

# Citation columns a revert restores: everything but the key, the edit version and the
# columns the database computes.
RESTORED = [f.attname for f in Citation._meta.concrete_fields if f.name not in {"id", "version"} and not f.generated]


def target_field(entry):
    name = entry._meta.model_name
    if name not in TARGET_FIELDS:
        raise ValueError(f"{entry._meta.verbose_name} cannot be cited")
    return name


def version_span_end(record):
    """When the version ``record`` of an entry was replaced, or None if it is current."""
    later = (
        type(record)
        ._default_manager.filter(id=record.id, history_date__gt=record.history_date)
        .order_by("history_date", "history_id")
        .first()
    )
    return later.history_date if later else None


def citations_as_of(entry, record):
    """The historical citation records of ``entry`` at the end of version ``record``, by key."""
    name = target_field(entry)
    history = Citation.history.model
    end = version_span_end(record)
    ever_attached = history.objects.filter(**{f"{name}_id": entry.pk}).values("id")
    rows = history.objects.filter(id__in=ever_attached)
    if end is not None:
        rows = rows.filter(history_date__lt=end)
    last = {}
    for row in rows.select_related("source").order_by("history_date", "history_id"):
        last[row.id] = row
    return {pk: row for pk, row in last.items() if row.history_type != "-" and getattr(row, f"{name}_id") == entry.pk}


def restore_citations(entry, record, user=None, reason=None):
    """Make ``entry``'s citations what they were in version ``record`` (their history
    records by ``user``, for ``reason``).

    Returns the citations restored, the ones removed, and the ones left where they are
    now because taking them back would leave another entry with no citation.
    """
    name = target_field(entry)
    wanted = citations_as_of(entry, record)
    current = {c.pk: c for c in Citation.objects.filter(**{name: entry})}
    restored, removed, kept_elsewhere = [], [], []
    for pk, row in wanted.items():
        values = {column: getattr(row, column) for column in RESTORED}
        citation = current.get(pk) or Citation.objects.filter(pk=pk).first()
        if citation is not None and all(getattr(citation, k) == v for k, v in values.items()):
            continue
        if citation is not None and pk not in current and is_last_citation(citation):
            kept_elsewhere.append(citation)
            continue
        if citation is None:
            citation = Citation(pk=pk)
        for column, value in values.items():
            setattr(citation, column, value)
        citation._history_user, citation._change_reason = user, reason
        citation.save()
        restored.append(citation)
    for pk, citation in current.items():
        if pk not in wanted:
            citation._history_user, citation._change_reason = user, reason
            citation.delete()
            removed.append(citation)
    return restored, removed, kept_elsewhere


def is_last_citation(citation):
    """Whether the entry ``citation`` supports now has no other citation."""
    name = citation.target_field
    return not Citation.objects.filter(**{name: citation.target_id}).exclude(pk=citation.pk).exists()

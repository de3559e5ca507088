"""When an entry last changed, from its django-simple-history records."""


def last_change(entry):
    """The newest historical record of ``entry`` (with its user), or None; one query."""
    history = getattr(entry, "history", None)
    if history is None:
        return None
    return history.select_related("history_user").order_by("-history_date", "-history_id").first()

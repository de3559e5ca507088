"""Pieces shared by the models of every app."""

from concurrency.fields import AutoIncVersionField
from django.db import models


class SlugQuerySet(models.QuerySet):
    """A queryset for models whose natural key is their slug."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


def choices_constraint(field, choices, name):
    """A check constraint that keeps ``field`` to the values of ``choices``.

    ``choices`` alone is only checked by forms; fixtures go around forms.
    """
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": choices.values}), name=name)


def aliases_list(text):
    """The aliases field holds one alias per line; this gives them as a list."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def version_field():
    """The version an edit starts from: every save adds one, and a save made from an
    older version is refused as a conflict (see dprk_kb.editing)."""
    return AutoIncVersionField(
        help_text="Counts the saves of this entry; an edit made from an older version is refused as a conflict."
    )

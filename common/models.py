"""Pieces shared by the models of every app."""

from concurrency.fields import AutoIncVersionField
from django.db import models

from common.dates import MAX_YEAR, MIN_YEAR


class SlugQuerySet(models.QuerySet):
    """A queryset for models whose natural key is their slug."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


def related_model(model, field_name):
    """The model at the other end of ``model.field_name``.

    How an app reaches a model of an app that builds on it (events filtering by
    equipment) without importing that app: through the relation itself.
    """
    return model._meta.get_field(field_name).related_model


def choices_constraint(field, choices, name):
    """A check constraint that keeps ``field`` to the values of ``choices``.

    ``choices`` alone is only checked by forms; fixtures go around forms.
    """
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": choices.values}), name=name)


def exceeds_max_length(model, field_name, value):
    """Whether ``value`` is longer than ``model.field_name`` can hold, so that no row can
    match it: such a value is refused before the database is asked (SQLite even fails on
    a LIKE pattern over 50,000 characters)."""
    max_length = model._meta.get_field(field_name).max_length
    return max_length is not None and len(value) > max_length


def year_constraint(field, name):
    """A check constraint that keeps a year column, when filled, in the site's range of years."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__gte": MIN_YEAR, f"{field}__lte": MAX_YEAR}),
        name=name,
    )


def aliases_list(text):
    """The aliases field holds one alias per line; this gives them as a list."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def version_field():
    """The version an edit starts from: every save adds one, and a save made from an
    older version is refused as a conflict (see common.editing)."""
    return AutoIncVersionField(
        help_text="Counts the saves of this entry; an edit made from an older version is refused as a conflict."
    )


class DataStamp(models.Model):
    """The one row of the data's stamp on SQLite, renewed by triggers (see common.stamps)."""

    stamp = models.CharField(max_length=32)

    class Meta:
        db_table = "common_datastamp"

    def __str__(self):
        return self.stamp

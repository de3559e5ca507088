"""Facet counts beside a list's filters, as Datasette shows them: for each choice of a
filter, how many rows it would give together with the *other* filters.

A facet is one of the FilterSet's own filters, named in its ``facets``: its label, its
empty label and its choices (a ChoicesFilter's choices, a SlugFilter's queryset) are the
filter's, and the FilterSet counts each facet with a ``count_<name>(queryset)`` method
beside the filter's own method, giving (choice, number of rows) pairs: the choice's key
(an entry, its primary key, or a ChoiceFilter's value), and the number or a function that counts it
with a query of its own (so that one slow choice does not stop the others). The counts
then label the options of the form's selects, which the page renders as it renders any
form.

Like Datasette's ``facet_time_limit_ms``, a count that runs over
``settings.FACET_TIME_LIMIT_MS``, or past the page's ``FACET_TIME_BUDGET_MS`` for all
counts, is given up: the facet then lists its first choices without counts, and the page
says so. Each facet costs the same number of queries whatever the number of rows: its
count, and one query for the names of the choices counted.

Each facet is kept in the cache (Redis shared by the app servers, see settings.CACHES)
under the data's stamp (common.stamps) and the other filters asked for, so the same
filters on the same data are counted once: a page then reads the stamp (one query)
instead of counting and naming. Any change to the data gives a new stamp, so a count is
never shown after an edit it does not include. A facet left out for time is kept for
``settings.CACHE_RETRY_SECONDS`` only, then counted again.
"""

from dataclasses import dataclass

import django_filters
from django.conf import settings
from django.db import models, router

from common.filters import given
from common.stamps import recalled, remember, request_stamp
from common.timeouts import query_time_limit

TOP_CHOICES = 30


def _key_value(value):
    """A filter's cleaned value as it names the rows: entries by their primary key."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | models.QuerySet):
        return sorted(str(_key_value(item)) for item in value)
    return str(value)


@dataclass
class Option:
    value: str
    label: str
    count: int | None
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    empty_label: str
    options: list
    counted: bool = True


class FacetsMixin:
    """A FilterSet whose filters named in ``facets`` show how many rows each choice gives."""

    facets = ()

    def facet_counts(self):
        """The facets of a valid (or unbound) FilterSet, their options on the form's selects.

        Each facet is kept on its own, under the data's stamp and the *other* filters, which
        are all its counts depend on: choosing an actor leaves the actors' counts as they
        were, and a facet given up for time is counted again next time, the others not.
        """
        active = self._active()
        alias = router.db_for_read(self.queryset.model)
        stamp = request_stamp(self.request, alias)
        keys = {
            name: (
                f"facet:{type(self).__module__}.{type(self).__qualname__}:{name}",
                sorted((other, _key_value(value)) for other, value in active.items() if other != name),
            )
            for name in self.facets
        }
        choices = {name: recalled(stamp, *keys[name]) for name in self.facets}
        missing = [name for name in self.facets if choices[name] is None]
        if missing:  # (a page whose facets are all kept sets no time limit)
            with query_time_limit(settings.FACET_TIME_LIMIT_MS, settings.FACET_TIME_BUDGET_MS, alias) as limit:
                for name in missing:
                    choices[name] = self._counted_choices(name, active, limit)
                    # Left out for time, it is tried again after a while, not on every page.
                    retry = None if choices[name][1] else settings.CACHE_RETRY_SECONDS
                    remember(stamp, *keys[name], choices[name], retry)
        return self._show([self._facet(name, *choices[name], active) for name in self.facets])

    def facet_names_only(self):
        """The facets' first choices without counts, for a form with errors."""
        active = self._active()
        return self._show([self._facet(name, self._choices(name, None), False, active) for name in self.facets])

    def _counted_choices(self, name, active, limit):
        """(the facet's first choices with their counts, whether all were counted in time)."""
        rows = limit.run(lambda: list(getattr(self, f"count_{name}")(self._without(name, active))))
        counts = None if rows is None else {key: limit.run(n) if callable(n) else n for key, n in rows}
        return self._choices(name, counts), counts is not None and None not in counts.values()

    def _show(self, facets):
        for facet in facets:
            self.form.fields[facet.name].widget.choices = [("", facet.empty_label)] + [
                (o.value, o.label if o.count is None else f"{o.label} ({o.count:,})") for o in facet.options
            ]
        return facets

    def _active(self):
        cleaned = getattr(self.form, "cleaned_data", None) if self.is_bound else {}
        return {name: value for name, value in (cleaned or {}).items() if given(value)}

    def _without(self, skip, active):
        """The rows every valid filter but ``skip`` keeps."""
        queryset = self.queryset
        for name, value in active.items():
            if name != skip:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def _choices(self, name, counts):
        """[(value, label, count)]: the facet's choices that give rows, most first (or in
        their own order), or, when not counted (``counts`` None), its first choices."""
        filter_ = self.filters[name]
        if not isinstance(filter_, django_filters.ModelMultipleChoiceFilter):  # a choice
            labels = [(value, label) for value, label in self.form.fields[name].choices if value != ""]
            return [(value, label, None if counts is None else counts.get(value, 0)) for value, label in labels]
        entries = filter_.get_queryset(self.request)
        label = filter_.choice_label
        if counts is None:
            return [(e.slug, label(e), None) for e in entries[: TOP_CHOICES * 3]]
        if all(hasattr(key, "pk") for key in counts):
            # Counted entry by entry (eras): named already, and shown in their order.
            return [(e.slug, label(e), n) for e, n in counts.items() if n != 0]
        top = sorted((k for k in counts if counts[k] != 0), key=lambda k: -(counts[k] or 0))[:TOP_CHOICES]
        # At least one key, so that the query runs even when nothing is counted: the same
        # number of queries for every page.
        named = entries.filter(pk__in=top or [0])
        return sorted(((e.slug, label(e), counts[e.pk]) for e in named), key=lambda r: (-(r[2] or 0), r[1].lower()))

    def _facet(self, name, rows, counted, active):
        """The facet shown: its choices, and those asked for (a repeated parameter: any)."""
        filter_ = self.filters[name]
        chosen = list(active.get(name) or [])
        if not isinstance(filter_, django_filters.ModelMultipleChoiceFilter):  # a choice
            chosen_values = chosen
            if counted:
                rows = [row for row in rows if row[2] != 0 or row[0] in chosen]
        else:
            chosen_values = [entry.slug for entry in chosen]
            shown = {row[0] for row in rows}
            rows = [
                *(
                    (entry.slug, filter_.choice_label(entry), 0 if counted else None)
                    for entry in chosen
                    if entry.slug not in shown
                ),
                *rows,
            ]
        options = [Option(value, text, count, value in chosen_values) for value, text, count in rows]
        empty_label = getattr(filter_, "empty_label", None) or filter_.extra.get("empty_label") or "Any"
        return Facet(name, str(filter_.label), empty_label, options, counted)

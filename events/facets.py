"""Facet counts for the timeline, as Datasette shows them: beside each filter, how many
of the events matching the *other* filters each choice would give.

Each facet costs a fixed number of queries whatever the number of events: the era and
kind facets one each, the others two (the most frequent choices, then their names). Like
Datasette's ``facet_time_limit_ms``, a count that runs over ``FACET_TIME_LIMIT_MS``, or
past the page's ``FACET_TIME_BUDGET_MS`` for all counts, is given up: the facet then
lists its choices without counts and the page says so.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count

from common.timeouts import query_time_limit
from events.models import Actor, Event, EventKind, Place

FACET_TIME_LIMIT_MS = 40  # for one count
FACET_TIME_BUDGET_MS = 120  # for all the counts of a page
TOP_CHOICES = 30


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


def _active(filterset, skip):
    return {
        name: value for name, value in filterset.form.cleaned_data.items() if name != skip and value not in (None, "")
    }


def _without(filterset, skip):
    """The filterset's queryset narrowed by every valid filter except ``skip``."""
    queryset = filterset.queryset
    for name, value in _active(filterset, skip).items():
        queryset = filterset.filters[name].filter(queryset, value)
    return queryset


def _selected(filterset, name):
    """(value, label) of the choice the reader made for ``name``, or ("", "")."""
    value = filterset.form.cleaned_data.get(name)
    if value in (None, ""):
        return "", ""
    if hasattr(value, "slug"):
        return value.slug, str(value)
    return value, dict(EventKind.choices).get(value, value)


def _options(rows, selected):
    """Options from (value, label, count) rows, keeping the selected one even at zero."""
    value, label = selected
    options = [Option(v, text, count, v == value) for v, text, count in rows if count != 0]
    if value and not any(o.selected for o in options):
        options.insert(0, Option(value, label, 0, True))
    return options


def event_facets(filterset, eras):
    """The timeline's facets for a valid, bound or unbound, EventFilter, over ``eras``."""
    if not filterset.is_bound:
        filterset.form.cleaned_data = {}
    Citation = apps.get_model("sources.Citation")
    related = [
        ("actor", "Actor", Actor, "name", lambda events: _through(Event.actors.through, "actor", events)),
        (
            "equipment",
            "Equipment",
            apps.get_model("equipment.Equipment"),
            "name",
            lambda events: _through(Event.equipment.through, "equipment", events),
        ),
        ("place", "Place", Place, "name", _places),
        ("source", "Source", apps.get_model("sources.Source"), "title", lambda events: _sources(Citation, events)),
    ]

    # First the counts, each of which may give up; only they run under the time limit.
    with query_time_limit(FACET_TIME_LIMIT_MS, FACET_TIME_BUDGET_MS) as limit:
        # One count per era, each under its own limit: a slow era does not stop the others.
        by_era = _without(filterset, "era")
        era_counts = {era: limit.run(lambda era=era: by_era.in_era(era).count()) for era in eras}
        kind_counts = limit.run(
            lambda: dict(_without(filterset, "kind").order_by().values_list("kind").annotate(n=Count("*")))
        )
        related_counts = []
        for name, *_, rows_of in related:
            events = _without(filterset, name) if _active(filterset, name) else None
            related_counts.append(limit.run(lambda rows_of=rows_of, events=events: list(rows_of(events))))

    # Then the facets, with the names of the counted choices.
    rows = [(era.slug, f"{era.name} ({era.years_display})", era_counts[era]) for era in eras]
    counted = None not in era_counts.values()
    facets = [Facet("era", "Era", "Any era", _options(rows, _selected(filterset, "era")), counted)]
    rows = [
        (value, label, kind_counts.get(value, 0) if kind_counts is not None else None)
        for value, label in EventKind.choices
    ]
    facets.append(
        Facet("kind", "Kind", "Any kind", _options(rows, _selected(filterset, "kind")), kind_counts is not None)
    )
    for (name, label, model, label_field, _rows_of), counts in zip(related, related_counts, strict=True):
        facets.append(_related_facet(filterset, name, label, model, label_field, counts))
    return facets


def _through(through, related, events):
    """(related id, number of events) for the most frequent choices of a many-to-many."""
    rows = through.objects.all() if events is None else through.objects.filter(event__in=events.values("pk"))
    return rows.values_list(f"{related}_id").annotate(n=Count("*")).order_by("-n", f"{related}_id")[:TOP_CHOICES]


def _places(events):
    """(place id, number of events) for the most frequent places."""
    events = Event.objects.all() if events is None else events
    return (
        events.exclude(place=None)
        .order_by()
        .values_list("place_id")
        .annotate(n=Count("*"))
        .order_by("-n")[:TOP_CHOICES]
    )


def _sources(citation_model, events):
    rows = citation_model.objects.filter(event__isnull=False)
    if events is not None:
        rows = rows.filter(event__in=events.values("pk"))
    return (
        rows.order_by()
        .values_list("source_id")
        .annotate(n=Count("event_id", distinct=True))
        .order_by("-n", "source_id")[:TOP_CHOICES]
    )


def _related_facet(filterset, name, label, model, label_field, counts):
    """A facet's options: the counted choices by frequency, or, when the count gave up,
    the first choices alphabetically without counts. One query for the names either way."""
    selected = _selected(filterset, name)
    if counts is not None:
        by_id = dict(counts)
        # (At least one id, so the query runs even when nothing is counted: the same
        # number of queries for every page.)
        named = model.objects.filter(pk__in=list(by_id) or [0]).values_list("pk", "slug", label_field)
        rows = sorted(((slug, text, by_id[pk]) for pk, slug, text in named), key=lambda r: (-r[2], r[1].lower()))
    else:
        named = model.objects.order_by(label_field).values_list("slug", label_field)[: TOP_CHOICES * 3]
        rows = [(slug, text, None) for slug, text in named]
    return Facet(name, label, f"Any {name}", _options(rows, selected), counts is not None)

"""Facet counts for the timeline, as Datasette shows them: beside each filter, how many
of the events matching the *other* filters each choice would give.

One query per facet, whatever the number of events.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count

from events.models import Event, EventKind


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    empty_label: str
    options: list


def _without(filterset, skip):
    """The filterset's queryset narrowed by every valid filter except ``skip``."""
    queryset = filterset.queryset
    for name, value in filterset.form.cleaned_data.items():
        if name != skip and value not in (None, ""):
            queryset = filterset.filters[name].filter(queryset, value)
    return queryset


def _options(rows, selected):
    """Options from (value, label, count) rows, keeping the selected one even at zero."""
    options = [Option(value, label, count, value == selected) for value, label, count in rows if count]
    if selected and not any(o.selected for o in options):
        options.insert(0, Option(selected, selected, 0, True))
    return options


def _selected(filterset, name):
    value = filterset.form.cleaned_data.get(name)
    return getattr(value, "slug", value) or ""


def event_facets(filterset, eras):
    """The timeline's facets for a valid, bound or unbound, EventFilter, over ``eras``."""
    if not filterset.is_bound:
        filterset.form.cleaned_data = {}
    Citation = apps.get_model("sources.Citation")
    facets = []

    counts = _without(filterset, "era").count_by_era(eras)
    rows = [(era.slug, f"{era.name} ({era.years_display})", count) for era, count in counts.items()]
    facets.append(Facet("era", "Era", "Any era", _options(rows, _selected(filterset, "era"))))

    by_kind = dict(_without(filterset, "kind").order_by().values_list("kind").annotate(n=Count("pk")))
    rows = [(value, label, by_kind.get(value, 0)) for value, label in EventKind.choices]
    facets.append(Facet("kind", "Kind", "Any kind", _options(rows, _selected(filterset, "kind"))))

    for name, label, through, related in [
        ("actor", "Actor", Event.actors.through, "actor"),
        ("equipment", "Equipment", Event.equipment.through, "equipment"),
    ]:
        rows = (
            through.objects.filter(event__in=_without(filterset, name).values("pk"))
            .values_list(f"{related}__slug", f"{related}__name")
            .annotate(n=Count("event_id"))
            .order_by(f"{related}__name")
        )
        facets.append(Facet(name, label, f"Any {name}", _options(rows, _selected(filterset, name))))

    rows = (
        _without(filterset, "place")
        .exclude(place=None)
        .values_list("place__slug", "place__name")
        .annotate(n=Count("pk"))
        .order_by("place__name")
    )
    facets.append(Facet("place", "Place", "Any place", _options(rows, _selected(filterset, "place"))))

    rows = (
        Citation.objects.filter(event__in=_without(filterset, "source").values("pk"))
        .values_list("source__slug", "source__title")
        .annotate(n=Count("event_id", distinct=True))
        .order_by("source__title")
    )
    facets.append(Facet("source", "Source", "Any source", _options(rows, _selected(filterset, "source"))))
    return facets

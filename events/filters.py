"""The timeline's, the actors' and the places' filters, shared by the pages and their exports."""

import datetime
from functools import cached_property

import django_filters
from django.db.models import Count

from common.facets import TOP_CHOICES, FacetsMixin
from common.filters import (
    ChoicesFilter,
    SearchFilter,
    ShortChoicesMixin,
    SlugFilter,
    SortFilter,
    YearFilter,
    YearRangeForm,
)
from common.folding import NameFold
from common.models import related_model
from events.models import Actor, ActorKind, Era, Event, EventKind, Place
from events.models.events import CHRONOLOGICAL
from sources.models import Citation, Source


def era_label(era):
    return f"{era.name} ({era.years_display})"


class EventFilter(FacetsMixin, django_filters.FilterSet):
    q = SearchFilter(help_text="Words in the title or summary.")
    era = SlugFilter(
        queryset=Era.objects.all(), method="filter_era", label="Era", empty_label="Any era", choice_label=era_label
    )
    year_from = YearFilter(method="filter_year_from", label="From year")
    year_to = YearFilter(method="filter_year_to", label="To year")
    kind = ChoicesFilter(choices=EventKind.choices, empty_label="Any kind")
    actor = SlugFilter(queryset=Actor.objects.all(), method="filter_actor", label="Actor", empty_label="Any actor")
    equipment = SlugFilter(
        queryset=lambda request: related_model(Event, "equipment").objects.all(),
        method="filter_equipment",
        label="Equipment",
        empty_label="Any equipment",
    )
    source = SlugFilter(
        queryset=Source.objects.defer("text"), method="filter_source", label="Source", empty_label="Any source"
    )
    place = SlugFilter(queryset=Place.objects.all(), method="filter_place", label="Place", empty_label="Any place")
    sort = SortFilter(
        {
            "date": ("date", CHRONOLOGICAL),
            "-date": ("date, latest first", tuple(f"-{name}" for name in CHRONOLOGICAL)),
            "title": ("title", (NameFold("title").asc(), "slug")),
        }
    )

    # Each facet is counted by its count_<name> below, beside the filter it counts for.
    facets = ("era", "kind", "actor", "equipment", "source", "place")

    class Meta:
        model = Event
        fields = ["q", "era", "year_from", "year_to", "kind", "actor", "equipment", "source", "place", "sort"]
        form = YearRangeForm

    def filter_era(self, queryset, name, eras):
        return queryset.in_eras(eras)

    @cached_property
    def eras(self):
        """Every era in order, read once for the facet, the page's headings and its chart."""
        return list(Era.objects.order_by("start"))

    @property
    def asked(self):
        """What a valid filter asks for, by parameter; nothing when unbound or invalid."""
        return self.form.cleaned_data if self.is_bound and self.is_valid() else {}

    @property
    def eras_asked(self):
        """The eras the filter asks for, in order (none: every era)."""
        return sorted(self.asked.get("era") or [], key=lambda era: era.start)

    @property
    def in_time_order(self):
        """Whether the events are listed in order of time (by date, either way)."""
        return self.asked.get("sort") in (None, "", "date", "-date")

    def count_era(self, events):
        return events.count_by_era(self.eras)

    # Years keep the events whose period overlaps them, as eras do: "1950–1953" is in 1952.
    def filter_year_from(self, queryset, name, year):
        return queryset.overlapping(first_day=datetime.date(int(year), 1, 1))

    def filter_year_to(self, queryset, name, year):
        return queryset.overlapping(last_day=datetime.date(int(year), 12, 31))

    def count_kind(self, events):
        return events.order_by().values_list("kind").annotate(n=Count("*"))

    # Linked entries filter through their link table's index (pk IN the events linked to
    # them), so that a rare actor is found from its few links, not by testing every event.
    def filter_actor(self, queryset, name, actors):
        return queryset.filter(pk__in=Event.actors.through.objects.filter(actor__in=actors).values("event_id"))

    def count_actor(self, events):
        return _most_linked(Event.actors.through, "actor", events)

    def filter_equipment(self, queryset, name, equipment):
        return queryset.filter(
            pk__in=Event.equipment.through.objects.filter(equipment__in=equipment).values("event_id")
        )

    def count_equipment(self, events):
        return _most_linked(Event.equipment.through, "equipment", events)

    def filter_source(self, queryset, name, sources):
        return queryset.filter(pk__in=Citation.objects.filter(source__in=sources).values("event_id"))

    def count_source(self, events):
        citations = _of_events(Citation.objects.filter(event__isnull=False), events)
        return citations.order_by().values_list("source_id").annotate(n=Count("event_id", distinct=True))

    def filter_place(self, queryset, name, places):
        return queryset.at_place(places)

    def count_place(self, events):
        return events.count_by_place()


def _most_linked(through, related, events):
    """(related id, number of these events linked to it), most linked first."""
    rows = _of_events(through.objects.all(), events).values_list(f"{related}_id")
    return rows.annotate(n=Count("*")).order_by("-n", f"{related}_id")[:TOP_CHOICES]


def _of_events(rows, events):
    """The ``rows`` (links, citations) of ``events``; all of them when no filter narrows the events."""
    return rows.filter(event__in=events.values("pk")) if events.query.has_filters() else rows


class ActorFilter(django_filters.FilterSet):
    q = SearchFilter(help_text="Words in the name, aliases or summary.")
    kind = ChoicesFilter(choices=ActorKind.choices, empty_label="Any kind")

    class Meta:
        model = Actor
        fields = ["q", "kind"]


class PlaceFilter(ShortChoicesMixin, django_filters.FilterSet):
    q = SearchFilter(help_text="Words in the name, aliases or summary.")
    country = SlugFilter(queryset=Actor.objects.filter(kind=ActorKind.STATE), empty_label="Any country")

    short_choices = {
        "country": lambda: Actor.objects.filter(kind=ActorKind.STATE, places__isnull=False).distinct().order_by("name"),
    }

    class Meta:
        model = Place
        fields = ["q", "country"]

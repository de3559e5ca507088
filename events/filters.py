"""The timeline's, the actors' and the places' filters, shared by the pages and their exports."""

import datetime

import django_filters
from django import forms
from django.apps import apps
from django.db.models import Exists, OuterRef, Q

from common.filters import SearchFilter, ShortChoicesMixin, SlugFilter, YearFilter
from events.models import Actor, ActorKind, Era, Event, EventKind, Place


class YearRangeForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("year_from"), cleaned.get("year_to")
        if start and end and start > end:
            raise forms.ValidationError("“From year” is after “to year”.")
        return cleaned


def _model(label):
    return lambda request: apps.get_model(label).objects.all()


class EventFilter(django_filters.FilterSet):
    q = SearchFilter(help_text="Words in the title or summary.")
    era = SlugFilter(queryset=Era.objects.all(), method="filter_era", empty_label="Any era")
    year_from = YearFilter(method="filter_year_from", label="From year")
    year_to = YearFilter(method="filter_year_to", label="To year")
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, empty_label="Any kind")
    actor = SlugFilter(queryset=Actor.objects.all(), method="filter_actor", empty_label="Any actor")
    equipment = SlugFilter(
        queryset=_model("equipment.Equipment"), method="filter_equipment", empty_label="Any equipment"
    )
    source = SlugFilter(queryset=_model("sources.Source"), method="filter_source", empty_label="Any source")
    place = SlugFilter(queryset=Place.objects.all(), method="filter_place", empty_label="Any place")

    class Meta:
        model = Event
        fields = ["q", "era", "year_from", "year_to", "kind", "actor", "equipment", "source", "place"]
        form = YearRangeForm

    def filter_era(self, queryset, name, era):
        return queryset.in_era(era)

    def filter_year_from(self, queryset, name, year):
        return queryset.starting_between(first_day=datetime.date(int(year), 1, 1))

    def filter_year_to(self, queryset, name, year):
        return queryset.starting_between(last_day=datetime.date(int(year), 12, 31))

    def filter_actor(self, queryset, name, actor):
        through = Event.actors.through.objects.filter(event=OuterRef("pk"), actor=actor)
        return queryset.filter(Exists(through))

    def filter_equipment(self, queryset, name, equipment):
        through = Event.equipment.through.objects.filter(event=OuterRef("pk"), equipment=equipment)
        return queryset.filter(Exists(through))

    def filter_source(self, queryset, name, source):
        citations = apps.get_model("sources.Citation").objects.filter(event=OuterRef("pk"), source=source)
        return queryset.filter(Exists(citations))

    def filter_place(self, queryset, name, place):
        return queryset.filter(Q(place=place) | Q(place__parent=place))


class ActorFilter(django_filters.FilterSet):
    q = SearchFilter(help_text="Words in the name, aliases or summary.")
    kind = django_filters.ChoiceFilter(choices=ActorKind.choices, empty_label="Any kind")

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

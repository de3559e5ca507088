"""Eras, places, actors and the dated events of the timeline."""

import bisect

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.urls import reverse
from simple_history.models import HistoricalRecords

from common.dates import (
    FIRST_DECADE_START,
    DatePart,
    DatePrecision,
    format_date,
    format_date_range,
    overlaps_q,
    period_start,
)
from common.folding import SEARCH_COLUMNS, folded_column
from common.models import SlugQuerySet, aliases_list, choices_constraint, related_model, version_field
from sources.models import cited_sources_prefetch


def partial_date_constraints(prefix, date_field, precision_field):
    """Constraints that keep a partial date stored as the first day of its period
    (``dates.period_start``): a decade starts in a year ending in 0, or on 1 January of
    year 1 for the 0s, which have no year 0."""
    return [
        models.CheckConstraint(
            condition=Q(**{precision_field: DatePrecision.DAY})
            | Q(**{f"{date_field}__isnull": True})
            | Q(Exact(DatePart("day", date_field), 1)),
            name=f"{prefix}_{date_field}_first_day_of_period",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{precision_field}__in": [DatePrecision.DAY, DatePrecision.MONTH]})
            | Q(**{f"{date_field}__isnull": True})
            | Q(Exact(DatePart("month", date_field), 1)),
            name=f"{prefix}_{date_field}_first_month_of_period",
        ),
        models.CheckConstraint(
            condition=~Q(**{precision_field: DatePrecision.DECADE})
            | Q(**{f"{date_field}__isnull": True})
            | Q(Exact(DatePart("year", date_field) % 10, 0))
            | Q(**{date_field: FIRST_DECADE_START}),
            name=f"{prefix}_{date_field}_first_year_of_decade",
        ),
    ]


def clean_partial_date(value, precision, label):
    if value is not None and period_start(value, precision) != value:
        raise ValidationError(
            f"{label}: a date of {precision} precision is stored as the first day of its "
            f"{precision} ({period_start(value, precision).isoformat()})."
        )


class EraQuerySet(SlugQuerySet):
    def locator(self, eras=None):
        """A function that names the era containing a date, from one query (or from ``eras``)."""
        eras = sorted(eras, key=lambda era: era.start) if eras is not None else list(self.order_by("start"))
        starts = [era.start for era in eras]

        def era_for(value):
            if value is None:
                return None
            index = bisect.bisect_right(starts, value) - 1
            if index < 0:
                return None
            era = eras[index]
            return era if era.end is None or value <= era.end else None

        return era_for


class Era(models.Model):
    """A named period of history; events belong to the era in which they start."""

    name = models.CharField(max_length=100, help_text="The era's name, e.g. “Korean War”.")
    slug = models.SlugField(max_length=100, help_text="Short name used in the timeline's era filter; never changed.")
    start = models.DateField(help_text="First day of the era.")
    end = models.DateField(null=True, blank=True, help_text="Last day of the era; empty while it lasts.")
    summary = models.TextField(blank=True, help_text="What marks the era and where its bounds come from.")

    # The order of the entries in its fixture file (dprk_kb.fixtures).
    fixture_order = ["start", "slug"]
    version = version_field()
    history = HistoricalRecords()
    objects = EraQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="era_slug_unique"),
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="era_end_after_start"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:timeline") + f"?era={self.slug}"

    def natural_key(self):
        return (self.slug,)

    @property
    def years_display(self):
        return f"{self.start.year}\u2013{self.end.year if self.end else 'present'}"


class PlaceQuerySet(SlugQuerySet):
    def for_list(self):
        """What the places list shows of each place, in its order."""
        # A subquery, not a join: the paginator's count leaves it out.
        events = Event.objects.filter(place=OuterRef("pk")).order_by().values("place").annotate(n=Count("*"))
        return (
            self.order_by("name", "slug")
            .select_related("parent", "country")
            .annotate(event_count=Coalesce(Subquery(events.values("n")), 0))
        )


class Place(models.Model):
    """Where events happened: a city, a region, a battlefield, a country."""

    name = models.CharField(max_length=200, help_text="The place's name as readers know it, e.g. “Kusong”.")
    slug = models.SlugField(max_length=100, help_text="Short name used in its address and in exports; never changed.")
    aliases = models.TextField(blank=True, help_text="Other names and romanizations, one per line.")
    country = models.ForeignKey(
        "Actor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="places",
        limit_choices_to={"kind": "state"},
        help_text="The state the place lies in, when the source says.",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The larger place this one lies in (a city in its province).",
    )
    latitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        help_text="Degrees north (negative: south), only as a cited source or gazetteer gives it.",
    )
    longitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        help_text="Degrees east (negative: west), with the latitude; both or neither.",
    )
    summary = models.TextField(
        blank=True, help_text="What the place is and why it matters here, in the editor's words."
    )

    # Folded copies of the searched text, kept by the database (see common.folding).
    search_name = folded_column("name", "aliases")
    search_text = folded_column("summary")

    list_route = "events:place-list"  # the public list of these entries
    # The order of the entries in its fixture file (dprk_kb.fixtures).
    fixture_order = ["slug"]
    version = version_field()
    history = HistoricalRecords(excluded_fields=SEARCH_COLUMNS)
    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="place_slug_unique"),
            models.CheckConstraint(condition=~Q(name=""), name="place_name_not_empty"),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="place_not_own_parent"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="place_coordinates_both_or_neither",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:place-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def alias_list(self):
        return aliases_list(self.aliases)


class ActorQuerySet(SlugQuerySet):
    def for_list(self):
        """What the actors list shows of each actor, in its order."""
        # A subquery, not a join: the paginator's count leaves it out.
        events = Event.actors.through.objects.filter(actor=OuterRef("pk")).values("actor").annotate(n=Count("*"))
        return (
            self.order_by("name", "slug")
            .select_related("parent", "country")
            .annotate(event_count=Coalesce(Subquery(events.values("n")), 0))
        )


class ActorKind(models.TextChoices):
    PERSON = "person", "person"
    STATE = "state", "state"
    ARMED_FORCE = "armed_force", "armed force or service"
    UNIT = "unit", "military unit"
    PARTY = "party", "party or faction"
    MILITIA = "militia", "militia or guerrilla group"
    FACTORY = "factory", "factory or plant"
    AGENCY = "agency", "government agency"
    ORGANIZATION = "organization", "organization"
    MEDIA = "media", "news outlet"


class Actor(models.Model):
    """A person, state, armed force, unit, party, factory or other organization."""

    name = models.CharField(
        max_length=200, help_text="The name readers know, e.g. “Kim Il-sung” or “105th Tank Brigade”."
    )
    slug = models.SlugField(max_length=100, help_text="Short name used in its address and in exports; never changed.")
    aliases = models.TextField(blank=True, help_text="Other names, spellings and romanizations, one per line.")
    kind = models.CharField(
        max_length=20, choices=ActorKind.choices, help_text="What sort of actor: a person, a state, a unit…"
    )
    start = models.DateField(
        null=True, blank=True, help_text="Born or founded: first day of its period when only partly known."
    )
    end = models.DateField(null=True, blank=True, help_text="Died or dissolved.")
    date_precision = models.CharField(
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.YEAR,
        help_text="How exactly the sources give the start and end: to the day, month, year or decade.",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The unit or organization this one belongs to.",
    )
    country = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        limit_choices_to={"kind": "state"},
        help_text="The state the actor belongs to.",
    )
    summary = models.TextField(
        blank=True, help_text="Who or what it is, in the editor's words, faithful to the sources."
    )

    # Folded copies of the searched text, kept by the database (see common.folding).
    search_name = folded_column("name", "aliases")
    search_text = folded_column("summary")

    list_route = "events:actor-list"  # the public list of these entries
    # The order of the entries in its fixture file (dprk_kb.fixtures).
    fixture_order = ["slug"]
    version = version_field()
    history = HistoricalRecords(excluded_fields=SEARCH_COLUMNS)
    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="actor_slug_unique"),
            models.CheckConstraint(condition=~Q(name=""), name="actor_name_not_empty"),
            choices_constraint("kind", ActorKind, "actor_kind_valid"),
            choices_constraint("date_precision", DatePrecision, "actor_date_precision_valid"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="actor_end_after_start",
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="actor_not_own_parent"),
            *partial_date_constraints("actor", "start", "date_precision"),
            *partial_date_constraints("actor", "end", "date_precision"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:actor-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        clean_partial_date(self.start, self.date_precision, "Start")
        clean_partial_date(self.end, self.date_precision, "End")

    @property
    def alias_list(self):
        return aliases_list(self.aliases)

    @property
    def start_display(self):
        return format_date(self.start, self.date_precision)

    @property
    def end_display(self):
        return format_date(self.end, self.date_precision)


class EventQuerySet(SlugQuerySet):
    def chronological(self):
        return self.order_by("date_start", "slug")

    def for_list(self):
        """What the timeline and its export show for each event, in a fixed number of queries."""
        return (
            self.chronological()
            .select_related("place")
            .prefetch_related(
                models.Prefetch("actors", queryset=Actor.objects.only("name", "slug").order_by("name")),
                models.Prefetch(
                    "equipment",
                    queryset=related_model(Event, "equipment").objects.only("name", "slug").order_by("name"),
                ),
                cited_sources_prefetch("event"),
            )
        )

    def starting_between(self, first_day=None, last_day=None):
        """Events whose start, at its precision, may fall within the bounds."""
        return self.filter(overlaps_q("date_start", "date_precision", first_day, last_day))

    def in_era(self, era):
        return self.starting_between(era.start, era.end)

    def count_by_era(self, eras):
        """{era: number of these events in it}: one indexed count per era."""
        return {era: self.in_era(era).count() for era in eras}

    # An event is at a place when it happened there or in a place within it (a city of a
    # province): the filter by place and its facet count both follow these lookups.
    PLACE_LOOKUPS = ("place", "place__parent")

    def at_place(self, place):
        """Events at ``place`` or at a place within it."""
        return self.filter(Q.create([(lookup, place) for lookup in self.PLACE_LOOKUPS], connector=Q.OR))

    def count_by_place(self):
        """(place id, number of these events at it) for every place: one grouped query."""
        columns = [f"{lookup}_id" for lookup in self.PLACE_LOOKUPS]
        counts = {}
        for *places, n in self.order_by().values_list(*columns).annotate(n=models.Count("pk")):
            for place in places:
                if place is not None:
                    counts[place] = counts.get(place, 0) + n
        return counts.items()


class EventKind(models.TextChoices):
    POLITICAL = "political", "political"
    TREATY = "treaty", "treaty or agreement"
    FOUNDING = "founding", "founding or reorganization"
    BATTLE = "battle", "battle"
    OPERATION = "operation", "operation or offensive"
    INCIDENT = "incident", "incident or raid"
    DEPLOYMENT = "deployment", "deployment"
    TRANSFER = "transfer", "transfer or delivery"
    PRODUCTION = "production", "production"
    SIGHTING = "sighting", "parade or first sighting"
    LOSSES = "losses", "losses and casualties"
    OTHER = "other", "other"


class Event(models.Model):
    """Something that happened, on a date known to a day, a month, a year or a decade."""

    title = models.CharField(max_length=300, help_text="What happened, in a few words, e.g. “The Korean War begins”.")
    slug = models.SlugField(max_length=120, help_text="Short name used in its address and in exports; never changed.")
    date_start = models.DateField(
        help_text="When it began: the first day of its month, year or decade when only that is known."
    )
    date_end = models.DateField(
        null=True, blank=True, help_text="When it ended, at the same precision; empty for a single date."
    )
    date_precision = models.CharField(
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text='How exactly the source dates it: "the early days of October" is month precision.',
    )
    circa = models.BooleanField(default=False, help_text='The source says "about", "late", "early"...')
    kind = models.CharField(
        max_length=20, choices=EventKind.choices, help_text="What sort of event: a battle, a transfer…"
    )
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text="Where it happened, as exactly as the sources say (a country when that is all).",
    )
    summary = models.TextField(blank=True, help_text="What happened, in the editor's words, faithful to the sources.")
    actors = models.ManyToManyField(
        Actor, blank=True, related_name="events", help_text="Who took part: the states, forces, units and people named."
    )
    equipment = models.ManyToManyField(
        "equipment.Equipment", blank=True, related_name="events", help_text="The equipment the sources name in it."
    )

    # Folded copies of the searched text, kept by the database (see common.folding).
    search_name = folded_column("title")
    search_text = folded_column("summary")

    list_route = "events:timeline"  # the public list of these entries
    # The order of the entries in its fixture file (dprk_kb.fixtures).
    fixture_order = ["date_start", "slug"]
    version = version_field()
    history = HistoricalRecords(excluded_fields=SEARCH_COLUMNS, m2m_fields=[actors, equipment])
    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date_start", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="event_slug_unique"),
            models.CheckConstraint(condition=~Q(title=""), name="event_title_not_empty"),
            choices_constraint("kind", EventKind, "event_kind_valid"),
            choices_constraint("date_precision", DatePrecision, "event_date_precision_valid"),
            models.CheckConstraint(
                condition=Q(date_end__isnull=True) | Q(date_end__gte=F("date_start")),
                name="event_end_after_start",
            ),
            *partial_date_constraints("event", "date_start", "date_precision"),
            *partial_date_constraints("event", "date_end", "date_precision"),
        ]
        indexes = [
            # The timeline's order, and its date filters.
            models.Index(fields=["date_start", "slug"], name="event_chronological"),
            # Era and year bounds compare the start per precision (see overlaps_q).
            models.Index(fields=["date_precision", "date_start"], name="event_precision_start"),
            models.Index(fields=["kind", "date_start"], name="event_kind_date"),
            # The chart's events per year.
            models.Index(DatePart("year", "date_start"), name="event_start_year"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        clean_partial_date(self.date_start, self.date_precision, "Start")
        clean_partial_date(self.date_end, self.date_precision, "End")
        if self.date_start and self.date_end and self.date_end < self.date_start:
            raise ValidationError({"date_end": "The end date is before the start date."})

    @property
    def date_display(self):
        return format_date_range(self.date_start, self.date_end, self.date_precision, self.circa)

    @property
    def subtitle(self):
        """What a list of mixed entries (search results) shows beside the title."""
        return self.date_display

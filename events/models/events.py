"""The dated events of the timeline."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from common.dates import (
    DatePart,
    DatePrecision,
    DateQualifier,
    PeriodEnd,
    clean_partial_date,
    edtf,
    end_date_constraints,
    format_date_range,
    partial_date_constraints,
    period,
    precision_field,
)
from common.folding import SEARCH_COLUMNS, folded_column
from common.models import SlugQuerySet, choices_constraint, related_model, version_field
from events.models.actors import Actor
from events.models.places import Place
from sources.models import cited_sources_prefetch


class EventQuerySet(SlugQuerySet):
    def chronological(self):
        """In order of time: by start, the vaguer first where starts are equal (the 1950s
        before 1950, 1950 before June 1950), then by slug."""
        return self.order_by(*CHRONOLOGICAL)

    # What a line naming an event shows (its title, kind and date at its precision).
    LINE_FIELDS = ("title", "slug", "kind", "date_start", "date_end", "date_precision", "date_end_precision")
    LINE_FIELDS += ("circa", "date_qualifier")

    def neighbours(self, event):
        """(the event before ``event``, the event after it) in chronological order, the
        timeline's; either may be None. Two indexed queries."""
        day, rank = Q(date_start=event.date_start), Q(date_rank=event.date_rank)
        earlier = (
            Q(date_start__lt=event.date_start)
            | (day & Q(date_rank__lt=event.date_rank))
            | (day & rank & Q(slug__lt=event.slug))
        )
        later = (
            Q(date_start__gt=event.date_start)
            | (day & Q(date_rank__gt=event.date_rank))
            | (day & rank & Q(slug__gt=event.slug))
        )
        lines = self.only(*self.LINE_FIELDS)
        before = lines.filter(earlier).order_by(*(f"-{name}" for name in CHRONOLOGICAL)).first()
        return before, lines.filter(later).chronological().first()

    def for_index(self):
        """Every event with what the A–Z index shows of it (unordered: the index sorts by folded title)."""
        return self.only(*self.LINE_FIELDS).order_by()

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

    def overlapping(self, first_day=None, last_day=None):
        """Events whose period (``Event.period``) overlaps the days from ``first_day`` to
        ``last_day`` (either open when None): "1950s" overlaps 1952, and so does
        "1950–1953"."""
        return self.filter(overlaps_q(first_day, last_day))

    def in_era(self, era):
        """Events whose period overlaps the era: the rule of the era filter, its facet
        counts and the export's era cell (``Era.overlaps``)."""
        return self.overlapping(era.start, era.end)

    def in_eras(self, eras):
        """Events whose period overlaps any of the eras."""
        return self.filter(Q.create([overlaps_q(era.start, era.end) for era in eras], connector=Q.OR))

    def count_by_era(self, eras):
        """[(era, number of these events in it)] for each of ``eras``: one query."""
        counts = self.aggregate(
            **{f"era_{era.pk}": models.Count("pk", filter=overlaps_q(era.start, era.end)) for era in eras}
        )
        return [(era, counts[f"era_{era.pk}"]) for era in eras]

    # An event is at a place when it happened there or in a place within it (a city of a
    # province): the filter by place and its facet count both follow these lookups.
    PLACE_LOOKUPS = ("place", "place__parent")

    def at_place(self, places):
        """Events at one of ``places`` (a place or several) or at a place within it."""
        places = places if isinstance(places, list | tuple) else [places]
        return self.filter(Q.create([(f"{lookup}__in", places) for lookup in self.PLACE_LOOKUPS], connector=Q.OR))

    def count_by_place(self):
        """(place id, number of these events at it) for every place: one grouped query."""
        return self.place_counts()[0].items()

    def place_counts(self):
        """({place id: number of these events at it}, number of these events, number of them
        without a place): one grouped query."""
        columns = [f"{lookup}_id" for lookup in self.PLACE_LOOKUPS]
        counts, total, placeless = {}, 0, 0
        for *places, n in self.order_by().values_list(*columns).annotate(n=models.Count("pk")):
            total += n
            placeless += n if places[0] is None else 0
            for place in places:
                if place is not None:
                    counts[place] = counts.get(place, 0) + n
        return counts, total, placeless


# The timeline's order: by start; where starts are equal, the vaguer date first (a decade,
# then a year, a month, a day), so that the events of one heading ("1950s", "1950") stay
# together; then by slug, for a total order.
CHRONOLOGICAL = ("date_start", "date_rank", "slug")
DATE_RANKS = {DatePrecision.DECADE: 0, DatePrecision.YEAR: 1, DatePrecision.MONTH: 2, DatePrecision.DAY: 3}


def overlaps_q(first_day=None, last_day=None):
    """Events whose period overlaps [first_day, last_day] (either open when None): it starts
    on or before the last day, and its last day (``date_last``) is on or after the first."""
    q = Q()
    if last_day is not None:
        q &= Q(date_start__lte=last_day)
    if first_day is not None:
        q &= Q(date_last__gte=first_day)
    return q


def date_last_field():
    """A column the database keeps: the last day of the event's period (``Event.period``),
    the end's when it has one ("1950 – June 1953": 1953-06-30), else the start's."""
    end_or_start = models.functions.Coalesce("date_end", "date_start")
    precision = models.Case(
        models.When(Q(date_end__isnull=False) & ~Q(date_end_precision=""), then=F("date_end_precision")),
        default=F("date_precision"),
    )
    return models.GeneratedField(
        expression=PeriodEnd(end_or_start, precision), output_field=models.DateField(), db_persist=True, serialize=False
    )


def date_rank_field():
    """A column the database keeps: the rank of the start's precision in ``CHRONOLOGICAL``."""
    whens = [models.When(date_precision=precision, then=rank) for precision, rank in DATE_RANKS.items()]
    return models.GeneratedField(
        expression=models.Case(*whens, default=3),
        output_field=models.SmallIntegerField(),
        db_persist=True,
        serialize=False,
    )


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
        null=True,
        blank=True,
        help_text="When it ended: the first day of its month, year or decade; empty for a single date.",
    )
    date_precision = precision_field(
        'How exactly the source dates it: "the early days of October" is month precision.',
        default=DatePrecision.DAY,
    )
    date_end_precision = precision_field(
        "How exactly the source dates the end, when not as exactly as the start "
        '("from 1935 to June 1950"); empty: the same as the start.',
        blank=True,
    )
    circa = models.BooleanField(default=False, help_text='The source says "about", "late", "early"...')
    date_qualifier = models.CharField(
        max_length=10,
        choices=DateQualifier.choices,
        blank=True,
        help_text='When the source only bounds the date: "by 7 January" (on or before), "after 1910".',
    )
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

    date_rank = date_rank_field()
    date_last = date_last_field()
    # Folded copies of the searched text, kept by the database (see common.folding).
    search_name = folded_column("title")
    search_text = folded_column("summary")

    list_route = "events:timeline"  # the public list of these entries
    # The order of the entries in its fixture file (dprk_kb.fixtures).
    fixture_order = ["date_start", "slug"]
    version = version_field()
    history = HistoricalRecords(
        excluded_fields=[*SEARCH_COLUMNS, "date_rank", "date_last"], m2m_fields=[actors, equipment]
    )
    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = list(CHRONOLOGICAL)
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="event_slug_unique"),
            models.CheckConstraint(condition=~Q(title=""), name="event_title_not_empty"),
            choices_constraint("kind", EventKind, "event_kind_valid"),
            choices_constraint("date_precision", DatePrecision, "event_date_precision_valid"),
            models.CheckConstraint(
                condition=Q(date_end_precision="") | Q(date_end_precision__in=DatePrecision.values),
                name="event_date_end_precision_valid",
            ),
            models.CheckConstraint(
                condition=Q(date_end_precision="") | Q(date_end__isnull=False),
                name="event_end_precision_needs_end",
            ),
            choices_constraint("date_qualifier", DateQualifier, "event_date_qualifier_valid"),
            models.CheckConstraint(
                condition=Q(date_end__isnull=True) | Q(date_end__gte=F("date_start")),
                name="event_end_after_start",
            ),
            *partial_date_constraints("event", "date_start", "date_precision"),
            *end_date_constraints("event", "date_end", "date_precision", "date_end_precision"),
        ]
        indexes = [
            # The timeline's order, and its date filters.
            models.Index(fields=list(CHRONOLOGICAL), name="event_chronological"),
            # Era and year bounds: the start, and the last day of the period (overlaps_q).
            models.Index(fields=["date_last"], name="event_date_last"),
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
        clean_partial_date(self.date_end, self.end_precision, "End")
        if self.date_start and self.date_end and self.date_end < self.date_start:
            raise ValidationError({"date_end": "The end date is before the start date."})
        if self.date_end_precision and not self.date_end:
            raise ValidationError(
                {"date_end_precision": "Give the end date whose precision this is, or leave it empty."}
            )

    @property
    def end_precision(self):
        """The precision of the end: its own, or the start's."""
        return self.date_end_precision or self.date_precision

    @property
    def period(self):
        """The first and last day the event may occupy (``common.dates.period``)."""
        return period(self.date_start, self.date_precision, self.date_end, self.date_end_precision)

    @property
    def date_display(self):
        return format_date_range(
            self.date_start,
            self.date_end,
            self.date_precision,
            self.circa,
            self.date_end_precision,
            self.date_qualifier,
        )

    @property
    def date_edtf(self):
        return edtf(
            self.date_start,
            self.date_end,
            self.date_precision,
            self.circa,
            self.date_end_precision,
            self.date_qualifier,
        )

    @property
    def subtitle(self):
        """What a list of mixed entries (search results) shows beside the title."""
        return self.date_display

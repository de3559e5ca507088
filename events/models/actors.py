"""Actors: people, states, armed forces and units, parties, factories and other organizations."""

from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from common.dates import (
    DatePrecision,
    clean_partial_date,
    format_date,
    partial_date_constraints,
    precision_field,
)
from common.folding import SEARCH_COLUMNS, folded_column
from common.models import SlugQuerySet, aliases_list, choices_constraint, version_field


class ActorQuerySet(SlugQuerySet):
    def for_list(self):
        """What the actors list shows of each actor, in its order."""
        # A subquery, not a join: the paginator's count leaves it out.
        links = self.model.events.through.objects.filter(actor=OuterRef("pk"))
        events = links.values("actor").annotate(n=Count("*"))
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
    date_precision = precision_field(
        "How exactly the sources give the start and end: to the day, month, year or decade.",
        default=DatePrecision.YEAR,
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

"""Eras: the named periods the timeline is divided into."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from common.dates import DatePrecision, partial_date_constraints, periods_overlap, precision_field
from common.models import SlugQuerySet, choices_constraint, version_field


class EraQuerySet(SlugQuerySet):
    def finder(self, eras=None):
        """A function giving the eras a period (first day, last day) overlaps, in order,
        from one query (or from ``eras``): the eras of an event (``Era.overlaps``)."""
        eras = sorted(eras, key=lambda era: era.start) if eras is not None else list(self.order_by("start"))

        def eras_of(first_day, last_day):
            return [era for era in eras if era.overlaps(first_day, last_day)]

        return eras_of


def heading_era(eras_of_event, asked=()):
    """The era an event is listed under on the timeline: the first of its eras (those its
    period overlaps) among the eras the filter asks for, or among all when it asks for
    none. An event of June 1950 is listed under "Liberation and division" on the whole
    timeline, as it may have happened before 25 June, and under "Korean War" when the
    filter asks for that era; an event no era covers is listed under none (None)."""
    return next((era for era in eras_of_event if not asked or era in asked), None)


class Era(models.Model):
    """A named period of history; events belong to the era in which they start."""

    name = models.CharField(max_length=100, help_text="The era's name, e.g. “Korean War”.")
    slug = models.SlugField(max_length=100, help_text="Short name used in the timeline's era filter; never changed.")
    start = models.DateField(
        help_text="First day of the era (the first day of the year, for an era known to the year)."
    )
    start_precision = precision_field(
        "How precisely the sources give the start: a day, a month, a year or a decade.",
        default=DatePrecision.DAY,
    )
    end = models.DateField(
        null=True,
        blank=True,
        help_text="Last day of the era (the last day of the year, for an era known to the year); empty while it lasts.",
    )
    end_precision = precision_field(
        "How precisely the sources give the end: a day, a month, a year or a decade.",
        default=DatePrecision.DAY,
    )
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
            choices_constraint("start_precision", DatePrecision, "era_start_precision_valid"),
            choices_constraint("end_precision", DatePrecision, "era_end_precision_valid"),
            *partial_date_constraints("era", "start", "start_precision"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:timeline") + f"?era={self.slug}"

    def natural_key(self):
        return (self.slug,)

    def overlaps(self, first_day, last_day):
        """Whether the period from ``first_day`` to ``last_day`` overlaps the era: the
        rule ``EventQuerySet.in_era`` writes in SQL."""
        return periods_overlap(first_day, last_day, self.start, self.end)

    @property
    def years_display(self):
        return f"{self.start.year}\u2013{self.end.year if self.end else 'present'}"

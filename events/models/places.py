"""Places where events happened."""

from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from common.folding import SEARCH_COLUMNS, NameFold, folded_column
from common.models import SlugQuerySet, aliases_list, related_model, version_field


class PlaceQuerySet(SlugQuerySet):
    def by_name(self):
        """By name as a reader reads it, alike on every database: case, accents, hyphens and
        apostrophes aside ("Kim Il-sung Square" beside "Kim Il-sung Street", "Kusŏng" as "Kusong")."""
        return self.order_by(NameFold("name"), "name", "slug")

    def for_list(self):
        """What the places list shows of each place, in its order."""
        # A subquery, not a join: the paginator's count leaves it out.
        events = related_model(self.model, "events").objects.filter(place=OuterRef("pk"))
        events = events.order_by().values("place").annotate(n=Count("*"))
        return (
            self.by_name()
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

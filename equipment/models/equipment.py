"""Equipment: the types of vehicle, gun, missile, aircraft, ship or munition, and their lineage."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from common.dates import DateQualifier
from common.folding import SEARCH_COLUMNS, folded_column
from common.models import SlugQuerySet, aliases_list, choices_constraint, related_model, version_field
from events.models import Actor
from sources.models import cited_sources_prefetch


class EquipmentQuerySet(SlugQuerySet):
    def alphabetical(self):
        return self.order_by("name", "slug")

    def for_list(self):
        """What the equipment list and its export show, in a fixed number of queries."""
        return (
            self.alphabetical()
            .select_related("origin", "producer", "based_on")
            .prefetch_related(
                models.Prefetch(
                    "designations",
                    queryset=related_model(self.model, "designations").objects.order_by("code", "scheme"),
                ),
                cited_sources_prefetch("equipment"),
            )
        )


# The years in which an equipment can plausibly have been first observed.
FIRST_OBSERVED_FROM, FIRST_OBSERVED_TO = 1800, 2100


class Category(models.TextChoices):
    MAIN_BATTLE_TANK = "main_battle_tank", "main battle tank"
    MEDIUM_TANK = "medium_tank", "medium tank"
    LIGHT_TANK = "light_tank", "light tank"
    AMPHIBIOUS_TANK = "amphibious_tank", "amphibious tank"
    TANK = "tank", "tank (class not stated)"
    SELF_PROPELLED_GUN = "self_propelled_gun", "self-propelled gun or howitzer"
    GUN = "gun", "gun (type not stated)"
    SELF_PROPELLED_AA_GUN = "self_propelled_aa_gun", "self-propelled anti-aircraft gun"
    SELF_PROPELLED_MORTAR = "self_propelled_mortar", "self-propelled mortar"
    APC = "apc", "armoured personnel carrier"
    ARMORED_CAR = "armored_car", "armoured car"
    MRLS = "mrls", "multiple rocket launcher"
    ATGM = "atgm", "anti-tank guided missile"
    MANPADS = "manpads", "man-portable air defence"
    MISSILE = "missile", "missile"
    AMMUNITION = "ammunition", "ammunition"
    TOWED_GUN = "towed_gun", "towed gun or howitzer"
    MACHINE_GUN = "machine_gun", "machine gun"
    AIRCRAFT = "aircraft", "aircraft"
    DRONE = "drone", "drone"
    SHIP = "ship", "ship"
    SUBMARINE = "submarine", "submarine"
    TRACTOR = "tractor", "tractor or truck"
    NUCLEAR = "nuclear", "nuclear weapon"
    OTHER = "other", "other"


class Equipment(models.Model):
    """A vehicle, gun, missile, aircraft, ship or munition type."""

    name = models.CharField(max_length=200, help_text="The name readers know it by, e.g. “Koksan” or “T-34-85”.")
    slug = models.SlugField(max_length=100, help_text="Short name used in its address and in exports; never changed.")
    aliases = models.TextField(
        blank=True, help_text="Other spellings and names that are not designations, one per line."
    )
    category = models.CharField(
        max_length=30, choices=Category.choices, help_text="What kind of weapon or vehicle it is, as the source says."
    )
    origin = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="equipment_originated",
        limit_choices_to={"kind": "state"},
        help_text="The state that designed it.",
    )
    producer = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="equipment_produced",
        help_text="The factory or organization that builds it, where a source names one.",
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derivatives",
        help_text="The chassis or parent design it derives from (Type 59 → Koksan).",
    )
    caliber_mm = models.DecimalField(
        max_digits=6, decimal_places=1, null=True, blank=True, help_text="Calibre of the main gun, in millimetres."
    )
    weight_t = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, blank=True, help_text="Combat weight, in tonnes."
    )
    crew = models.PositiveSmallIntegerField(null=True, blank=True, help_text="How many crew it needs.")
    range_km = models.DecimalField(
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Range of its gun or missile, in kilometres (convert miles: 25 miles ≈ 40.2 km).",
    )
    first_observed = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year the type was first observed or introduced, per the sources."
    )
    first_observed_qualifier = models.CharField(
        max_length=10,
        choices=DateQualifier.choices,
        blank=True,
        help_text="“by” when the sources say only that it had been seen by that year; “after” for after it.",
    )
    summary = models.TextField(blank=True, help_text="What it is and how it was used, in the editor's words.")

    # Folded copies of the searched text, kept by the database (see common.folding).
    search_name = folded_column("name", "aliases")
    search_text = folded_column("summary")

    list_route = "equipment:equipment-list"  # the public list of these entries
    # The order of the entries in its fixture file (dprk_kb.fixtures).
    fixture_order = ["slug"]
    version = version_field()
    history = HistoricalRecords(excluded_fields=SEARCH_COLUMNS)
    objects = EquipmentQuerySet.as_manager()

    class Meta:
        ordering = ["name", "slug"]
        verbose_name_plural = "equipment"
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="equipment_slug_unique"),
            models.CheckConstraint(condition=~Q(name=""), name="equipment_name_not_empty"),
            choices_constraint("category", Category, "equipment_category_valid"),
            choices_constraint("first_observed_qualifier", DateQualifier, "equipment_first_observed_qualifier_valid"),
            models.CheckConstraint(
                condition=Q(first_observed_qualifier="") | Q(first_observed__isnull=False),
                name="equipment_first_observed_qualifier_needs_year",
            ),
            models.CheckConstraint(condition=~Q(based_on=F("id")), name="equipment_not_based_on_itself"),
            models.CheckConstraint(
                condition=Q(caliber_mm__isnull=True) | Q(caliber_mm__gt=0), name="equipment_caliber_positive"
            ),
            models.CheckConstraint(
                condition=Q(weight_t__isnull=True) | Q(weight_t__gt=0), name="equipment_weight_positive"
            ),
            models.CheckConstraint(condition=Q(crew__isnull=True) | Q(crew__gt=0), name="equipment_crew_positive"),
            models.CheckConstraint(
                condition=Q(range_km__isnull=True) | Q(range_km__gt=0), name="equipment_range_positive"
            ),
            models.CheckConstraint(
                condition=Q(first_observed__isnull=True)
                | Q(first_observed__gte=FIRST_OBSERVED_FROM, first_observed__lte=FIRST_OBSERVED_TO),
                name="equipment_first_observed_plausible",
                violation_error_message=(
                    f"The year first observed must lie between {FIRST_OBSERVED_FROM} and {FIRST_OBSERVED_TO}."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("equipment:equipment-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def alias_list(self):
        return aliases_list(self.aliases)

    def clean(self):
        seen, current = set(), self.based_on
        while current is not None:
            if current.pk == self.pk or current.pk in seen:
                raise ValidationError({"based_on": "This would make the lineage a cycle."})
            seen.add(current.pk)
            current = current.based_on

"""Equipment and its lineage, the designations it is known by, transfers and images."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from common.dates import validate_year
from common.folding import SEARCH_COLUMNS, folded_column
from common.models import SlugQuerySet, aliases_list, choices_constraint, version_field, year_constraint
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
                models.Prefetch("designations", queryset=Designation.objects.order_by("code", "scheme")),
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
    SELF_PROPELLED_GUN = "self_propelled_gun", "self-propelled gun or howitzer"
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


class DesignationQuerySet(models.QuerySet):
    def get_by_natural_key(self, code, scheme, equipment_slug):
        return self.get(code=code, scheme=scheme, equipment__slug=equipment_slug)


class Scheme(models.TextChoices):
    US_DOD = "us_dod", "US DoD"
    NORTH_KOREAN = "north_korean", "North Korean"
    NATO = "nato", "NATO"
    WESTERN_PRESS = "western_press", "Western press"
    SOVIET = "soviet", "Soviet or Russian"
    CHINESE = "chinese", "Chinese"
    MANUFACTURER = "manufacturer", "manufacturer"
    OTHER = "other", "other"


class Designation(models.Model):
    """A code or name under a naming scheme, pointing at one equipment.

    Codes are ambiguous: the US DoD gave "M1992" to several vehicles first seen at the
    same parade, so one code may have many designations.
    """

    code = models.CharField(max_length=100, help_text='The code or name, e.g. "M1992" or "Chonma-92".')
    scheme = models.CharField(
        max_length=20, choices=Scheme.choices, help_text="Who uses the code: US DoD, North Korean, NATO, the press."
    )
    equipment = models.ForeignKey(
        Equipment, on_delete=models.CASCADE, related_name="designations", help_text="The equipment the code names."
    )
    note = models.TextField(blank=True, help_text="What a reader should know about the code, e.g. who coined it.")

    # Folded copies of the searched text, kept by the database (see common.folding).
    search_name = folded_column("code")
    search_text = folded_column("note")

    # The order of the entries in its fixture file (dprk_kb.fixtures).
    fixture_order = ["code", "scheme", "equipment__slug"]
    version = version_field()
    history = HistoricalRecords(excluded_fields=SEARCH_COLUMNS)
    objects = DesignationQuerySet.as_manager()

    class Meta:
        ordering = ["code", "scheme", "equipment__name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "scheme", "equipment"], name="designation_unique"),
            choices_constraint("scheme", Scheme, "designation_scheme_valid"),
            models.CheckConstraint(condition=~Q(code=""), name="designation_code_not_empty"),
            models.CheckConstraint(condition=~Q(code__contains="/"), name="designation_code_no_slash"),
        ]

    def __str__(self):
        return f"{self.code} ({self.get_scheme_display()})"

    def get_absolute_url(self):
        return reverse("equipment:designation-detail", args=[self.code])

    def natural_key(self):
        return (self.code, self.scheme, *self.equipment.natural_key())

    natural_key.dependencies = ["equipment.equipment"]

    @property
    def subtitle(self):
        """What a list of mixed entries (search results) shows beside the code."""
        return self.equipment.name


def format_quantity(low, high, wording=""):
    """A transfer's quantity as the source worded it, else as its range: "160–180"."""
    if wording:
        return wording
    if low is None and high is None:
        return ""
    if high is None or low == high:
        return f"{low:,}"
    if low is None:
        return f"up to {high:,}"
    return f"{low:,}\u2013{high:,}"


def describe_item(equipment_name, item):
    """What a transfer supplied: the equipment, the described item, or both."""
    if equipment_name and item:
        return f"{equipment_name} ({item})"
    return equipment_name or item


class TransferQuerySet(SlugQuerySet):
    def register_order(self):
        """Oldest delivery first, then oldest order; undated transfers last."""
        return self.order_by(F("delivery_start").asc(nulls_last=True), F("order_year").asc(nulls_last=True), "slug")

    def for_list(self):
        return (
            self.register_order()
            .select_related("supplier", "recipient", "equipment")
            .prefetch_related(cited_sources_prefetch("transfer"))
        )


class Status(models.TextChoices):
    PLANNED = "planned", "planned"
    ORDERED = "ordered", "ordered"
    DELIVERED = "delivered", "delivered"
    REPORTED = "reported", "reported"


class Transfer(models.Model):
    """A supply of arms, ammunition, troops, money or technology, after the SIPRI register."""

    slug = models.SlugField(
        max_length=120, help_text="Short name used in its address, e.g. “ussr-to-dprk-t-34-85-1950”; never changed."
    )
    supplier = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="transfers_supplied", help_text="Who supplied it."
    )
    recipient = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="transfers_received", help_text="Who received it."
    )
    equipment = models.ForeignKey(
        Equipment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers",
        help_text="The equipment supplied, when it is one type; otherwise describe it under “item”.",
    )
    item = models.CharField(
        max_length=200,
        blank=True,
        help_text="What was supplied, in words, when it is no single equipment (troops, shells, money).",
    )
    quantity_low = models.PositiveIntegerField(
        null=True, blank=True, help_text="The smallest number the source allows; the number itself if it gives one."
    )
    quantity_high = models.PositiveIntegerField(
        null=True, blank=True, help_text="The largest number the source allows, for a range (160 to 180); else empty."
    )
    quantity_wording = models.CharField(
        max_length=100, blank=True, help_text='The source\'s words: "about 170", "over 1,000", "several hundred".'
    )
    order_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[validate_year],
        help_text="Year it was ordered or agreed, if the source says.",
    )
    delivery_start = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[validate_year], help_text="Year the first deliveries arrived."
    )
    delivery_end = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[validate_year],
        help_text="Year the last deliveries arrived; empty when it is the same year or unknown.",
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        help_text="How far it went, as the sources tell it: only “reported” when no source confirms it.",
    )
    comments = models.TextField(blank=True, help_text="What the register's columns cannot hold, in the editor's words.")

    # Folded copies of the searched text, kept by the database (see common.folding).
    search_name = folded_column("item", "quantity_wording")
    search_text = folded_column("comments")

    list_route = "equipment:transfer-list"  # the public list of these entries
    # The order of the entries in its fixture file (dprk_kb.fixtures).
    fixture_order = ["slug"]
    version = version_field()
    history = HistoricalRecords(excluded_fields=SEARCH_COLUMNS)
    objects = TransferQuerySet.as_manager()

    class Meta:
        ordering = ["delivery_start", "order_year", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="transfer_slug_unique"),
            choices_constraint("status", Status, "transfer_status_valid"),
            models.CheckConstraint(
                condition=Q(quantity_low__isnull=True)
                | Q(quantity_high__isnull=True)
                | Q(quantity_low__lte=F("quantity_high")),
                name="transfer_quantity_low_le_high",
            ),
            models.CheckConstraint(
                condition=Q(delivery_start__isnull=True)
                | Q(delivery_end__isnull=True)
                | Q(delivery_end__gte=F("delivery_start")),
                name="transfer_delivery_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(order_year__isnull=True)
                | Q(delivery_start__isnull=True)
                | Q(delivery_start__gte=F("order_year")),
                name="transfer_delivery_after_order",
            ),
            year_constraint("order_year", "transfer_order_year_in_range"),
            year_constraint("delivery_start", "transfer_delivery_start_in_range"),
            year_constraint("delivery_end", "transfer_delivery_end_in_range"),
            models.CheckConstraint(condition=~Q(supplier=F("recipient")), name="transfer_supplier_not_recipient"),
            models.CheckConstraint(
                condition=Q(equipment__isnull=False) | ~Q(item=""), name="transfer_has_equipment_or_item"
            ),
        ]
        indexes = [models.Index(fields=["delivery_start", "order_year", "slug"], name="transfer_register_order")]

    def __str__(self):
        return f"{self.supplier} → {self.recipient}: {self.what}"

    def get_absolute_url(self):
        return reverse("equipment:transfer-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def what(self):
        return describe_item(self.equipment.name if self.equipment_id else None, self.item)

    @property
    def quantity_display(self):
        return format_quantity(self.quantity_low, self.quantity_high, self.quantity_wording)

    @property
    def cited_sources(self):
        """The distinct sources of the (prefetched) citations, by slug."""
        return sorted({c.source for c in self.citations.all()}, key=lambda source: source.slug)

    @property
    def delivery_display(self):
        if self.delivery_start and self.delivery_end and self.delivery_end != self.delivery_start:
            return f"{self.delivery_start}\u2013{self.delivery_end}"
        return str(self.delivery_start or "")


class Image(models.Model):
    """A picture of an equipment or an event, with the alt text that describes it."""

    equipment = models.ForeignKey(
        Equipment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="images",
        help_text="The equipment it shows (or choose an event instead).",
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="images",
        help_text="The event it shows (or choose an equipment instead).",
    )
    image = models.ImageField(
        upload_to="images/%Y/",
        width_field="width",
        height_field="height",
        help_text="A JPEG, PNG or WebP file; it is checked and stored without its metadata.",
    )
    thumbnail = models.ImageField(upload_to="thumbnails/%Y/", blank=True, editable=False)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    caption = models.CharField(max_length=300, blank=True, help_text="What readers read under the picture.")
    alt_text = models.CharField(
        max_length=300, help_text="What the picture shows, for readers who cannot see it. Required."
    )
    credit = models.CharField(max_length=200, blank=True, help_text="Photographer or rights holder.")
    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="images",
        help_text="The document the picture comes from, when it comes from one.",
    )

    version = version_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(equipment__isnull=False, event__isnull=True)
                | Q(equipment__isnull=True, event__isnull=False),
                name="image_exactly_one_subject",
            ),
            models.CheckConstraint(condition=~Q(alt_text=""), name="image_alt_text_not_empty"),
        ]

    def __str__(self):
        return self.caption or self.alt_text

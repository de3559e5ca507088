"""Transfers of arms, ammunition, troops, money or technology, after the SIPRI register."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from common.dates import validate_year
from common.folding import SEARCH_COLUMNS, folded_column
from common.models import SlugQuerySet, choices_constraint, version_field, year_constraint
from equipment.models.equipment import Equipment
from events.models import Actor
from sources.models import cited_sources_prefetch


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


# The register's order: oldest delivery first, then oldest order; undated transfers last.
REGISTER_ORDER = (F("delivery_start").asc(nulls_last=True), F("order_year").asc(nulls_last=True), F("slug").asc())
# Latest first; undated transfers still last.
LATEST_FIRST = (F("delivery_start").desc(nulls_last=True), F("order_year").desc(nulls_last=True), F("slug").desc())


class TransferQuerySet(SlugQuerySet):
    def register_order(self):
        """Oldest delivery first, then oldest order; undated transfers last."""
        return self.order_by(*REGISTER_ORDER)

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
    DOUBTFUL = "doubtful", "doubtful (told, but unconfirmed or unlikely)"


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

    # What names a transfer where only values are read (the citations export).
    name_lookups = ["supplier__name", "recipient__name", "equipment__name", "item"]

    @staticmethod
    def name_from(values):
        what = describe_item(values["equipment__name"], values["item"])
        return f"{values['supplier__name']} → {values['recipient__name']}: {what}"

    @property
    def what(self):
        return describe_item(self.equipment.name if self.equipment_id else None, self.item)

    @property
    def quantity_display(self):
        return format_quantity(self.quantity_low, self.quantity_high, self.quantity_wording)

    @property
    def quantity_range(self):
        """The range beside a worded quantity ("over 100": "100–?"), or "" when it would
        add nothing: no wording (the range is then the quantity shown) or one number."""
        low, high = self.quantity_low, self.quantity_high
        if not self.quantity_wording or low == high:
            return ""
        low, high = ("?" if bound is None else f"{bound:,}" for bound in (low, high))
        return f"{low}\u2013{high}"

    @property
    def cited_sources(self):
        """The distinct sources of the (prefetched) citations, by title."""
        return sorted({c.source for c in self.citations.all()}, key=lambda source: (source.title, source.slug))

    @property
    def delivery_display(self):
        if self.delivery_start and self.delivery_end and self.delivery_end != self.delivery_start:
            return f"{self.delivery_start}\u2013{self.delivery_end}"
        return str(self.delivery_start or "")

"""Pictures of equipment and events."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from common.models import version_field
from equipment.models.equipment import Equipment


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

    # The order of the entries in its fixture file (dprk_kb.fixtures); an image has no
    # natural key, so its file keeps the primary keys, as the citations' file does.
    fixture_order = ["pk"]
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

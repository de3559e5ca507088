"""Designations: the codes and names equipment is known by, under their naming schemes."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from common.folding import SEARCH_COLUMNS, folded_column, search_fold
from common.models import choices_constraint, version_field
from equipment.models.equipment import Equipment


class DesignationQuerySet(models.QuerySet):
    def get_by_natural_key(self, code, scheme, equipment_slug):
        return self.get(code=code, scheme=scheme, equipment__slug=equipment_slug)

    def written_like(self, code):
        """The designations whose code folds to the same text as ``code`` (case, accents
        and apostrophes aside, as search folds them): "Shin'heung" finds "Shin’heung"."""
        return self.filter(search_name=search_fold(code))

    def for_index(self):
        """Every designation with the equipment it names, in the index's order."""
        return self.select_related("equipment").only("code", "scheme", "equipment__name", "equipment__slug")


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

    list_route = "equipment:designation-list"  # the public list of these entries
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

    # What names a designation where only values are read (the citations export).
    name_lookups = ["code", "scheme"]

    @staticmethod
    def name_from(values):
        return f"{values['code']} ({Scheme(values['scheme']).label})"

    @property
    def subtitle(self):
        """What a list of mixed entries (search results) shows beside the code."""
        return self.equipment.name

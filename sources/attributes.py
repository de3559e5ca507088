"""What a citation can vouch for: the attributes of each kind of entry, and how their
values compare.

An attribute is a fact field of its entry (the event's ``date``, the equipment's
``caliber_mm``) or a named claim the sources make about it (an event's ``killed``). Its
``scale`` says what a bare number in a value means, so that values compare as values
(``common.values``): a date (a year), kilometres, millimetres, tonnes, or a count.
"""

from dataclasses import dataclass

# The attributes whose values are dates or years.
DATE_ATTRIBUTES = {
    "date",
    "start",
    "end",
    "first_observed",
    "first_production",
    "first_evidence",
    "order_year",
    "delivery_start",
    "delivery_end",
    "published",
}
UNIT_SUFFIXES = {"_km": "length_km", "_mm": "length_mm", "_t": "mass_t", "_kmh": "speed_kmh"}


@dataclass(frozen=True)
class Attribute:
    name: str

    @property
    def label(self):
        """The attribute as readers read it: "decided by", "calibre (mm)"."""
        return LABELS.get(self.name) or self.name.replace("_", " ")

    @property
    def scale(self):
        if self.name in DATE_ATTRIBUTES:
            return "date"
        for suffix, scale in UNIT_SUFFIXES.items():
            if self.name.endswith(suffix):
                return scale
        return "number"


LABELS = {
    "caliber_mm": "calibre (mm)",
    "weight_t": "weight (tonnes)",
    "range_km": "range (km)",
    "range_km_rocket_assisted": "range with rocket-assisted shells (km)",
    "distance_km": "distance (km)",
    "perimeter_km": "perimeter (km)",
    "water_speed_kmh": "speed in water (km/h)",
    "based_on": "based on",
    "decided_by": "decided by",
    "appointed_by": "appointed by",
    "first_observed": "first observed",
    "first_production": "first produced",
    "first_evidence": "first evidence",
    "order_year": "year ordered",
    "delivery_start": "first delivery",
    "delivery_end": "last delivery",
    "kpa_casualties": "KPA casualties",
    "kpa_tank_losses": "KPA tank losses",
    "roka_casualties": "ROKA casualties",
    "roka_losses": "ROKA losses",
    "roka_troops": "ROKA troops",
    "un_casualties": "UN casualties",
    "un_reinforcements": "UN reinforcements",
    "un_tank_losses": "UN tank losses",
    "us_casualties": "US casualties",
    "us_killed": "US killed",
}

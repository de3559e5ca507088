"""What a citation can vouch for: the attributes of each kind of entry, and how their
values compare.

An attribute is a fact field of its entry (the event's ``date``, the equipment's
``caliber_mm``) or a named claim the sources make about it (an event's ``killed``). The
attributes of each kind of entry are a closed list, ``VOCABULARY``: the admin offers them
as choices, the database refuses any other (a check constraint on Citation) and
``check_citations`` reports any other. ``FIELDS`` says which of them are stored fields,
whose stored values must agree with their citations (``sources.provenance``).

An attribute's ``scale`` says what a bare number in a value means, so that values compare
as values (``common.values``): a date (a year), kilometres, millimetres, tonnes, degrees of
latitude or longitude, or a count.
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
# The attributes whose values are coordinates, in degrees (south and west negative).
COORDINATE_ATTRIBUTES = {"latitude", "longitude"}
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
        if self.name in COORDINATE_ATTRIBUTES:
            return "degrees"
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
    "date": "date",
    "end": "end",
    "start": "start",
    "kind": "kind",
    "place": "place",
    "actors": "participants",
    "country": "country",
    "parent": "part of",
    "category": "category",
    "origin": "origin",
    "producer": "producer",
    "crew": "crew",
    "code": "designation",
    "scheme": "designation system",
    "supplier": "supplier",
    "recipient": "recipient",
    "quantity": "quantity",
    "self_propelled_guns": "self-propelled guns",
    "expected_arrival": "expected arrival",
    "combat_use": "use in combat",
    "occupation_of_seoul": "occupation of Seoul",
    "landing_sites": "landing sites",
    "monthly_losses": "losses per month",
    "tank_losses": "tank losses",
    "rate_of_fire": "rate of fire",
    "barrel_length": "barrel length",
    "south_korean_killed": "South Korean killed",
    "other_nations_casualties": "casualties of other nations",
    "chinese_casualties": "Chinese casualties",
    "chinese_killed": "Chinese killed",
    "chinese_wounded": "Chinese wounded",
    "chinese_troops": "Chinese troops",
    "communist_killed": "communist killed",
    "civilian_killed": "civilians killed",
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


# The stored fields of each kind of entry that a citation may vouch for, by attribute: the
# attribute ``date`` of an event vouches for its start date with its precision, circa and
# qualifier; ``quantity`` of a transfer for its low and high figures.
FIELDS = {
    "event": ("date", "end", "place", "kind", "actors", "equipment"),
    "actor": ("start", "end", "kind", "country", "parent"),
    "place": ("country", "parent", "latitude", "longitude"),
    "era": ("start", "end"),
    "equipment": (
        "category",
        "origin",
        "producer",
        "based_on",
        "caliber_mm",
        "weight_t",
        "crew",
        "range_km",
        "first_observed",
    ),
    "designation": ("code", "equipment", "scheme"),
    "transfer": (
        "supplier",
        "recipient",
        "equipment",
        "quantity",
        "order_year",
        "delivery_start",
        "delivery_end",
        "status",
    ),
}

# The attributes of which an entry has several values at once (an event's participants):
# a citation naming one of them says nothing against another.
MANY_VALUED = {"event": ("actors", "equipment")}


def many_valued(kind, attribute):
    return attribute in MANY_VALUED.get(kind, ())


# The named claims the sources make about entries of each kind, beside their fields.
CLAIMS = {
    "event": (
        "initiator",
        "decided_by",
        "status",
        "role",
        "quantity",
        "units",
        "troops",
        "roka_troops",
        "chinese_troops",
        "un_reinforcements",
        "tanks",
        "killed",
        "wounded",
        "missing",
        "captured",
        "escaped",
        "casualties",
        "losses",
        "monthly_losses",
        "tank_losses",
        "kpa_casualties",
        "kpa_tank_losses",
        "roka_casualties",
        "roka_losses",
        "un_casualties",
        "un_tank_losses",
        "us_casualties",
        "us_killed",
        "south_korean_killed",
        "other_nations_casualties",
        "chinese_casualties",
        "chinese_killed",
        "chinese_wounded",
        "communist_killed",
        "civilian_killed",
        "occupation_of_seoul",
        "landing_sites",
        "distance_km",
        "rate",
    ),
    "actor": (
        "place",
        "appointed_by",
        "strength",
        "troops",
        "units",
        "regiments",
        "tanks",
        "tanks_1948",
        "tanks_1950",
        "self_propelled_guns",
        "fate_on_return",
    ),
    "place": ("perimeter_km",),
    "era": (),
    "equipment": (
        "first_production",
        "entered_service",
        "combat_use",
        "armament",
        "turret",
        "hull",
        "passengers",
        "barrel_length",
        "range_km_rocket_assisted",
        "rate_of_fire",
        "water_speed_kmh",
    ),
    "designation": ("status",),
    "transfer": ("first_evidence", "expected_arrival", "combat_use", "share", "units"),
}

# Every attribute a citation of each kind of entry may vouch for: its fields, then its claims.
VOCABULARY = {kind: FIELDS[kind] + CLAIMS[kind] for kind in FIELDS}


def attribute_choices():
    """The vocabulary as grouped choices for a form: one group per kind of entry."""
    return [
        (kind.replace("_", " ").capitalize(), [(name, Attribute(name).label) for name in names])
        for kind, names in VOCABULARY.items()
    ]


def allowed(kind, attribute):
    """Whether ``attribute`` may be vouched for by a citation of an entry of ``kind``."""
    return not attribute or attribute in VOCABULARY.get(kind, ())

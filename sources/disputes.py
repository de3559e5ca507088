"""Disputes: the attributes of an entry on which its citations give incompatible values.

Values are compared as values (``common.values``): "40" km and "exceeding 25 miles"
agree, "12,000" and "11,000" troops do not. Grouping citations into disputes queries
nothing.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from common.values import compatible, reading
from sources.attributes import Attribute, many_valued


@dataclass
class Dispute:
    """One attribute of one entry on which citations give different values."""

    target: object
    attribute: str
    values: dict = field(default_factory=dict)  # value -> [citations giving it]

    @property
    def label(self):
        return Attribute(self.attribute).label

    @property
    def one_source(self):
        """The source, when all the competing values come from one document ("it gives both")."""
        sources = {c.source_id for citations in self.values.values() for c in citations}
        return next(iter(self.values.values()))[0].source if len(sources) == 1 else None


def disagree(attribute, values, kind=None):
    """Whether some two of ``values`` (texts) of ``attribute`` of an entry of ``kind`` cannot both be true."""
    if many_valued(kind, attribute):
        return False  # each citation names one of the several
    scale = Attribute(attribute).scale
    readings = [reading(value, scale) for value in set(values)]
    return any(not compatible(a, b, scale) for a, b in combinations(readings, 2))


def disputes_among(citations):
    """Group citations of entries into Disputes: attributes whose values disagree.

    ``citations`` is an iterable of Citation; nothing is queried here.
    """
    grouped = defaultdict(lambda: defaultdict(list))
    targets = {}
    for citation in citations:
        if not citation.attribute or not citation.value:
            continue
        key = (citation.target_field, citation.target_id, citation.attribute)
        grouped[key][citation.value].append(citation)
        targets[key] = citation
    found = []
    for key, values in grouped.items():
        if len(values) > 1 and disagree(key[2], values, key[0]):
            found.append(Dispute(target=targets[key].target, attribute=key[2], values=dict(values)))
    return found

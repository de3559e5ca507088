"""Disputes: the attributes of an entry on which its citations give different values.

Kept apart from the models: grouping citations into disputes queries nothing.
"""

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class Dispute:
    """One attribute of one entry on which citations give different values."""

    target: object
    attribute: str
    values: dict = field(default_factory=dict)  # value -> [citations giving it]

    @property
    def label(self):
        return self.attribute.replace("_", " ")


def disputes_among(citations):
    """Group citations of entries into Disputes, keeping only attributes with 2+ values.

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
        if len(values) > 1:
            found.append(Dispute(target=targets[key].target, attribute=key[2], values=dict(values)))
    return found

"""Equipment and its lineage, the designations it is known by, transfers and images, a module each."""

from equipment.models.designations import Designation, DesignationQuerySet, Scheme
from equipment.models.equipment import (
    FIRST_OBSERVED_FROM,
    FIRST_OBSERVED_TO,
    Category,
    Equipment,
    EquipmentQuerySet,
)
from equipment.models.images import Image
from equipment.models.transfers import Status, Transfer, TransferQuerySet, describe_item, format_quantity

__all__ = [
    "FIRST_OBSERVED_FROM",
    "FIRST_OBSERVED_TO",
    "Category",
    "Designation",
    "DesignationQuerySet",
    "Equipment",
    "EquipmentQuerySet",
    "Image",
    "Scheme",
    "Status",
    "Transfer",
    "TransferQuerySet",
    "describe_item",
    "format_quantity",
]

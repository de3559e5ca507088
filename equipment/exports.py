"""Export columns of the equipment list and the transfer register (see DESIGN.md)."""

from common.exports import Column, page_column
from equipment.models import describe_item, format_quantity


def equipment_columns(url_for):
    return [
        Column("id", "pk"),
        Column("slug", "slug"),
        Column("name", "name"),
        Column("category", "category"),
        Column("designations", related="designations__code"),
        Column("origin", "origin__name"),
        Column("producer", "producer__name"),
        Column("based_on", "based_on__name"),
        Column("caliber_mm", "caliber_mm"),
        Column("weight_t", "weight_t"),
        Column("crew", "crew"),
        Column("range_km", "range_km"),
        Column("first_observed", "first_observed"),
        Column("first_observed_qualifier", "first_observed_qualifier"),
        Column("summary", "summary"),
        Column("sources", related="citations__source__slug"),
        page_column(url_for),
    ]


def transfer_columns(url_for):
    return [
        Column("id", "pk"),
        Column("supplier", "supplier__name"),
        Column("recipient", "recipient__name"),
        Column(
            "equipment",
            "equipment__name",
            compute=lambda row: describe_item(row["equipment__name"], row["item"]),
            reads=("item",),
        ),
        Column("quantity_low", "quantity_low"),
        Column("quantity_high", "quantity_high"),
        Column(
            "quantity_display",
            compute=lambda row: format_quantity(row["quantity_low"], row["quantity_high"], row["quantity_wording"]),
            reads=("quantity_low", "quantity_high", "quantity_wording"),
        ),
        Column("order_year", "order_year"),
        Column("delivery_start", "delivery_start"),
        Column("delivery_end", "delivery_end"),
        Column("status", "status"),
        Column("comments", "comments"),
        Column("sources", related="citations__source__slug"),
        page_column(url_for),
    ]

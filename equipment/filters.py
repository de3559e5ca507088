"""The equipment list's and the transfer register's filters, shared with their exports."""

import django_filters
from django import forms
from django.db.models import Count, Exists, F, OuterRef, Q

from common.filters import (
    ChoicesFilter,
    SearchFilter,
    ShortChoicesMixin,
    SlugFilter,
    SortFilter,
    YearFilter,
    YearRangeForm,
)
from common.text import word_condition
from equipment.models import Category, Designation, Equipment, Status, Transfer
from equipment.models.transfers import LATEST_FIRST, REGISTER_ORDER
from events.models import Actor


def designation_code(word):
    """Equipment known by a code containing ``word``: what makes search alias-aware for equipment."""
    return Q(Exists(Designation.objects.filter(word_condition("search_name", word), equipment=OuterRef("pk"))))


class DesignationCodeField(forms.CharField):
    """A designation code, looked up only once the field's own checks (its length, no NUL
    character) have passed: the database is never asked about a value no code can be."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", Designation._meta.get_field("code").max_length)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value and not Designation.objects.filter(code__iexact=value).exists():
            raise forms.ValidationError("No equipment is known by the designation “%(code)s”.", params={"code": value})
        return value


class DesignationFilter(django_filters.CharFilter):
    """Equipment known by a code (any scheme, any case); an unknown code is a form error."""

    field_class = DesignationCodeField

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Designation.objects.filter(equipment=OuterRef("pk"), code__iexact=value)))


class EquipmentFilter(ShortChoicesMixin, django_filters.FilterSet):
    q = SearchFilter(extra=designation_code, help_text="Words in the name, aliases, designations or summary.")
    category = ChoicesFilter(choices=Category.choices, empty_label="Any category")
    origin = SlugFilter(queryset=Actor.objects.filter(kind="state"), empty_label="Any origin")
    based_on = SlugFilter(queryset=Equipment.objects.all(), empty_label="Any parent design")
    designation = DesignationFilter(label="Designation")
    sort = SortFilter(
        {
            "name": ("name", ("name", "slug")),
            "first_observed": ("first observed, earliest first", (F("first_observed").asc(nulls_last=True), "slug")),
            "-first_observed": ("first observed, latest first", (F("first_observed").desc(nulls_last=True), "slug")),
            "caliber_mm": ("calibre, smallest first", (F("caliber_mm").asc(nulls_last=True), "slug")),
            "-caliber_mm": ("calibre, largest first", (F("caliber_mm").desc(nulls_last=True), "slug")),
        }
    )

    short_choices = {
        "origin": lambda: Actor.objects.filter(equipment_originated__isnull=False).distinct().order_by("name"),
        "based_on": lambda: Equipment.objects.filter(derivatives__isnull=False).distinct().order_by("name"),
    }

    class Meta:
        model = Equipment
        fields = ["q", "category", "origin", "based_on", "designation", "sort"]


def most_used(model, relation):
    return lambda: model.objects.annotate(uses=Count(relation)).filter(uses__gt=0).order_by("-uses", "name")


class TransferFilter(ShortChoicesMixin, django_filters.FilterSet):
    q = SearchFilter(
        ["search_name", "search_text", "equipment__search_name", "supplier__search_name", "recipient__search_name"],
        help_text="Words in the item, comments, equipment or parties.",
    )
    supplier = SlugFilter(queryset=Actor.objects.all(), empty_label="Any supplier")
    recipient = SlugFilter(queryset=Actor.objects.all(), empty_label="Any recipient")
    equipment = SlugFilter(queryset=Equipment.objects.all(), empty_label="Any equipment")
    year_from = YearFilter(method="filter_year_from", label="From year")
    year_to = YearFilter(method="filter_year_to", label="To year")
    status = ChoicesFilter(choices=Status.choices, empty_label="Any status")
    sort = SortFilter(
        {
            "year": ("year", REGISTER_ORDER),
            "-year": ("year, latest first", LATEST_FIRST),
            "quantity": ("quantity, smallest first", (F("quantity_low").asc(nulls_last=True), *REGISTER_ORDER)),
            "-quantity": ("quantity, largest first", (F("quantity_high").desc(nulls_last=True), *REGISTER_ORDER)),
        }
    )

    short_choices = {
        "supplier": most_used(Actor, "transfers_supplied"),
        "recipient": most_used(Actor, "transfers_received"),
        "equipment": most_used(Equipment, "transfers"),
    }

    class Meta:
        model = Transfer
        fields = ["q", "supplier", "recipient", "equipment", "year_from", "year_to", "status", "sort"]
        form = YearRangeForm

    def filter_year_from(self, queryset, name, year):
        """Transfers whose order or delivery years reach ``year`` or later."""
        return queryset.filter(
            Q(delivery_end__gte=year)
            | Q(delivery_end__isnull=True, delivery_start__gte=year)
            | Q(delivery_end__isnull=True, delivery_start__isnull=True, order_year__gte=year)
        )

    def filter_year_to(self, queryset, name, year):
        """Transfers ordered or delivered in ``year`` or before."""
        return queryset.filter(Q(order_year__lte=year) | Q(delivery_start__lte=year))

"""The filters of the sources list, the citations and the disputes, shared with their exports."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from common.filters import ChoicesFilter, SearchFilter, SlugFilter
from sources.kinds import kinds
from sources.models import Citation, Source, SourceKind

CHECKED = [("yes", "checked against the source’s archived text"), ("no", "not checked: no archived text")]


class SourceFilter(django_filters.FilterSet):
    q = SearchFilter(help_text="Words in the title, publisher, authors or notes.")
    kind = ChoicesFilter(choices=SourceKind.choices, empty_label="Any kind")

    class Meta:
        model = Source
        fields = ["q", "kind"]


def kind_choices():
    return [(kind.name, kind.label) for kind in kinds()]


class EntryField(forms.CharField):
    """The key of an entry of any kind (its slug, or a designation's code); an unknown one
    is a form error, asked of the database only once its length could be a key's."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 120)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value and not any(kind.model.objects.filter(**{kind.key: value}).exists() for kind in kinds()):
            raise forms.ValidationError("There is no entry “%(entry)s”.", params={"entry": value})
        return value


class EntryFilter(django_filters.CharFilter):
    field_class = EntryField

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(Q.create([(f"{kind.name}__{kind.key}", value) for kind in kinds()], connector=Q.OR))


class CitationFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("search_text",), help_text="Words of the quote.")
    kind = ChoicesFilter(choices=kind_choices, method="filter_kind", label="Kind of entry", empty_label="Any kind")
    entry = EntryFilter(label="Entry", help_text="The entry’s short name in its address, e.g. koksan.")
    source = SlugFilter(queryset=Source.objects.defer("text"), label="Source", empty_label="Any source")
    attribute = django_filters.CharFilter(max_length=50, label="Vouches for", help_text="e.g. date, quantity.")
    checked = ChoicesFilter(
        choices=CHECKED, method="filter_checked", label="Quote checked", empty_label="Checked or not"
    )

    class Meta:
        model = Citation
        fields = ["q", "kind", "entry", "source", "attribute", "checked"]

    def filter_kind(self, queryset, name, kinds):
        return queryset.filter(Q.create([(f"{kind}__isnull", False) for kind in kinds], connector=Q.OR))

    def filter_checked(self, queryset, name, checked):
        unchecked = Q(source__text="")
        if set(checked) >= {"yes", "no"}:
            return queryset
        return queryset.exclude(unchecked) if "yes" in checked else queryset.filter(unchecked)


class DisputeFilter(django_filters.FilterSet):
    """Narrows the citations disputes are found among: a dispute is kept whole, all its
    values with it, when one of its citations is of the chosen source."""

    kind = ChoicesFilter(choices=kind_choices, method="filter_kind", label="Kind of entry", empty_label="Any kind")
    attribute = django_filters.CharFilter(max_length=50, label="Attribute", help_text="e.g. date, quantity.")
    source = SlugFilter(
        queryset=Source.objects.defer("text"), method="filter_source", label="Source", empty_label="Any source"
    )

    class Meta:
        model = Citation
        fields = ["kind", "attribute", "source"]

    filter_kind = CitationFilter.filter_kind

    def filter_source(self, queryset, name, sources):
        """Citations of an (entry, attribute) of which the source gives a value."""
        same = Q.create(
            [
                Q(**{f"{kind.name}__isnull": False})
                & Exists(
                    Citation.objects.filter(
                        source__in=sources, attribute=OuterRef("attribute"), **{kind.name: OuterRef(kind.name)}
                    ).exclude(value="")
                )
                for kind in kinds()
            ],
            connector=Q.OR,
        )
        return queryset.filter(same)

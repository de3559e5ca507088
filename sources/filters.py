"""The sources list's filters, shared with its exports."""

import django_filters

from common.filters import SearchFilter
from sources.models import Source, SourceKind


class SourceFilter(django_filters.FilterSet):
    q = SearchFilter(help_text="Words in the title, publisher, authors or notes.")
    kind = django_filters.ChoiceFilter(choices=SourceKind.choices, empty_label="Any kind")

    class Meta:
        model = Source
        fields = ["q", "kind"]

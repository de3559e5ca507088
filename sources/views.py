"""Source pages and the disputes page, and the sources' export."""

from collections import defaultdict

from django.db.models import Count, Prefetch
from django.views.generic import DetailView, TemplateView

from dprk_kb.history import last_change
from dprk_kb.listing import ExportView, FilteredListView, absolute_url_builder
from sources.exports import source_columns
from sources.filters import SourceFilter
from sources.models import TARGET_FIELDS, Citation, Source

KIND_LABELS = {
    "event": "Events",
    "actor": "Actors",
    "place": "Places",
    "era": "Eras",
    "equipment": "Equipment",
    "designation": "Designations",
    "transfer": "Transfers",
}


def sources_with_counts():
    return Source.objects.defer("text").annotate(citation_count=Count("citations")).order_by("title", "slug")


class SourceListView(FilteredListView):
    filterset_class = SourceFilter
    template_name = "sources/source_filter.html"

    def base_queryset(self):
        return sources_with_counts()


class SourceExportView(ExportView):
    filterset_class = SourceFilter
    basename = "sources"

    def base_queryset(self):
        return sources_with_counts()

    def columns(self):
        return source_columns(absolute_url_builder(self.request, "sources:source-detail"))


class SourceDetailView(DetailView):
    model = Source

    def get_queryset(self):
        return Source.objects.prefetch_related(
            Prefetch("cites", queryset=Source.objects.defer("text")),
            Prefetch("cited_by", queryset=Source.objects.defer("text")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        supported = defaultdict(list)
        citations = Citation.objects.filter(source=self.object).with_related().order_by("pk")
        for citation in citations:
            supported[citation.target_field].append(citation)
        context["supported"] = [(KIND_LABELS[name], supported[name]) for name in TARGET_FIELDS if supported[name]]
        context["citation_count"] = sum(len(c) for c in supported.values())
        context["relayed"] = list(
            Citation.objects.filter(via=self.object).with_related().order_by("source__title", "pk")
        )
        context["last_change"] = last_change(self.object)
        return context


class DisputesView(TemplateView):
    template_name = "sources/disputes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["disputes"] = Citation.objects.disputes()
        return context

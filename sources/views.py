"""Source pages and the disputes page, and the sources' export."""

from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.views import View
from django.views.generic import TemplateView

from common.detail import SlugDetailView
from common.exports import RowsExport, bad_request, export_response
from common.history import last_change
from common.listing import ExportView, FilteredListView, KeptPage, absolute_url_builder
from common.stamps import kept_for
from sources.exports import citation_columns, source_columns
from sources.filters import CitationFilter, DisputeFilter, SourceFilter
from sources.kinds import kind_named, kinds
from sources.models import Citation, Source, disputes_among
from sources.quotes import archived_paragraphs, marked, quote_place


def by_quote(citations):
    """The citations in groups that quote the same words of one source at one place, in
    the order of each group's first: a page shows each quote once, with all it vouches for."""
    groups = {}
    for citation in citations:
        groups.setdefault((citation.source_id, citation.via_id, citation.locator, citation.quote), []).append(citation)
    return list(groups.values())


def sources_with_counts():
    """Sources in list order with their number of citations (a subquery: counts stay cheap)."""
    citations = Citation.objects.filter(source=OuterRef("pk")).order_by().values("source").annotate(n=Count("*"))
    return (
        Source.objects.defer("text")
        .annotate(citation_count=Coalesce(Subquery(citations.values("n")), 0))
        .order_by("title", "slug")
    )


class SourceList:
    filterset_class = SourceFilter

    def get_queryset(self):
        return sources_with_counts()


class SourceListView(SourceList, FilteredListView):
    template_name = "sources/source_filter.html"


class SourceExportView(SourceList, ExportView):
    basename = "sources"

    def columns(self):
        return source_columns(absolute_url_builder(self.request, "sources:source-detail"))


class CitationList:
    """Every citation: its quote, locator and what it vouches for."""

    filterset_class = CitationFilter

    def get_queryset(self):
        return Citation.objects.with_related().order_by("pk")


class CitationListView(CitationList, FilteredListView):
    template_name = "sources/citation_filter.html"


class CitationExportView(CitationList, ExportView):
    basename = "citations"

    def columns(self):
        return citation_columns(self.request.build_absolute_uri)


class CitedDetailView(SlugDetailView):
    """A page of one entry: its citations, the disputes among them and its last change."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        citations = list(self.object.citations.all())
        context["citations"] = citations
        context["quoted"] = by_quote(citations)
        context["disputes"] = disputes_among(citations)
        context["last_change"] = last_change(self.object)
        return context


class SourceDetailView(SlugDetailView):
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
        context["supported"] = [(kind.plural, supported[kind.name]) for kind in kinds() if supported[kind.name]]
        context["citation_count"] = sum(len(c) for c in supported.values())
        context["relayed"] = list(
            Citation.objects.filter(via=self.object).with_related().order_by("source__title", "pk")
        )
        context["last_change"] = last_change(self.object)
        return context


class SourceTextView(SlugDetailView):
    """A source's archived text, a page of paragraphs at a time; ``?quote=<citation>``
    opens the page holding that citation's quote, scrolled to it and marked."""

    model = Source
    template_name = "sources/source_text.html"
    paragraphs_per_page = 20

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.text:
            raise Http404("This source has no archived text.")
        paragraphs = archived_paragraphs(self.object.text)
        quote, found = self.quoted(paragraphs)
        if found is not None and "page" not in request.GET:
            page = found[0] // self.paragraphs_per_page + 1
            return redirect(f"{request.path}?page={page}&quote={quote.pk}#p-{found[0] + 1}")
        context = self.get_context_data(object=self.object)
        paginator = Paginator(paragraphs, self.paragraphs_per_page)
        page = paginator.get_page(request.GET.get("page"))
        first = page.start_index() - 1
        context.update(page_obj=page, is_paginated=page.has_other_pages(), quote=quote)
        context["paragraphs"] = [
            {"number": first + i + 1, **marked(text, found, first + i)} for i, text in enumerate(page.object_list)
        ]
        return self.render_to_response(context)

    def quoted(self, paragraphs):
        """(the citation asked for, (paragraph, start, end) of its quote) or (None, None)."""
        pk = self.request.GET.get("quote", "")
        if not pk.isdigit() or len(pk) > 18:
            return None, None
        quote = Citation.objects.filter(pk=int(pk), source=self.object).only("pk", "quote").first()
        if quote is None:
            return None, None
        return quote, quote_place(quote.quote, paragraphs)


class DisputesView(KeptPage, TemplateView):
    """Every dispute, paged: finding them is cheap; showing thousands is what costs."""

    template_name = "sources/disputes.html"
    kept_model = Citation
    disputes_per_page = 100

    def get(self, request, *args, **kwargs):
        self.filterset = DisputeFilter(request.GET or None, queryset=Citation.objects.all(), request=request)
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        valid = not filterset.is_bound or filterset.is_valid()
        # Finding them compares every attribute's values: done once for each version of the data.
        keys = (
            kept_for(self.request, "dispute-keys", Citation, lambda: list(filterset.qs.dispute_keys())) if valid else []
        )
        page = Paginator(keys, self.disputes_per_page).get_page(self.request.GET.get("page"))
        context["filter"] = filterset
        context["disputes"] = Citation.objects.disputes_for(list(page.object_list))
        context.update(page_obj=page, is_paginated=page.has_other_pages(), dispute_count=len(keys))
        return context


class DisputeExportView(View):
    """One row per competing value of every dispute the filters keep (DESIGN.md's columns)."""

    header = ["entry_kind", "entry", "entry_name", "attribute", "value", "sources", "entry_url"]

    def get(self, request, fmt):
        filterset = DisputeFilter(request.GET or None, queryset=Citation.objects.all(), request=request)
        if filterset.is_bound and not filterset.is_valid():
            return bad_request(filterset.form)
        disputes = Citation.objects.disputes_for(filterset.qs.dispute_keys())
        rows = (
            [
                dispute.target._meta.model_name,
                getattr(dispute.target, kind_named(dispute.target._meta.model_name).key),
                str(dispute.target),
                dispute.attribute,
                value,
                sorted({citation.source.slug for citation in citations}),
                request.build_absolute_uri(dispute.target.get_absolute_url()),
            ]
            for dispute in disputes
            for value, citations in dispute.values.items()
        )
        return export_response(RowsExport(self.header, rows), fmt, "disputes", bom=request.GET.get("bom") == "1")

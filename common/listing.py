"""What every filterable list and its exports share.

A list page and its CSV/JSON exports use one FilterSet over one queryset, so a
researcher downloads exactly the rows they see, in the same order. A bad parameter is a
form error on the page (status 400) and a plain-text 400 on an export, never a 500.
"""

from django.urls import reverse
from django.views import View
from django_filters.views import FilterView

from common.exports import Export, bad_request, export_response


def absolute_url_builder(request, route):
    """A function slug -> absolute page address of ``route``, reversing only once."""
    placeholder = "slug-placeholder"
    template = request.build_absolute_uri(reverse(route, args=[placeholder]))
    return lambda slug: template.replace(placeholder, slug)


class FilteredListView(FilterView):
    """A FilterView that pages forgivingly and answers 400 to bad filter values."""

    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        self.filters_valid = not self.filterset.is_bound or self.filterset.is_valid()
        if self.filters_valid:
            self.object_list = self.for_page(self.filterset.qs)
        else:
            self.object_list = self.filterset.queryset.none()
        response = self.render_to_response(self.get_context_data(filter=self.filterset, object_list=self.object_list))
        if not self.filters_valid:
            response.status_code = 400
        return response

    def get_queryset(self):
        return self.base_queryset()

    def base_queryset(self):
        """The unfiltered rows in list order; the export starts from the same."""
        raise NotImplementedError

    def for_page(self, queryset):
        """The filtered rows with what the page shows of each loaded alongside."""
        return queryset

    def paginate_queryset(self, queryset, page_size):
        """Like Django's, but a page number out of range or not a number shows the nearest page."""
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if hasattr(self.filterset, "shorten_choices"):
            self.filterset.shorten_choices()
        context["filters_active"] = self.filterset.is_bound and any(
            value not in (None, "") for value in getattr(self.filterset.form, "cleaned_data", {}).values()
        )
        return context


class ExportView(View):
    """CSV or JSON of a list's filtered rows: ``fmt`` comes from the URL.

    The filters and the rows in their order are the ``list_view``'s own, so a download
    holds exactly what the page lists.
    """

    list_view = None
    basename = None
    extra_fields = ()

    def base_queryset(self):
        return self.list_view().base_queryset()

    def columns(self):
        raise NotImplementedError

    def get(self, request, fmt):
        filterset_class = self.list_view.filterset_class
        filterset = filterset_class(request.GET or None, queryset=self.base_queryset(), request=request)
        if filterset.is_bound and not filterset.is_valid():
            return bad_request(filterset.form)
        queryset = filterset.qs.select_related(None).prefetch_related(None)
        export = Export(queryset, self.columns(), self.extra_fields)
        return export_response(export, fmt, self.basename, bom=request.GET.get("bom") == "1")

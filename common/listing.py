"""What every filterable list and its exports share.

A list page and its CSV/JSON exports use one FilterSet over one queryset, so a
researcher downloads exactly the rows they see, in the same order. A bad parameter is a
form error on the page (status 400) and a plain-text 400 on an export, never a 500.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import router
from django.http import HttpResponse
from django.urls import reverse
from django.utils.text import slugify
from django.views import View
from django_filters.views import FilterView

from common.exports import Export, bad_request, export_response
from common.filters import given
from common.stamps import kept, kept_for, request_stamp

SLUG_PLACEHOLDER = "slug-placeholder"


def url_builder(route, absolute=lambda address: address):
    """A function slug -> page address of ``route`` (through ``absolute``), reversing only once."""
    template = absolute(reverse(route, args=[SLUG_PLACEHOLDER]))
    return lambda slug: template.replace(SLUG_PLACEHOLDER, slug)


def absolute_url_builder(request, route):
    """A function slug -> absolute page address of ``route``, reversing only once."""
    return url_builder(route, request.build_absolute_uri)


class KeptPage:
    """A page that depends only on the data and its address (path, query, host), kept in
    the cache under the data's stamp (common.stamps) and rendered once for each. Pages
    for editors signed in are made afresh (they carry links for editors). A page with an
    error (a 400 with its form's errors, a 404) is not kept; one whose counts were left
    out for time is kept for ``settings.CACHE_RETRY_SECONDS`` only, then counted again.
    ``kept_model`` names the database the page reads (through the router)."""

    kept_model = None

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return super().get(request, *args, **kwargs)
        status, content, content_type, _whole = kept(
            request_stamp(request, router.db_for_read(self.kept_model)),
            f"page:{type(self).__module__}.{type(self).__qualname__}",
            (request.get_host(), request.path, sorted(request.GET.lists())),
            lambda: self._rendered(request, *args, **kwargs),
            self._lifetime,
        )
        return HttpResponse(content, status=status, content_type=content_type)

    @staticmethod
    def _lifetime(page):
        status, _content, _content_type, whole = page
        if status != 200:
            return 0
        return None if whole else settings.CACHE_RETRY_SECONDS

    def _rendered(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        whole = not (getattr(response, "context_data", None) or {}).get("facets_incomplete")
        response.render()
        return response.status_code, response.content, response["Content-Type"], whole


class FilteredListView(KeptPage, FilterView):
    """django-filter's FilterView, paging forgivingly; bad filter values make a 400 page.

    A list is a mixin holding ``filterset_class`` and ``get_queryset`` (the rows in list
    order, with what the page shows of each loaded alongside); its page is the mixin with
    this view, its export the mixin with ``ExportView``, so both filter the same rows.
    """

    paginate_by = 50

    @property
    def kept_model(self):
        return self.filterset_class._meta.model

    @property
    def filters_valid(self):
        return not self.filterset.is_bound or self.filterset.is_valid()

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.filters_valid:
            response.status_code = 400
        return response

    def get_paginator(self, queryset, per_page, **kwargs):
        """Pages whose number of rows is counted once for each version of the data and
        these filters (a word filter reads every row to count them), and kept."""
        name = f"count:{type(self).__module__}.{type(self).__qualname__}"
        return CountedPaginator(
            kept_for(self.request, name, queryset.model, queryset.count), queryset, per_page, **kwargs
        )

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
            given(value) for value in getattr(self.filterset.form, "cleaned_data", {}).values()
        )
        return context


class CountedPaginator(Paginator):
    """A paginator told its number of rows."""

    def __init__(self, count, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.__dict__["count"] = count  # Paginator.count is a cached property: this is its value


class ExportView(View):
    """CSV or JSON of a list's filtered rows (``fmt`` comes from the URL), with the list's
    own ``filterset_class`` and ``get_queryset``: a download holds exactly what the page
    lists, in its order. Its ``columns()`` are the list's export columns."""

    basename = None

    def columns(self):
        raise NotImplementedError

    def export(self, queryset):
        return Export(queryset, self.columns())

    def get(self, request, fmt):
        filterset = self.filterset_class(request.GET or None, queryset=self.get_queryset(), request=request)
        if filterset.is_bound and not filterset.is_valid():
            return bad_request(filterset.form)
        name = download_name(self.basename, filterset.form)
        return export_response(self.export(filterset.qs), fmt, name, bom=request.GET.get("bom") == "1")


MAX_DOWNLOAD_NAME = 120


def download_name(basename, form):
    """The download's name: the list's, then each filter used with its values, in the form's
    order (``timeline-era-korean-war``, ``equipment-category-towed_gun-q-koksan``), cut at a
    hyphen to ``MAX_DOWNLOAD_NAME`` characters; the export adds the date."""
    parts = [basename]
    for field in form.fields:
        # A descending sort ("-date") is named as such, which its slug alone would not say.
        values = (
            [slugify(f"desc {v[1:]}" if v.startswith("-") else v) for v in form.data.getlist(field)]
            if form.data
            else []
        )
        values = [value for value in values if value]
        if values:
            parts += [field, *values]
    name = "-".join(parts)
    if len(name) > MAX_DOWNLOAD_NAME:
        name = name[: MAX_DOWNLOAD_NAME + 1].rsplit("-", 1)[0]
    return name

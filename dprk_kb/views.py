"""The pages that span every app: the overview and the search; and what browsers and
crawlers ask every site for (its icon, robots.txt)."""

from django import forms
from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from common.listing import KeptPage
from common.text import MAX_QUERY_LENGTH
from dprk_kb.search import Query, search_everything
from events.models import Era, Event
from sources.kinds import kinds
from sources.models import Citation, Source


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Every kind of entry (the eras are listed one by one below), the sources and citations.
        counted = [kind.model for kind in kinds() if kind.model is not Era] + [Source, Citation]
        context["counts"] = [
            (model._meta.verbose_name_plural, model.objects.count(), getattr(model, "list_route", None))
            for model in counted
        ]
        context["eras"] = dict(Event.objects.count_by_era(list(Era.objects.order_by("start"))))
        return context


class SearchForm(forms.Form):
    """The same rules as the lists' word filter: a length limit, no NUL character."""

    q = forms.CharField(max_length=MAX_QUERY_LENGTH, required=False)


class SearchView(KeptPage, TemplateView):
    template_name = "search.html"
    kept_model = Event

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")
        form = SearchForm({"q": query})
        error = None if form.is_valid() else " ".join(form.errors["q"])
        parsed = Query.parse("" if error else query)
        context["query"] = query
        context["error"] = error
        context["notice"] = parsed.notice
        context["results"] = search_everything(parsed)
        context["result_count"] = sum(len(group.results) for group in context["results"])
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["error"]:
            response.status_code = 400
        return response


FAVICON = settings.BASE_DIR / "static" / "favicon.ico"


@require_safe
@cache_control(public=True, max_age=24 * 3600)
def favicon(request):
    """The site's icon where browsers look for it first, /favicon.ico (pages also link it)."""
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")


@require_safe
@cache_control(public=True, max_age=24 * 3600)
def robots_txt(request):
    """Crawlers may read every public page, not the editors' workplace; the sitemap lists them."""
    lines = [
        "User-agent: *",
        "Allow: /",
        f"Disallow: {reverse('admin:index')}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")

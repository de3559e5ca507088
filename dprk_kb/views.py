"""The pages that span every app: the overview and the search."""

from django import forms
from django.views.generic import TemplateView

from common.text import MAX_QUERY_LENGTH
from dprk_kb.search import search_everything
from equipment.models import Designation, Equipment, Transfer
from events.models import Actor, Era, Event, Place
from sources.models import Citation, Source


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = [
            ("events", Event.objects.count(), "events:timeline"),
            ("equipment", Equipment.objects.count(), "equipment:equipment-list"),
            ("transfers", Transfer.objects.count(), "equipment:transfer-list"),
            ("actors", Actor.objects.count(), "events:actor-list"),
            ("places", Place.objects.count(), "events:place-list"),
            ("sources", Source.objects.count(), "sources:source-list"),
            ("designations", Designation.objects.count(), None),
            ("citations", Citation.objects.count(), None),
        ]
        context["eras"] = Event.objects.count_by_era(list(Era.objects.order_by("start")))
        return context


class SearchForm(forms.Form):
    """The same rules as the lists' word filter: a length limit, no NUL character."""

    q = forms.CharField(max_length=MAX_QUERY_LENGTH, required=False)


class SearchView(TemplateView):
    template_name = "search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")
        form = SearchForm({"q": query})
        error = None if form.is_valid() else " ".join(form.errors["q"])
        context["query"] = query
        context["error"] = error
        context["results"] = [] if error else search_everything(query)
        context["result_count"] = sum(len(r.entries) for r in context["results"])
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["error"]:
            response.status_code = 400
        return response

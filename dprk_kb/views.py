from django.views.generic import TemplateView

from equipment.models import Designation, Equipment, Transfer
from events.models import Actor, Event, Place
from sources.models import Citation, Source


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = [
            ("events", Event.objects.count()),
            ("actors", Actor.objects.count()),
            ("places", Place.objects.count()),
            ("equipment", Equipment.objects.count()),
            ("designations", Designation.objects.count()),
            ("transfers", Transfer.objects.count()),
            ("sources", Source.objects.count()),
            ("citations", Citation.objects.count()),
        ]
        return context

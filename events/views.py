"""The timeline and its map, event, actor and place pages, and the timeline's, actors' and
places' exports."""

from functools import partial
from itertools import groupby

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.generic import TemplateView

from common.alphabet import by_initial
from common.dates import DatePrecision, format_date
from common.listing import ExportView, FilteredListView, absolute_url_builder
from common.stamps import kept_for
from events.exports import actor_columns, event_columns, place_columns
from events.filters import ActorFilter, EventFilter, PlaceFilter
from events.maps import Spot, country_area, draw
from events.models import Actor, Era, Event, Place
from events.models.eras import heading_era
from events.timeline_chart import build_chart
from sources.models import citations_prefetch
from sources.views import CitedDetailView


class TimelineList:
    """The timeline's rows: its page, its exports and the admin's CSV action."""

    filterset_class = EventFilter

    def get_queryset(self):
        return Event.objects.for_list()


class TimelineView(TimelineList, FilteredListView):
    template_name = "events/event_filter.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        if filterset.in_time_order:
            context["groups"] = timeline_groups(context["object_list"], filterset.eras, filterset.eras_asked)
        else:  # sorted by title: one list, without the headings of time
            context["groups"] = [
                {"era": None, "untimed": True, "years": [{"label": "", "events": context["object_list"]}]}
            ]
        valid = self.filters_valid
        context["facets"] = filterset.facet_counts() if valid else filterset.facet_names_only()
        context["facets_incomplete"] = valid and any(not facet.counted for facet in context["facets"])
        chart = partial(drawn_chart, filterset.qs, filterset.eras, self.request.GET, filterset.asked)
        context["chart"] = kept_for(self.request, "timeline-chart", Event, chart) if valid else None
        return context


def drawn_chart(*args):
    """The timeline's chart (``build_chart``) with its drawing in HTML, rendered once with it."""
    chart = build_chart(*args)
    if chart is not None:
        chart.html = render_to_string("includes/timeline_chart.html", {"chart": chart})
    return chart


def timeline_groups(events, eras, asked):
    """The page's events under their era headings (``heading_era``) and, within an era,
    under the year or the decade they start in ("1950s" before "1950")."""
    eras_of = Era.objects.finder(eras)
    for event in events:
        event.eras = eras_of(*event.period)
        event.heading = heading_era(event.eras, asked)
        event.other_eras = [era for era in event.eras if era is not event.heading]
    return [
        {
            "era": era,
            "years": [
                {"label": label, "events": list(year_events)}
                for label, year_events in groupby(era_events, key=lambda e: start_heading(e))
            ],
        }
        for era, era_events in groupby(events, key=lambda e: e.heading)
    ]


def start_heading(event):
    """The heading of the year (or the decade, for an event known to the decade) it starts in."""
    return format_date(
        event.date_start, DatePrecision.DECADE if event.date_precision == DatePrecision.DECADE else DatePrecision.YEAR
    )


class MapView(FilteredListView):
    """The places of the timeline's filtered events on a map, with the same filters and form."""

    filterset_class = EventFilter
    template_name = "events/event_map.html"
    paginate_by = None

    def get_queryset(self):
        return Event.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        valid = self.filters_valid
        context["facets"] = filterset.facet_counts() if valid else filterset.facet_names_only()
        context["facets_incomplete"] = valid and any(not facet.counted for facet in context["facets"])
        if valid:
            context.update(kept_for(self.request, "map-places", Event, lambda: self.places_of(filterset.qs)))
        return context

    def places_of(self, events):
        """The filtered events counted by place, as the timeline's place filter counts them
        (at a place or a place within it): one grouped query, and one for the places. A
        place is on the map when it has coordinates or is a whole country of the base map."""
        counts, total, placeless = events.place_counts()
        places = Place.objects.filter(pk__in=counts).select_related("country").order_by("name", "slug")
        spots = [Spot(place, place.get_absolute_url(), counts[place.pk], area=country_area(place)) for place in places]
        rows = [{"spot": spot, "timeline_url": self.timeline_url(spot.place)} for spot in spots]
        mapped = [row for row in rows if row["spot"].area or row["spot"].place.latitude is not None]
        places = {
            "event_count": total,
            "placeless_count": placeless,
            "mapped": mapped,
            "unmapped": [row for row in rows if row not in mapped],
            "map": draw([row["spot"] for row in mapped]),
        }
        if places["map"]:  # rendered once, and kept with the rest
            title = "Map of the places of these events"
            places["map"].html = render_to_string(
                "includes/map.html", {"map": places["map"], "id": "events-map", "title": title}
            )
        return places

    def timeline_url(self, place):
        """The timeline with these filters and this place."""
        query = self.request.GET.copy()
        query.pop("page", None)
        query.setlist("place", [place.slug])
        return f"{reverse('events:timeline')}?{query.urlencode()}"


class TimelineExportView(TimelineList, ExportView):
    basename = "timeline"

    def columns(self):
        return event_columns(Era.objects.finder(), absolute_url_builder(self.request, "events:event-detail"))


class EventDetailView(CitedDetailView):
    model = Event

    def get_queryset(self):
        return Event.objects.select_related("place").prefetch_related(
            Prefetch("actors", queryset=Actor.objects.order_by("name")),
            "equipment",
            citations_prefetch(),
            "images__source",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["eras"] = Era.objects.finder()(*self.object.period)
        context["previous_event"], context["next_event"] = Event.objects.neighbours(self.object)
        return context


class EventIndexView(TemplateView):
    """Every event from A to Z by title, with its date and kind (the timeline has them by date)."""

    template_name = "events/event_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["letters"] = by_initial(Event.objects.for_index(), name=lambda event: event.title)
        context["event_count"] = sum(len(letter.entries) for letter in context["letters"])
        return context


class ActorList:
    filterset_class = ActorFilter

    def get_queryset(self):
        return Actor.objects.for_list()


class ActorListView(ActorList, FilteredListView):
    template_name = "events/actor_filter.html"


class ActorExportView(ActorList, ExportView):
    basename = "actors"

    def columns(self):
        return actor_columns(absolute_url_builder(self.request, "events:actor-detail"))


class ActorDetailView(CitedDetailView):
    model = Actor

    def get_queryset(self):
        return Actor.objects.select_related("parent", "country").prefetch_related(
            Prefetch("children", queryset=Actor.objects.order_by("name")),
            Prefetch("events", queryset=Event.objects.chronological().select_related("place")),
            citations_prefetch(),
            "transfers_supplied__recipient",
            "transfers_supplied__equipment",
            "transfers_received__supplier",
            "transfers_received__equipment",
            "equipment_produced",
            "equipment_originated",
        )


class PlaceList:
    filterset_class = PlaceFilter

    def get_queryset(self):
        return Place.objects.for_list()


class PlaceListView(PlaceList, FilteredListView):
    template_name = "events/place_filter.html"


class PlaceExportView(PlaceList, ExportView):
    basename = "places"

    def columns(self):
        return place_columns(absolute_url_builder(self.request, "events:place-detail"))


class PlaceDetailView(CitedDetailView):
    model = Place

    def get_queryset(self):
        return Place.objects.select_related("country", "parent__country").prefetch_related(
            Prefetch("children", queryset=Place.objects.select_related("country").order_by("name")),
            citations_prefetch(),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # At the place or at a place within it, as the timeline's place filter keeps them.
        context["events"] = list(Event.objects.at_place(self.object).chronological())
        context["map"] = self.place_map()
        return context

    def place_map(self):
        """A small map of the place (a town with coordinates, or a whole country), the place
        it lies in and the places within it."""
        place = self.object
        own = Spot(place, place.get_absolute_url(), current=True, area=country_area(place))
        if own.area is None and place.latitude is None:
            return None
        around = [place.parent] if place.parent else []
        around += place.children.all()
        spots = [own]
        for other in around:
            area = country_area(other)
            spots.append(Spot(other, other.get_absolute_url(), area=area, fitted=area is None))
        return draw(spots, "small")

"""The editors' workplace for eras, places, actors and events."""

from django.contrib import admin

from common.admin_tools import changelist_links, csv_export_action
from events.models import Actor, Era, Event, Place
from events.views import ActorExportView, TimelineExportView
from sources.admin import CitedAdmin


@admin.register(Era)
class EraAdmin(CitedAdmin):
    list_display = ["name", "slug", "start", "end"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Place)
class PlaceAdmin(CitedAdmin):
    list_display = ["name", "slug", "country", "parent"]
    list_filter = ["country"]
    search_fields = ["slug"]
    folded_search_fields = ["search_name", "search_text"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country", "parent"]
    list_select_related = ["country", "parent"]
    readonly_fields = ["related"]

    @admin.display(description="linked from")
    def related(self, place):
        if not place.pk:
            return "—"
        return changelist_links(
            [
                ("events here", "events_event", {"place__id__exact": place.pk}),
                ("places within", "events_place", {"parent__id__exact": place.pk}),
            ]
        )


@admin.register(Actor)
class ActorAdmin(CitedAdmin):
    list_display = ["name", "slug", "kind", "start", "end", "parent", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["slug"]
    folded_search_fields = ["search_name", "search_text"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "country"]
    list_select_related = ["parent", "country"]
    readonly_fields = ["related"]
    actions = [csv_export_action(ActorExportView)]
    fieldsets = [
        (None, {"fields": ["name", "slug", "aliases", "kind", "summary"]}),
        ("Dates", {"fields": [("start", "end"), "date_precision"]}),
        ("Belongs to", {"fields": ["parent", "country"]}),
        ("Related entries", {"fields": ["related"]}),
    ]

    @admin.display(description="linked from")
    def related(self, actor):
        if not actor.pk:
            return "—"
        return changelist_links(
            [
                ("events", "events_event", {"actors__id__exact": actor.pk}),
                ("units and parts", "events_actor", {"parent__id__exact": actor.pk}),
                ("supplied", "equipment_transfer", {"supplier__id__exact": actor.pk}),
                ("received", "equipment_transfer", {"recipient__id__exact": actor.pk}),
            ]
        )


@admin.register(Event)
class EventAdmin(CitedAdmin):
    list_display = ["title", "date_display", "date_precision", "kind", "place"]
    list_filter = ["kind", "date_precision", "circa"]
    search_fields = ["slug"]
    folded_search_fields = ["search_name", "search_text"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date_start"
    autocomplete_fields = ["place", "actors", "equipment"]
    list_select_related = ["place"]
    # (The project adds the inline of the pictures that illustrate an event: dprk_kb/admin.py.)
    actions = [csv_export_action(TimelineExportView)]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary"]}),
        (
            "Date, as exactly as the sources give it",
            {
                "fields": [
                    ("date_start", "date_end"),
                    ("date_precision", "date_end_precision"),
                    ("circa", "date_qualifier"),
                ]
            },
        ),
        ("Where and who", {"fields": ["place", "actors", "equipment"]}),
    ]

    @admin.display(description="date", ordering="date_start")
    def date_display(self, event):
        return event.date_display

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from events.models import Actor, Era, Event, Place


@admin.register(Era)
class EraAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "start", "end"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Place)
class PlaceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "country", "parent"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "kind", "start", "end", "parent", "country"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "date_start", "date_precision", "kind", "place"]
    list_filter = ["kind", "date_precision"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date_start"

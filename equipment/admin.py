from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from equipment.models import Designation, Equipment, Image, Transfer


@admin.register(Equipment)
class EquipmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "category", "origin", "based_on", "first_observed"]
    list_filter = ["category"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Designation)
class DesignationAdmin(SimpleHistoryAdmin):
    list_display = ["code", "scheme", "equipment"]
    list_filter = ["scheme"]
    search_fields = ["code", "equipment__name"]


@admin.register(Transfer)
class TransferAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "supplier", "recipient", "equipment", "item", "quantity_wording", "status"]
    list_filter = ["status"]
    search_fields = ["slug", "item", "comments"]


@admin.register(Image)
class ImageAdmin(SimpleHistoryAdmin):
    list_display = ["pk", "caption", "equipment", "event"]
    search_fields = ["caption", "alt_text", "credit"]

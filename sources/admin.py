from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sources.models import Citation, Source


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "slug", "kind", "publisher", "published", "reliability"]
    list_filter = ["kind", "reliability", "language"]
    search_fields = ["title", "slug", "publisher", "authors"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["cites"]


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    list_display = ["pk", "source", "target_field", "attribute", "value", "locator"]
    list_filter = ["source", "attribute"]
    search_fields = ["quote", "value", "locator"]
    list_select_related = ["source"]

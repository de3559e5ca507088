"""Pieces the admins of every app share: the CSV action and links to related entries."""

from urllib.parse import urlencode

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join

from dprk_kb.exports import Export, export_response


def csv_export_action(export_view):
    """An action exporting the selected rows as CSV, as the public ``export_view`` does:
    its columns, and its list's rows in their order, narrowed to the selection."""

    @admin.action(description="Download the selected rows as CSV (the public export’s columns)")
    def export_selected_as_csv(modeladmin, request, queryset):
        view = export_view(request=request)
        rows = view.base_queryset().filter(pk__in=queryset.values("pk"))
        export = Export(rows, view.columns(), view.extra_fields)
        return export_response(export, "csv", f"{view.basename}-selected")

    return export_selected_as_csv


def changelist_links(links):
    """Links to admin change lists narrowed to one entry's relatives.

    ``links``: (label, "app_model", {"lookup": value}) triples.
    """
    rendered = (
        (reverse(f"admin:{model}_changelist") + "?" + urlencode(lookups), label) for label, model, lookups in links
    )
    return format_html_join(" · ", '<a href="{}">{}</a>', rendered)

from django.urls import path

from sources import views

app_name = "sources"

urlpatterns = [
    path("sources/", views.SourceListView.as_view(), name="source-list"),
    path("sources/export.<export_format:fmt>", views.SourceExportView.as_view(), name="source-export"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source-detail"),
    path("sources/<slug:slug>/text/", views.SourceTextView.as_view(), name="source-text"),
    path("citations/", views.CitationListView.as_view(), name="citation-list"),
    path("citations/export.<export_format:fmt>", views.CitationExportView.as_view(), name="citation-export"),
    path("disputes/", views.DisputesView.as_view(), name="disputes"),
    path("disputes/export.<export_format:fmt>", views.DisputeExportView.as_view(), name="dispute-export"),
]

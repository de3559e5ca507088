from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("timeline/export.<export_format:fmt>", views.TimelineExportView.as_view(), name="timeline-export"),
    path("events/", views.EventIndexView.as_view(), name="event-index"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("actors/", views.ActorListView.as_view(), name="actor-list"),
    path("actors/export.<export_format:fmt>", views.ActorExportView.as_view(), name="actor-export"),
    path("actors/<slug:slug>/", views.ActorDetailView.as_view(), name="actor-detail"),
    path("places/", views.PlaceListView.as_view(), name="place-list"),
    path("places/export.<export_format:fmt>", views.PlaceExportView.as_view(), name="place-export"),
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place-detail"),
]

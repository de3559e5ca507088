from django.urls import path

from equipment import views

app_name = "equipment"

urlpatterns = [
    path("equipment/", views.EquipmentListView.as_view(), name="equipment-list"),
    path("equipment/export.<export_format:fmt>", views.EquipmentExportView.as_view(), name="equipment-export"),
    path("equipment/<slug:slug>/", views.EquipmentDetailView.as_view(), name="equipment-detail"),
    path("designations/", views.DesignationIndexView.as_view(), name="designation-list"),
    path("designations/<str:code>/", views.DesignationDetailView.as_view(), name="designation-detail"),
    path("transfers/", views.TransferListView.as_view(), name="transfer-list"),
    path("transfers/export.<export_format:fmt>", views.TransferExportView.as_view(), name="transfer-export"),
    path("transfers/<slug:slug>/", views.TransferDetailView.as_view(), name="transfer-detail"),
]

"""Root URLs: the public site, the exports beside each list, and the admin."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, register_converter

from common.converters import ExportFormatConverter
from dprk_kb import views

register_converter(ExportFormatConverter, "export_format")

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("", include("events.urls")),
    path("", include("equipment.urls")),
    path("", include("sources.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

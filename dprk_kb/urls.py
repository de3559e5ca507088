"""Root URLs: the public site, the exports beside each list, the admin, and what crawlers
and browsers ask for (sitemap.xml, robots.txt, favicon.ico)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, register_converter

from common.converters import ExportFormatConverter
from dprk_kb import views
from dprk_kb.sitemaps import sitemaps

register_converter(ExportFormatConverter, "export_format")

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("", include("events.urls")),
    path("", include("equipment.urls")),
    path("", include("sources.urls")),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps()}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("favicon.ico", views.favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

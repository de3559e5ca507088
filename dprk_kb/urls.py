"""Root URLs: the public site, the exports beside each list, the data package and each
entry's reference, the admin, and what crawlers and browsers ask for (sitemap.xml,
robots.txt, favicon.ico)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, register_converter

from common.converters import ExportFormatConverter
from dprk_kb import data_views, views
from dprk_kb.citing import CiteView
from dprk_kb.sitemaps import sitemaps
from equipment.models import Designation, Equipment, Transfer
from events.models import Actor, Event, Place
from sources.models import Source

register_converter(ExportFormatConverter, "export_format")

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("data/", data_views.DataView.as_view(), name="data"),
    path("data/dprk-kb.zip", data_views.DataPackageView.as_view(), name="data-package"),
    # "Cite this page": the CSL-JSON beside each entry's page (dprk_kb.citing).
    path("events/<slug:slug>/cite.json", CiteView.as_view(model=Event), name="event-cite"),
    path("actors/<slug:slug>/cite.json", CiteView.as_view(model=Actor), name="actor-cite"),
    path("places/<slug:slug>/cite.json", CiteView.as_view(model=Place), name="place-cite"),
    path("equipment/<slug:slug>/cite.json", CiteView.as_view(model=Equipment), name="equipment-cite"),
    path("designations/<str:code>/cite.json", CiteView.as_view(model=Designation, key="code"), name="designation-cite"),
    path("transfers/<slug:slug>/cite.json", CiteView.as_view(model=Transfer), name="transfer-cite"),
    path("sources/<slug:slug>/cite.json", CiteView.as_view(model=Source), name="source-cite"),
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

"""The sitemap: every public page a crawler should know, as absolute addresses.

One section per kind of entry (``sources.kinds``: each entry's page, a designation's page
once per code), the sources and their archived texts, and the lists and indexes. Each
section is one query of keys, whatever the number of entries.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from sources.kinds import kinds
from sources.models import Source

# The lists, indexes and the map, by route name.
PAGES = [
    "home",
    "events:timeline",
    "events:event-index",
    "events:map",
    "equipment:equipment-list",
    "equipment:designation-list",
    "equipment:transfer-list",
    "events:actor-list",
    "events:place-list",
    "sources:source-list",
    "sources:citation-list",
    "sources:disputes",
    "data",
]


class PageSitemap(Sitemap):
    def items(self):
        return [reverse(route) for route in PAGES]

    def location(self, url):
        return url


class EntrySitemap(Sitemap):
    """The page of every entry of one kind, by its key (a slug, or a designation's code)."""

    def __init__(self, kind):
        self.kind = kind

    def items(self):
        key = self.kind.key
        return list(self.kind.model._default_manager.order_by(key).values_list(key, flat=True).distinct())

    def location(self, key):
        return self.kind.url_of(key)


class SourceSitemap(Sitemap):
    def items(self):
        return list(Source.objects.order_by("slug").values_list("slug", flat=True))

    def location(self, slug):
        return reverse("sources:source-detail", args=[slug])


class SourceTextSitemap(Sitemap):
    """The first page of each archived text (its other pages are linked from it)."""

    def items(self):
        return list(Source.objects.exclude(text="").order_by("slug").values_list("slug", flat=True))

    def location(self, slug):
        return reverse("sources:source-text", args=[slug])


def sitemaps():
    return {
        "pages": PageSitemap,
        **{kind.name: EntrySitemap(kind) for kind in kinds()},
        "sources": SourceSitemap,
        "source-texts": SourceTextSitemap,
    }

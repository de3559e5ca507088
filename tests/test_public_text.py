"""Public text is for readers: no page shows file names, internal document numbers, raw
field names or slugs where a reader expects words (DESIGN.md, "Provenance").

The crawl visits every public page of the curated knowledge base: each list page with
every one of its pages, every entry's page and a few searches. Exports are data, not
text for readers, and are left out. Only what a reader sees is checked: the text between
tags, without scripts, styles and attribute values (addresses, classes, form names).
"""

import re
from html.parser import HTMLParser

import pytest
from django.urls import NoReverseMatch, reverse

from equipment.models import Designation, Equipment, Image, Transfer
from events.models import Actor, Era, Event, Place
from sources.models import Source

pytestmark = pytest.mark.django_db

LIST_ROUTES = [
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
]
SEARCHES = ["koksan", "tank", "Kim Il-sung", "Russia", "1950"]

# What a reader should never read, each with why.
FORBIDDEN = {
    "an internal document number": re.compile(r"\bdocuments? 00\d", re.IGNORECASE),
    "a bare internal document number": re.compile(r"(?<![\d,.])\b00\d\b"),
    "the word seed (the editors' name for the five source documents)": re.compile(r"\bseeds?\b", re.IGNORECASE),
    "an archived text's file name": re.compile(r"\d{3}_[0-9a-f]{16}\.txt"),
    "a raw field name": re.compile(r"\b[a-z]+_[a-z_]+\b"),
}
# A hyphenated word in parentheses is often plain English ("(licence-produced)",
# "(1964-1979)"); it is a leak when it is the slug of an entry.
PARENTHESISED = re.compile(r"\(([a-z0-9]+(?:-[a-z0-9]+)+)\)")


class VisibleText(HTMLParser):
    """The text of a page as a reader sees it: no tags, scripts, styles or attributes."""

    hidden = {"script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0
        self.href = None

    def handle_starttag(self, tag, attrs):
        if tag in self.hidden:
            self.skipping += 1
        if tag == "a":
            self.href = dict(attrs).get("href")
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.hidden and self.skipping:
            self.skipping -= 1
        if tag == "a":
            self.href = None
        self.parts.append(" ")

    def handle_data(self, data):
        # A link that shows its own address (a reference's URL) is an address, not words.
        if not self.skipping and not (self.href and data.strip() == self.href):
            self.parts.append(data)

    @classmethod
    def of(cls, html):
        parser = cls()
        parser.feed(html)
        parser.close()
        return " ".join("".join(parser.parts).split())


def reverse_or_none(route, **kwargs):
    """The address of ``route``, or None on a site that does not have that page."""
    try:
        return reverse(route, kwargs=kwargs)
    except NoReverseMatch:
        return None


def entry_pages():
    """Every entry's own page (a designation page is one per code)."""
    urls = []
    for model in (Event, Actor, Place, Era, Equipment, Transfer, Source, Image):
        if hasattr(model, "get_absolute_url"):
            urls += [entry.get_absolute_url() for entry in model.objects.all()]
    urls += {designation.get_absolute_url() for designation in Designation.objects.all()}
    for slug in Source.objects.exclude(text="").values_list("slug", flat=True):
        urls.append(reverse_or_none("sources:source-text", slug=slug))
    return [url for url in urls if url]


def crawl(client):
    """(address, visible text) of every public page."""
    pages = []

    def visit(url):
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append((url, VisibleText.of(response.content.decode())))
        return response

    visit(reverse("home"))
    for route in LIST_ROUTES:
        url = reverse_or_none(route)
        if url is None:
            continue
        page = visit(url).context.get("page_obj")
        for number in range(2, page.paginator.num_pages + 1 if page else 1):
            visit(f"{url}?page={number}")
    for words in SEARCHES:
        visit(f"{reverse('search')}?q={words}")
    for url in entry_pages():
        visit(url)
    return pages


def leaks(text, slugs):
    """What in ``text`` a reader should not read, as (why, what) pairs."""
    found = [(why, match.group(0)) for why, pattern in FORBIDDEN.items() for match in pattern.finditer(text)]
    found += [("an entry's slug", match.group(0)) for match in PARENTHESISED.finditer(text) if match.group(1) in slugs]
    return found


def all_slugs():
    slugs = set()
    for model in (Event, Actor, Place, Era, Equipment, Transfer, Source):
        slugs.update(model.objects.values_list("slug", flat=True))
    return slugs


def test_visible_text_strips_markup_and_keeps_words():
    html = '<p class="raw_name">A <a href="/x_y/">T-34-85</a> (1950)</p><script>var a_b = 1;</script>'
    assert VisibleText.of(html) == "A T-34-85 (1950)"
    assert VisibleText.of('<p>At <a href="http://kb/sources/x-002/">http://kb/sources/x-002/</a>.</p>') == "At ."


def test_leaks_are_found_and_english_is_not():
    slugs = {"koksan-m1989"}
    text = "Document 001 says (koksan-m1989); 002 agrees; the seeds, 000_8956081076739c6e.txt and caliber_mm."
    assert {why for why, _ in leaks(text, slugs)} == set(FORBIDDEN) | {"an entry's slug"}
    reader_text = (
        "Assembled (licence-produced) during the Rhodesian Bush War (1964-1979); the document says so. "
        "About 12,000 soldiers, 1,000 tanks and $2000 a month."
    )
    assert leaks(reader_text, slugs) == []


def test_no_public_page_shows_internal_names(client):
    slugs = all_slugs()
    pages = crawl(client)
    assert len(pages) > 400  # every list page, entry page and a few searches
    found = {}
    for url, text in pages:
        for why, what in leaks(text, slugs):
            found.setdefault((why, what), url)
    report = "\n".join(f"{why}: {what!r} on {url}" for (why, what), url in sorted(found.items()))
    assert not found, f"Public pages show what readers should not read:\n{report}"

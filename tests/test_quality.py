"""Every public page type in a real browser: no sideways scrolling on a phone or a desktop,
no accessibility violations (axe-core), valid HTML (the Nu HTML Checker), no asset from
another host. Screenshots of each page type at both widths go to test-artifacts/."""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest

from equipment.models import Transfer
from tests.conftest import ARTIFACTS, require_or_skip

NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
WIDTHS = [375, 1280]
SCREENSHOTS = ARTIFACTS / "screenshots"


def page_types():
    """One URL per public page type (and the not-found page)."""
    transfer = Transfer.objects.order_by("slug").first()
    return {
        "home": "/",
        "timeline": "/timeline/",
        "timeline-filtered": "/timeline/?era=korean-war&kind=battle",
        "timeline-bad-filter": "/timeline/?year_from=abc",
        "timeline-zoomed": "/timeline/?year_from=1960&year_to=1969",
        "map": "/map/",
        "map-filtered": "/map/?era=korean-war",
        "event": "/events/korean-war-outbreak/",
        "events-index": "/events/",
        "equipment-list": "/equipment/",
        "equipment": "/equipment/koksan-m1989/",
        "designation": "/designations/M1989/",
        "designations-index": "/designations/",
        "transfers": "/transfers/",
        "transfer": transfer.get_absolute_url(),
        "actors": "/actors/",
        "actor": "/actors/kim-il-sung/",
        "places": "/places/",
        "place": "/places/kusong/",
        "place-on-map": "/places/pyongyang/",
        "place-country": "/places/russia/",
        "sources": "/sources/",
        "source": "/sources/dprk-cold-war/",
        "source-text": "/sources/dprk-cold-war/text/?page=2",
        "citations": "/citations/?source=dprk-cold-war",
        "disputes": "/disputes/",
        "search": "/search/?q=koksan",
        "search-romanized": "/search/?q=juche",
        "search-too-short": "/search/?q=a",
        "data": "/data/",
        "not-found": "/events/no-such-event/",
    }


pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways_and_the_timeline_fits(reading_site, chromium, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    foreign, refused = [], []
    page.on(
        "request", lambda request: foreign.append(request.url) if not _local(request.url, reading_site.url) else None
    )
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    too_wide = []
    for name, url in page_types().items():
        page.goto(reading_site.url + url)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide.append((name, scroll_width))
        if name.startswith("timeline") and page.locator(".timeline-chart svg").count():
            # One drawing of the chart shows at each width (the narrow one on a phone), and it fits.
            shown = page.locator(".timeline-chart svg >> visible=true")
            assert shown.count() == 1, name
            box = shown.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (name, box)
            expected = "timeline-chart__svg--narrow" if width < 640 else "timeline-chart__svg--wide"
            assert expected in shown.get_attribute("class"), (name, width)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    context.close()
    assert too_wide == []
    assert foreign == []
    assert refused == []  # nothing the page needs is blocked by the Content Security Policy
    print(f"\nscreenshots of {len(page_types())} page types at {width}px in {SCREENSHOTS}")


def _local(url, site_url):
    return url.startswith(("data:", "blob:")) or urlparse(url).netloc == urlparse(site_url).netloc


def test_every_page_type_passes_axe(reading_site, chromium):
    require_or_skip(AXE.exists(), f"axe-core ({AXE}; run `npm ci`)")
    # The audit script is injected by the test, which the site's own policy rightly forbids.
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    violations, rules = [], set()
    for name, url in page_types().items():
        page.goto(reading_site.url + url)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            AXE_TAGS,
        )
        for group in ("passes", "violations", "incomplete", "inapplicable"):
            rules.update(rule["id"] for rule in result[group])
        for violation in result["violations"]:
            targets = [node["target"] for node in violation["nodes"][:3]]
            violations.append(f"{name}: {violation['id']} ({violation['impact']}): {violation['help']} {targets}")
    context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe.json").write_text(json.dumps({"pages": len(page_types()), "rules": sorted(rules)}, indent=1))
    print(f"\naxe-core: {len(rules)} rules on {len(page_types())} page types")
    assert violations == []


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client, tmp_path):
    java = shutil.which("java")
    require_or_skip(java is not None, "Java (for the Nu HTML Checker)")
    require_or_skip(VNU.exists(), f"the Nu HTML Checker ({VNU}; run `npm ci`)")
    files = []
    for name, url in page_types().items():
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--also-check-svg", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "vnu.json").write_text(json.dumps({"files": len(files), "messages": messages}, indent=1))
    print(f"\nNu HTML Checker: {len(files)} pages, {len(errors)} errors, {len(messages) - len(errors)} warnings")
    assert errors == []


def test_no_page_type_logs_a_console_error_and_the_icon_loads(reading_site, chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(("script", page.url, str(error))))

    def on_console(message):
        # The not-found and bad-filter page types answer 404 and 400 on purpose: the
        # browser's note on the document's own status is no error of the page.
        if message.type == "error" and message.location.get("url") != page.url:
            errors.append(("console", page.url, message.text))

    page.on("console", on_console)
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    for url in page_types().values():
        page.goto(reading_site.url + url)
    icon_status = page.evaluate(
        "async () => [(await fetch(document.querySelector('link[rel=icon]').href)).status,"
        " (await fetch('/favicon.ico')).status]"
    )
    context.close()
    assert errors == []
    expected = {
        reading_site.url + url for name, url in page_types().items() if name in ("not-found", "timeline-bad-filter")
    }
    assert set(failed) <= expected  # no asset, icon or script the pages ask for is missing
    assert icon_status == [200, 200]


LIST_PAGES = ["/timeline/", "/equipment/", "/transfers/", "/actors/", "/places/", "/sources/", "/citations/"]
LIST_PAGES += ["/disputes/"]


def _filters_open(page):
    return page.evaluate("document.querySelector('details.filters-panel').open")


def test_on_a_phone_the_filters_fold_away_and_the_transfer_register_fits(reading_site, chromium):
    context = chromium.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    for url in LIST_PAGES:
        page.goto(reading_site.url + url)
        assert not _filters_open(page), url
        assert not page.locator(".filters button[type=submit]").is_visible(), url
        top = page.locator(".result-count").first.bounding_box()["y"]
        assert top < 800, (url, top)  # the results start on the first screen
    page.locator(".filters-panel > summary").first.click()  # a tap unfolds it
    assert _filters_open(page) and page.locator(".filters button[type=submit]").is_visible()

    page.goto(reading_site.url + "/transfers/")
    table = page.locator(".data-table").bounding_box()
    assert table["x"] >= 0 and table["x"] + table["width"] <= 375, table
    wrap = page.evaluate("(w => [w.scrollWidth, w.clientWidth])(document.querySelector('.table-wrap'))")
    assert wrap[0] <= wrap[1]  # nothing to scroll sideways to
    cells = page.evaluate(
        "[...document.querySelectorAll('.data-table tbody tr:first-child > *')]"
        ".map(c => [c.dataset.label, c.getBoundingClientRect().right, getComputedStyle(c).display])"
    )
    visible = [(label, right) for label, right, display in cells if display != "none"]
    assert {"What", "Supplier", "Recipient", "Transfer"} <= {label for label, _ in visible}
    assert all(right <= 375 for _, right in visible), visible
    label = page.evaluate(
        "getComputedStyle(document.querySelector('.data-table td[data-label=Supplier]'), '::before').content"
    )
    assert label == '"Supplier: "'

    page.goto(reading_site.url + "/transfers/?year_from=abc")
    assert _filters_open(page)  # a filter to correct stays in view
    page.goto(reading_site.url + "/designations/M1992/")
    markers = page.evaluate(
        "[...document.querySelectorAll('.designation-match li')].map(li => getComputedStyle(li).listStyleType)"
    )
    assert markers and set(markers) == {"none"}  # the quotes' bars mark them, no stray bullets
    context.close()


def test_the_filters_are_open_on_a_wide_screen_and_without_javascript(reading_site, chromium):
    wide = chromium.new_context(viewport={"width": 1280, "height": 800})
    no_script = chromium.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    for context in (wide, no_script):
        page = context.new_page()
        for url in LIST_PAGES:
            page.goto(reading_site.url + url)
            assert _filters_open(page), url
            assert page.locator(".filters button[type=submit]").is_visible(), url
        context.close()

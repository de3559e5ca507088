"""The editor's journey through the workplace in a real Chromium: log in, write a
citation by selecting a passage of the source's text in the quote picker, save it
checked, give a reason for a change and find it in the history. The pages of the
journey pass axe-core and the Nu HTML Checker."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

from events.models import Event
from sources.locators import paragraph_locators
from sources.models import Source
from sources.quotes import in_text
from tests.conftest import ARTIFACTS, require_or_skip
from tests.test_quality import AXE, AXE_TAGS, VNU

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple"
SCREENSHOTS = ARTIFACTS / "screenshots"
PASSAGE = "The most important incidents involved the Blue House Raid on 21st January 1968"


def log_in(site, page):
    user = User.objects.create_user("ed", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    page.goto(site.url + "/admin/")
    assert "DPRK Military History — editors’ workplace" in page.locator("#site-name").inner_text()
    page.get_by_label("Username").fill("ed")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def choose_source(page, form, title_words, title):
    page.locator(f"#{form} .field-source .select2-selection").first.click()
    page.locator(".select2-container--open .select2-search__field").fill(title_words)
    page.locator(".select2-results__option", has_text=title).click()


def select_words(page, item, words):
    """Select ``words`` inside the paragraph ``item`` as a mouse drag would, and let go."""
    item.evaluate(
        """(li, words) => {
            const node = li.firstChild, start = node.textContent.indexOf(words);
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + words.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            li.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        }""",
        words,
    )


def expected_locator(words):
    text = Source.objects.get(slug="dprk-cold-war").text
    return next(locator for paragraph, _kind, locator in paragraph_locators(text) if words in paragraph)


def test_an_editor_picks_a_quote_from_the_source_text_and_saves_it_checked(site, page):
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    log_in(site, page)
    page.goto(site.url + "/admin/events/event/add/")
    page.locator("#id_title").press_sequentially("Blue House Raid picked")
    page.locator("#id_kind").select_option("incident")
    page.locator("#id_date_start").fill("1968-01-21")
    page.locator("#id_date_precision").select_option("day")
    choose_source(page, "citations-0", "Cold War", "Democratic People’s Republic of Korea (Cold War)")

    picker = page.locator("#id_citations-0-quote-picker")
    picker.locator("li").first.wait_for()
    assert picker.get_attribute("open") is not None  # a new citation: the text opens beside its quote box
    picker.get_by_label("Find in the text").fill("blue house raid")
    shown = picker.locator("li:visible")
    assert shown.count() == 1
    select_words(page, shown.first, PASSAGE)
    assert page.locator("#id_citations-0-quote").input_value() == PASSAGE
    assert page.locator("#id_citations-0-locator").input_value() == expected_locator(PASSAGE)
    assert "Quote filled" in picker.locator("[role=status]").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "admin-quote-picker-1280.png"), full_page=True)

    page.locator("input[name=_save]").click()
    page.wait_for_url(re.compile(r"/admin/events/event/$"))
    event = Event.objects.get(title="Blue House Raid picked")
    citation = event.citations.get()
    assert citation.quote == PASSAGE and citation.locator == expected_locator(PASSAGE)
    assert in_text(citation.quote, citation.source.text)  # checked against the archived text
    assert refused == []


def test_a_whole_paragraph_picked_by_triple_click_is_quoted_and_checked(site, page):
    log_in(site, page)
    citation = Event.objects.get(slug="korean-war-outbreak").citations.filter(source__slug="dprk-cold-war").first()
    page.goto(site.url + f"/admin/sources/citation/{citation.pk}/change/")
    page.wait_for_load_state("networkidle")
    picker = page.locator("#id_quote-picker")
    assert picker.get_attribute("open") is None
    picker.locator("summary").click()  # a citation with its quote: the text waits, closed
    item = picker.locator("li.kb-picker__body").nth(3)
    item.click(click_count=3)
    quote = page.locator("#id_quote").input_value()
    assert quote and in_text(quote, citation.source.text)
    assert page.locator("#id_locator").input_value() == expected_locator(quote)


def test_the_form_still_works_by_typing_without_javascript(site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(site, page)
    citation = Event.objects.get(slug="korean-war-outbreak").citations.first()
    page.goto(site.url + f"/admin/sources/citation/{citation.pk}/change/")
    assert page.locator(".kb-picker").count() == 0
    page.locator("#id_locator").fill("typed by hand")
    page.get_by_label("Reason for this change").fill("Locator typed")
    page.locator("input[name=_save]").click()
    page.wait_for_url(re.compile(r"/admin/sources/citation/$"))
    citation.refresh_from_db()
    assert citation.locator == "typed by hand"
    context.close()


# Django's own known issues, reported (printed and in test-artifacts/admin-axe.json), not
# counted: the admin's autocomplete widget (Select2 4.0.13, vendored by Django) renders a
# combobox without an accessible name, an unlabelled search box and a <ul> holding more
# than <li>s. Only violations whose every element is inside a Select2 widget are Django's.
SELECT2_ISSUES = {"aria-input-field-name", "label", "list"}


def journey_pages(site, page):
    """Open the pages of the journey; yield (name, url) with the page loaded."""
    event = Event.objects.get(slug="korean-war-outbreak")
    change = f"/admin/events/event/{event.pk}/change/"
    page.goto(site.url + change)
    page.get_by_label("Reason for this change").fill("Summary checked against the source")
    page.locator("#id_summary").fill(event.summary + " The attack began at dawn, along the whole border.")
    page.locator("input[name=_continue]").click()
    page.wait_for_url(re.compile(r"/change/$"))
    record = event.history.order_by("-history_date", "-history_id").first()
    assert record.history_change_reason == "Summary checked against the source"
    citation = event.citations.filter(source__slug="dprk-cold-war").first()
    pages = {
        "admin-login": "/admin/login/",
        "admin-change-form-with-picker": change,
        "admin-citation-with-picker": f"/admin/sources/citation/{citation.pk}/change/",
        "admin-history": f"/admin/events/event/{event.pk}/history/",
        "admin-version": f"/admin/events/event/{event.pk}/history/{record.history_id}/",
    }
    for name, url in pages.items():
        if name == "admin-login":
            continue
        page.goto(site.url + url)
        if "picker" in name:
            page.wait_for_load_state("networkidle")
            page.locator(".kb-picker summary").first.click()
            page.locator(".kb-picker li").first.wait_for()
        yield name, url


def test_the_journeys_pages_pass_axe_with_the_picker_open(site, chromium):
    require_or_skip(AXE.exists(), f"axe-core ({AXE}; run `npm ci`)")
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    log_in(site, page)
    violations, known, checked = [], [], []
    for name, _url in journey_pages(site, page):
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        checked.append(name)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-1280.png"), full_page=True)
        for violation in result["violations"]:
            targets = [" ".join(node["target"]) for node in violation["nodes"]]
            line = f"{name}: {violation['id']} ({violation['impact']}): {violation['help']} {targets[:3]}"
            djangos = violation["id"] in SELECT2_ISSUES and all("select2" in target for target in targets)
            (known if djangos else violations).append(line)
    context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "admin-axe.json").write_text(json.dumps({"ours": violations, "djangos": known}, indent=1))
    print(f"\naxe-core on {checked}: {len(violations)} violations of ours; Django's own:", *known, sep="\n")
    assert violations == []


# Django's own known markup errors, reported (printed and in test-artifacts/admin-vnu.json),
# not counted: its autocomplete <select> starts with an empty <option>, or, for a required
# key, with the chosen entry alone; its formsets' management inputs are hidden inputs with
# autocomplete="off"; and its fieldset template gives a hidden field (the edit version of
# each inline row) a <label>.
DJANGO_MARKUP = (
    "Element “option” without attribute “label” must not be empty.",
    "An “input” element with a “type” attribute whose value is “hidden” must not have an “autocomplete” attribute",
    "The first “option” element in a “select” element with a “required” attribute",
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
)


def test_the_journeys_pages_are_valid_html_with_the_picker_open(site, chromium, client, tmp_path):
    """The pages as served (what the Nu checker reads elsewhere: tests/test_quality.py), and
    the picker's pane as the script builds it, in a page of its own."""
    java = shutil.which("java")
    require_or_skip(java is not None, "Java (for the Nu HTML Checker)")
    require_or_skip(VNU.exists(), f"the Nu HTML Checker ({VNU}; run `npm ci`)")
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(site, page)
    files, panes = [], []
    for name, url in journey_pages(site, page):
        if "picker" in name:
            panes.append(page.locator(".kb-picker").first.evaluate("pane => pane.outerHTML"))
        files.append((name, url))
    context.close()
    (tmp_path / "admin-login.html").write_bytes(client.get("/admin/login/").content)
    paths = [tmp_path / "admin-login.html"]
    client.force_login(User.objects.get(username="ed"))
    for name, url in files:
        path = tmp_path / f"{name}.html"
        path.write_bytes(client.get(url).content)
        paths.append(path)
    for index, pane in enumerate(panes):
        path = tmp_path / f"admin-picker-pane-{index}.html"
        path.write_text(
            f'<!DOCTYPE html><html lang="en"><head><title>Pane</title></head><body><form>{pane}</form></body></html>'
        )
        paths.append(path)
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", *map(str, paths)], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors, known = [], []
    for m in messages:
        if m["type"] == "error" or m.get("subType") == "fatal":
            line = f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
            (known if m["message"].startswith(DJANGO_MARKUP) else errors).append(line)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "admin-vnu.json").write_text(json.dumps({"ours": errors, "djangos": known}, indent=1))
    print(f"\nNu HTML Checker: {len(paths)} admin pages and panes, {len(errors)} errors of ours; Django's own:")
    print(*known, sep="\n")
    assert errors == []

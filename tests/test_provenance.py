"""Every stored value vouched for by a citation, read by an editor with the reason, or
refused: the vocabulary of attributes, the comparison of stored values with their
citations, the admin's refusal of contradicting changes and ``manage.py provenance``."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from equipment.models import Transfer
from sources.kinds import kinds
from sources.provenance import CONTRADICTED, READ, UNEXPLAINED, VOUCHED, entry_findings, report
from tests.conftest import make_citation, make_equipment, make_event, make_source, make_transfer
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

TEXT = (
    "The Koksan has a calibre of 170 mm and a range exceeding 25 miles. "
    "By 7 January, footage showed the guns in Kursk. Kim Il-sung was there."
)


@pytest.fixture
def boss(client):
    client.force_login(User.objects.create_superuser("boss", password="a-long-test-password"))
    return client


def finding(entry, attribute):
    kind = entry._meta.model_name
    citations = list(entry.citations.all())
    return next(f for f in entry_findings(kind, entry, citations) if f.attribute == attribute)


def test_values_compare_as_values_and_units():
    source = make_source(text=TEXT)
    gun = make_equipment(caliber_mm=170, range_km=40)
    make_citation(gun, source=source, quote="a calibre of 170 mm", attribute="caliber_mm", value="170")
    make_citation(
        gun, source=source, quote="a range exceeding 25 miles", attribute="range_km", value="exceeding 25 miles"
    )
    assert finding(gun, "caliber_mm").status == VOUCHED
    assert finding(gun, "range_km").status == VOUCHED
    gun.caliber_mm = 175
    assert finding(gun, "caliber_mm").status == CONTRADICTED


def test_a_date_is_vouched_only_by_words_as_precise_as_it():
    source = make_source(text=TEXT)
    event = make_event(date_start=datetime.date(2025, 1, 7), date_precision="day")
    make_citation(
        event, source=source, quote="By 7 January, footage showed", attribute="date", value="by 7 January 2025"
    )
    assert finding(event, "date").status == CONTRADICTED  # "by 7 January" is not "on 7 January"
    event.date_qualifier = "by"
    assert finding(event, "date").status == VOUCHED


def test_a_value_no_citation_gives_is_unexplained_until_a_quote_states_it_or_an_editor_reads_it():
    source = make_source(text=TEXT)
    event = make_event(date_start=datetime.date(1950, 6, 25), date_precision="day")
    citation = make_citation(event, source=source, quote="Kim Il-sung was there.")
    assert finding(event, "date").status == UNEXPLAINED
    citation.attribute, citation.value, citation.reading = "date", "25 June 1950", True
    citation.note = "The date is that of the attack the account describes."
    citation.save()
    assert finding(event, "date").status == READ


def test_a_quote_that_names_a_participant_vouches_for_it():
    from events.models import Actor

    kim = Actor.objects.create(name="Kim Il-sung", slug="kim-test", kind="person")
    other = Actor.objects.create(name="Somebody else", slug="else-test", kind="person")
    event = make_event()
    event.actors.set([kim, other])
    make_citation(event, source=make_source(text=TEXT), quote="Kim Il-sung was there.")
    statuses = {f.value: f.status for f in entry_findings("event", event, list(event.citations.all()))}
    assert statuses["Kim Il-sung"] == VOUCHED and statuses["Somebody else"] == UNEXPLAINED


def test_the_admin_refuses_a_change_that_contradicts_every_citation(boss):
    source = make_source(text=TEXT)
    gun = make_equipment(caliber_mm=170)
    make_citation(gun, source=source, quote="a calibre of 170 mm", attribute="caliber_mm", value="170")
    url = reverse("admin:equipment_equipment_change", args=[gun.pk])
    data = form_data(boss.get(url).content.decode(), "equipment_form")
    data["caliber_mm"] = ["175"]
    response = boss.post(url, data)
    assert response.status_code == 200
    assert "contradicts every citation of it" in response.content.decode()
    gun.refresh_from_db()
    assert gun.caliber_mm == 170


def test_the_admin_accepts_the_change_when_a_citation_for_the_new_value_comes_with_it(boss):
    source = make_source(text=TEXT + " Later guns were 175 mm.")
    gun = make_equipment(caliber_mm=170)
    make_citation(gun, source=source, quote="a calibre of 170 mm", attribute="caliber_mm", value="170")
    url = reverse("admin:equipment_equipment_change", args=[gun.pk])
    data = form_data(boss.get(url).content.decode(), "equipment_form")
    data["caliber_mm"] = ["175"]
    prefix = "citations"
    new = int(data[f"{prefix}-TOTAL_FORMS"][0]) - 1  # the empty extra form
    data[f"{prefix}-{new}-source"] = [str(source.pk)]
    data[f"{prefix}-{new}-quote"] = ["Later guns were 175 mm."]
    data[f"{prefix}-{new}-attribute"] = ["caliber_mm"]
    data[f"{prefix}-{new}-value"] = ["175"]
    response = boss.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    gun.refresh_from_db()
    assert gun.caliber_mm == 175
    assert finding(gun, "caliber_mm").status == VOUCHED


def test_an_attribute_outside_the_vocabulary_of_its_kind_is_refused_with_a_message(boss):
    gun = make_equipment()
    citation = make_citation(gun, source=make_source(text=TEXT), quote="a calibre of 170 mm")
    url = reverse("admin:sources_citation_change", args=[citation.pk])
    data = form_data(boss.get(url).content.decode(), "citation_form")
    data["attribute"], data["value"] = ["killed"], ["170"]  # an event's claim, not equipment's
    response = boss.post(url, data)
    assert response.status_code == 200
    assert "is not among the attributes of this kind of entry (equipment)" in response.content.decode()
    citation.refresh_from_db()
    assert citation.attribute == ""


def test_a_category_the_quote_uses_of_the_entry_vouches_for_it_and_a_paragraph_about_others_does_not():
    source = make_source(text="The T-62 main battle tank. Another vehicle, the Test gun, was also seen.")
    gun = make_equipment(name="Test gun", category="main_battle_tank")
    citation = make_citation(gun, source=source, quote="Another vehicle, the Test gun, was also seen.")
    citation.passage = "The T-62 main battle tank. Another vehicle, the Test gun, was also seen."
    assert entry_findings("equipment", gun, [citation])[0].status == UNEXPLAINED
    gun.category = "other"  # outside the list: no claim to vouch for
    assert [f for f in entry_findings("equipment", gun, [citation]) if f.attribute == "category"] == []


def test_a_status_is_vouched_by_a_value_in_its_words():
    transfer = make_transfer(status="delivered")
    make_citation(
        transfer,
        source=make_source(text=TEXT),
        quote="Kim Il-sung was there.",
        attribute="status",
        value="already supplied",
    )
    assert finding(Transfer.objects.get(pk=transfer.pk), "status").status == VOUCHED


def test_every_stored_value_of_the_knowledge_base_is_vouched_for_or_read():
    counts, problems = report(kinds())
    assert [f"{f.kind} {f.entry} {f.attribute} = {f.value}: {f.status}" for f in problems] == []
    assert sum(c[VOUCHED] for c in counts.values()) > 1000
    out = StringIO()
    call_command("provenance", strict=True, stdout=out)
    assert out.getvalue().splitlines()[-2].split()[3:5] == ["0", "0"]


def test_a_related_entry_is_named_whole_not_by_part_of_its_name():
    from events.models import Actor

    north = Actor.objects.create(name="Test People’s Republic of Zed", slug="north-zed-test", kind="state")
    south = Actor.objects.create(name="Republic of Zed", slug="south-zed-test", kind="state")
    event = make_event()
    event.actors.set([north, south])
    source = make_source(text=TEXT)
    make_citation(event, source=source, quote="Kim Il-sung was there.", attribute="actors", value="Republic of Zed")
    findings = entry_findings("event", event, list(event.citations.all()))
    statuses = {f.value: f.status for f in findings if f.attribute == "actors"}
    assert statuses == {"Republic of Zed": VOUCHED, "Test People’s Republic of Zed": UNEXPLAINED}

"""The curated fixtures: they load in one call and every quote is in its source."""

import io

import pytest
from django.core.management import call_command

from dprk_kb.fixtures import FIXTURES_DIR, fixture_files, image_fixture_file, serialize_fixture
from equipment.models import Designation, Equipment, Image, Transfer
from events.models import Actor, Era, Event, Place
from sources.kinds import kinds
from sources.models import Citation, Source
from sources.quotes import in_text

pytestmark = pytest.mark.django_db

SEED_SLUGS = {
    "dprk-cold-war",
    "strategypage-north-korea-delivers",
    "army-recognition-koksan-batch",
    "joongang-kim-tank-factory",
    "koksan-howitzers-for-russia",
}


def test_every_fixture_file_is_in_the_fixtures_directory():
    on_disk = {p.name for p in FIXTURES_DIR.glob("*.json")}
    images = {image_fixture_file()} if Image.objects.exists() else set()  # written only when there are images
    assert on_disk == set(fixture_files()) | images


def test_fixtures_load_in_one_loaddata_call_and_again_without_duplicates():
    before = Citation.objects.count()
    call_command("loaddata", *sorted(str(p) for p in FIXTURES_DIR.glob("*.json")), verbosity=0)
    assert Citation.objects.count() == before > 0


def test_the_five_seed_documents_are_sources_with_their_full_text():
    seeds = Source.objects.filter(slug__in=SEED_SLUGS)
    assert seeds.count() == 5
    for source in seeds:
        assert len(source.text) > 2000, source.slug


def test_eras_cover_the_korean_war():
    war = Era.objects.get(slug="korean-war")
    assert str(war.start) == "1950-06-25" and str(war.end) == "1953-07-27"


def test_every_quote_is_verbatim_in_its_sources_text():
    """Only whitespace may differ; the quote marks must be the source's own."""
    missing = [
        (c.pk, c.source.slug, c.quote[:80])
        for c in Citation.objects.select_related("source")
        if c.source.text and not in_text(c.quote, c.source.text)
    ]
    assert missing == []


def test_every_citation_of_the_fixtures_quotes_an_archived_text():
    assert not Citation.objects.filter(source__text="").exists()


@pytest.mark.parametrize("kind", kinds(), ids=lambda kind: kind.name)
def test_every_entry_cites_a_source(kind):
    uncited = list(kind.model.objects.filter(citations__isnull=True).values_list("pk", flat=True))
    assert uncited == []


def test_every_kind_of_entry_has_its_fixture_file():
    assert {kind.model for kind in kinds()} | {Source, Citation} == set(fixture_files().values())


def test_exporting_the_loaded_fixtures_gives_the_same_bytes():
    for name in fixture_files():
        assert serialize_fixture(name) == (FIXTURES_DIR / name).read_text(encoding="utf-8"), name


MINIMUMS = {Event: 100, Actor: 60, Equipment: 55, Designation: 30, Transfer: 25, Source: 12}


@pytest.mark.parametrize("model", list(MINIMUMS), ids=lambda m: m.__name__)
def test_the_knowledge_base_holds_at_least_the_minimums(model):
    assert model.objects.count() >= MINIMUMS[model]


def test_every_located_event_has_its_place_and_places_are_cited():
    assert Place.objects.count() >= 20
    assert Event.objects.filter(place__isnull=False).count() >= 50


def test_sources_disagree_on_at_least_ten_attributes():
    disputes = Citation.objects.disputes()
    assert len(disputes) >= 10
    pairs = {(str(d.target), d.attribute) for d in disputes}
    assert ("North Korean troops arrive in Russia", "troops") in pairs  # 12,000 (001) vs 11,000 (004)
    assert any(attribute == "quantity" and "Type 63A" in target for target, attribute in pairs)


def test_m1992_names_at_least_four_equipment_and_m1989_two():
    assert Designation.objects.filter(code="M1992").values("equipment").distinct().count() >= 4
    assert Designation.objects.filter(code="M1989").values("equipment").distinct().count() >= 2


def test_every_source_slug_resolves(client):
    for slug in Source.objects.values_list("slug", flat=True):
        assert client.get(f"/sources/{slug}/").status_code == 200, slug


def test_every_document_is_cited_and_relays_are_named():
    for slug in SEED_SLUGS:
        assert Citation.objects.filter(source__slug=slug).count() >= 20, slug
    assert Citation.objects.filter(via__isnull=False).count() >= 10
    assert Source.objects.get(slug="dprk-cold-war").cites.count() >= 7  # the bibliography


def test_lineage_has_no_cycles():
    parents = dict(Equipment.objects.values_list("pk", "based_on_id"))
    for start in parents:
        seen, current = set(), start
        while current is not None:
            assert current not in seen, f"cycle through equipment {start}"
            seen.add(current)
            current = parents[current]


def test_check_citations_passes_on_the_knowledge_base():
    out = io.StringIO()
    call_command("check_citations", stdout=out)
    assert "Every quote is in its source and every entry is cited." in out.getvalue()


def test_check_citations_flags_a_quote_no_archived_text_can_check():
    from django.core.management.base import CommandError

    from tests.conftest import make_citation, make_event, make_source

    make_citation(make_event(), source=make_source(slug="an-outlet", text=""), quote="An invented quote")
    with pytest.raises(CommandError):
        call_command("check_citations", stdout=io.StringIO())
    out = io.StringIO()
    call_command("check_citations", "--allow-unchecked", stdout=out)
    assert "not checked: an-outlet has no text" in out.getvalue()

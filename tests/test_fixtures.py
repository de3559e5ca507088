"""The curated fixtures: they load in one call and every quote is in its source."""

import pytest
from django.core.management import call_command

from dprk_kb.fixtures import FIXTURE_FILES, FIXTURES_DIR, serialize_fixture
from equipment.models import Designation, Equipment, Transfer
from events.models import Actor, Era, Event, Place
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
    assert on_disk == set(FIXTURE_FILES)


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
        if c.source.text and not in_text(c.quote, c.source.text, strict=True)
    ]
    assert missing == []


def test_every_citation_of_the_fixtures_quotes_an_archived_text():
    assert not Citation.objects.filter(source__text="").exists()


@pytest.mark.parametrize("model", [Event, Actor, Place, Equipment, Designation, Transfer, Era])
def test_every_entry_cites_a_source(model):
    uncited = list(model.objects.filter(citations__isnull=True).values_list("pk", flat=True))
    assert uncited == []


def test_exporting_the_loaded_fixtures_gives_the_same_bytes():
    for name in FIXTURE_FILES:
        assert serialize_fixture(name) == (FIXTURES_DIR / name).read_text(encoding="utf-8"), name

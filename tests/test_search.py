"""Search is case-, accent-, apostrophe- and hyphen-insensitive and alias-aware, the same
on SQLite and PostgreSQL, with name and alias matches first."""

import re

import pytest
from django.db import connection

from common.folding import fold
from dprk_kb.search import search_everything
from tests.conftest import make_actor, make_designation, make_equipment, make_event, make_place

pytestmark = pytest.mark.django_db


def result_links(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    results = "".join(re.findall(r'<ul class="search-results">(.*?)</ul>', response.content.decode(), re.S))
    return re.findall(r'<li><a href="([^"]+)"', results)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Kusŏng", "kusong"),
        ("Shin’heung", "shinheung"),
        ("Chuch'e", "chuche"),
        ("Kim Il-sung", "kim il sung"),
        ("  KIM   Hyŏng-jik ", "kim hyong jik"),
        ("Hồ Chí Minh", "ho chi minh"),
        ("“Ural”", "ural"),
        ("Łódź Øresund", "lodz oresund"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("text", ["Kusŏng", "Shin’heung", "Chuch'e", "Kim Il-sung", "Hồ Chí Minh", "ÉLAN Ĳ ß"])
def test_the_database_folds_like_python(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT kb_fold(%s)", [text])
        assert cursor.fetchone()[0] == fold(text)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kusong", "/places/kusong/"),
        ("kusŏng", "/places/kusong/"),
        ("KUSONG machinery", "/actors/kusong-machinery-factory/"),
        ("M1978", "/equipment/koksan/"),
        ("m1989", "/equipment/koksan-m1989/"),
        ("kim il sung", "/actors/kim-il-sung/"),
        ("Kim-Il Sung", "/actors/kim-il-sung/"),
        ("Choson inmin gun", "/actors/korean-peoples-army/"),
        ("DPRK", "/actors/north-korea/"),
    ],
)
def test_search_finds_curated_entries_by_any_spelling(client, query, expected):
    assert expected in result_links(client, query)


def test_apostrophes_and_aliases(client):
    make_equipment(slug="t-shinheung", name="M1981 Shin’heung", aliases="Shin’eung")
    make_event(slug="t-juche", title="Rise of the Chuch’e ideology", summary="Also translated as Juche.")
    make_actor(slug="t-kim-hyong-jik", name="Kim Hyŏng-jik", kind="person")
    assert "/equipment/t-shinheung/" in result_links(client, "Shinheung")
    assert "/equipment/t-shinheung/" in result_links(client, "shin'eung")
    assert "/events/t-juche/" in result_links(client, "Juche")
    assert "/events/t-juche/" in result_links(client, "chuche")
    assert "/actors/t-kim-hyong-jik/" in result_links(client, "Hyong-jik")


def test_every_word_must_match(client):
    make_place(slug="t-place", name="Sadong village")
    assert "/places/t-place/" in result_links(client, "sadong village")
    assert "/places/t-place/" not in result_links(client, "sadong town")


def test_name_matches_rank_before_text_matches():
    make_equipment(slug="t-text", name="Aardvark gun", summary="Often confused with the Zorblax.")
    make_equipment(slug="t-name", name="Zorblax", summary="A vehicle.")
    [equipment] = [group for group in search_everything("zorblax") if group.label == "Equipment"]
    assert [e.slug for e in equipment.entries] == ["t-name", "t-text"]


def test_designation_code_finds_every_equipment_it_names():
    first, second = make_equipment(name="Qux car"), make_equipment(name="Quux gun")
    make_designation(code="M2098", equipment=first)
    make_designation(code="M2098", equipment=second)
    groups = {group.label: group for group in search_everything("m2098")}
    assert {e.name for e in groups["Equipment"].entries} == {"Qux car", "Quux gun"}
    assert len(groups["Designations"].entries) == 2


@pytest.mark.parametrize("query", ["", "   ", "'", "%", "_", "\\", "a" * 200, "'; DROP TABLE x;--", "<script>"])
def test_odd_queries_answer(client, query):
    assert client.get("/search/", {"q": query}).status_code == 200


@pytest.mark.parametrize("query", ["a" * 201, "nul\x00byte"])
def test_bad_queries_are_refused_with_a_message(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_like_wildcards_are_literal(client):
    make_place(slug="t-percent", name="Hill 100% ridge")
    assert result_links(client, "100%") == ["/places/t-percent/"]
    assert "/places/t-percent/" not in result_links(client, "1_0")

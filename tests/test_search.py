"""Search is case-, accent-, apostrophe-, hyphen- and romanization-insensitive and
alias-aware, the same on SQLite and PostgreSQL; exact names and aliases come first; each
result shows what matched, marked in the text's own spelling."""

import re

import pytest
from django.db import connection

from common.folding import fold, fold_with_offsets, search_fold
from dprk_kb.search import Query, search_everything
from equipment.models import Designation, Equipment, Transfer
from events.models import Actor, Era, Event, Place
from sources.models import Citation, Source
from tests.conftest import (
    make_actor,
    make_citation,
    make_designation,
    make_equipment,
    make_event,
    make_place,
    make_rich_events,
)

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
        ("Shin’heung", "shinhung"),
        ("Chuch'e", "chuche"),
        ("Juche", "chuche"),
        ("Kuseong", "kusong"),
        ("Inch’on Incheon", "inchon inchon"),
        ("Kim Il-sung", "kim il sung"),
        ("  KIM   Hyŏng-jik ", "kim hyong chik"),
        ("Hồ Chí Minh", "ho chi minh"),
        ("“Ural”", "ural"),
        ("Łódź Øresund", "lodz oresund"),
    ],
)
def test_search_fold(text, folded):
    assert search_fold(text) == folded


def test_names_are_sorted_and_indexed_without_the_romanization_variants():
    # The A–Z indexes and the lists' order read ``fold``: “Juche” stays under J.
    assert fold("Juche") == "juche" and fold("Kuseong") == "kuseong"
    assert search_fold("Juche") == search_fold("Chuch’e")


@pytest.mark.parametrize(
    "text",
    [
        "Kusŏng",
        "Shin’heung",
        "Chuch'e",
        "Juche",
        "Kim Jong-un",
        "Pyeongyang",
        "Hamheung",
        "Kim Il-sung",
        "Hồ Chí Minh",
        "ÉLAN Ĳ ß",
    ],
)
def test_the_database_folds_like_python(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT kb_fold(%s), kb_name_fold(%s)", [text, text])
        assert cursor.fetchone() == (search_fold(text), fold(text))


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


def searched_texts():
    """Every name, alias, summary and quote of the knowledge base."""
    for model, fields in [
        (Event, ["title", "summary"]),
        (Actor, ["name", "aliases", "summary"]),
        (Place, ["name", "aliases", "summary"]),
        (Era, ["name", "summary"]),
        (Equipment, ["name", "aliases", "summary"]),
        (Designation, ["code", "note"]),
        (Transfer, ["item", "comments"]),
        (Source, ["title", "publisher", "authors", "notes"]),
        (Citation, ["quote"]),
    ]:
        for row in model.objects.values_list(*fields):
            yield from row


def test_offsets_fold_like_fold_and_point_at_the_original():
    texts = [*searched_texts(), "  Straße  Chuch’e—Juche  “Kusŏng”\n", "Ǆ ǲ ĳ ﬁ"]
    assert len(texts) > 1000
    for text in texts:
        folded, spans = fold_with_offsets(text)
        assert folded == search_fold(text), text
        assert len(spans) == len(folded)
        assert all(0 <= start < end <= len(text) for start, end in spans)


# Each line: spellings of one name that a reader may type; they must find the same entries.
SAME_RESULTS = [
    ["chuch'e", "Chuch’e", "juche", "Juche", "CHUCHE", "chuche"],
    ["Kusŏng", "Kusong", "kuseong", "KUSŎNG"],
    ["Inch’on", "Inchon", "Incheon"],
    ["Shin’heung", "Shinheung", "shin'hŭng", "Shinhung"],
    ["Kim Hyŏng-jik", "Kim Hyong-jik", "kim hyeong jik", "kim hyong-chik"],
    ["Kim Jong-un", "Kim Chŏng-ŭn", "kim jong un", "Kim Chong-un"],
    ["Chonma-Ho", "Ch’ŏnma-ho", "chonma ho", "Cheonma-ho"],
    ["Kim Il-sung", "Kim Il Sung", "kim-il-sung", "KIM IL-SUNG"],
]


@pytest.mark.parametrize("spellings", SAME_RESULTS, ids=lambda spellings: spellings[0])
def test_every_spelling_of_a_name_finds_the_same_entries(client, spellings):
    found = [result_links(client, spelling) for spelling in spellings]
    assert found[0], spellings[0]
    assert all(links == found[0] for links in found), dict(zip(spellings, found, strict=True))


def test_juche_finds_the_juche_cannon_and_chuche_finds_it_too(client):
    for spelling in ["juche", "chuch'e", "Chuch’e"]:
        links = result_links(client, spelling)
        assert "/equipment/koksan-m1989/" in links  # its alias “juche cannon”
        assert "/events/sino-soviet-split/" in links  # its summary’s “Chuch’e”


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
    [equipment] = [group for group in search_everything(Query.parse("zorblax")) if group.label == "Equipment"]
    assert [result.entry.slug for result in equipment.results] == ["t-name", "t-text"]


def test_designation_code_finds_every_equipment_it_names():
    first, second = make_equipment(name="Qux car"), make_equipment(name="Quux gun")
    make_designation(code="M2098", equipment=first)
    make_designation(code="M2098", equipment=second)
    groups = {group.label: group for group in search_everything(Query.parse("m2098"))}
    assert {result.entry.name for result in groups["Equipment"].results} == {"Qux car", "Quux gun"}
    assert len(groups["Designations"].results) == 2


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


def page_text(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_result_shows_what_matched_marked_in_its_own_spelling(client):
    html = page_text(client, "juche")
    assert "Growth of the <mark>Chuch’e</mark> (<mark>Juche</mark>) ideology" in html
    assert "Also known as:</span> <mark>juche</mark> cannon" in html  # the Koksan (M1989)
    # a transfer of it and its designations, found by its alias, say so
    assert "Koksan (M1989), also known as:</span> <mark>juche</mark> cannon" in html
    assert "<mark>Kusŏng</mark>" in page_text(client, "kuseong")
    assert "(mentioned in the text)" not in html


def test_a_passage_is_cut_around_the_match_at_spaces():
    make_equipment(
        slug="t-long", name="Long gun", summary=" ".join(["filler"] * 80) + " the Zorblax cannon " + "tail " * 80
    )
    [group] = [g for g in search_everything(Query.parse("zorblax")) if g.label == "Equipment"]
    text = "".join(part.text for part in group.results[0].passage)
    assert text.startswith("…filler") and text.endswith("…")
    assert "Zorblax" in text and len(text) < 260
    assert [part.text for part in group.results[0].passage if part.marked] == ["Zorblax"]


def test_marks_follow_folding_that_changes_lengths():
    make_place(slug="t-strasse", name="Große Straße", summary="Near Ch’ŏngjin — “Chongjin” in the press.")
    [group] = [g for g in search_everything(Query.parse("STRAẞE cheongjin")) if g.label == "Places"]
    [result] = group.results
    assert [part.text for part in result.title if part.marked] == ["Straße"]
    assert [part.text for part in result.passage if part.marked] == ["Ch’ŏngjin", "Chongjin"]


def test_a_quote_that_mentions_the_words_is_shown_with_its_source(client):
    event = make_event(slug="t-quoted", title="Quiet event", summary="Nothing to see.")
    make_citation(event, quote="The Zorblax division crossed the river.")
    html = page_text(client, "zorblax division")
    assert "/events/t-quoted/" in html
    assert "Quoted from" in html and "The <mark>Zorblax</mark> <mark>division</mark> crossed the river." in html


def test_what_an_editor_typed_is_escaped_around_the_marks(client):
    make_event(slug="t-hostile", title="<b>Zorblax</b> & co", summary='<script>alert("Zorblax")</script>')
    html = page_text(client, "zorblax")
    assert "&lt;b&gt;<mark>Zorblax</mark>&lt;/b&gt; &amp; co" in html
    assert "&lt;script&gt;alert(&quot;<mark>Zorblax</mark>&quot;)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<b>Zorblax" not in html


@pytest.mark.parametrize("query", ["a", "A", "the", "of the", "t", "a-a", "’"])
def test_a_query_of_single_letters_or_common_words_asks_for_more(client, query):
    html = page_text(client, query)
    assert "Too short or too common" in html or not search_fold(query)
    assert result_links(client, query) == []


def test_common_words_are_left_out_of_a_longer_query(client):
    assert result_links(client, "the kusong") == result_links(client, "kusong")


def test_short_words_count_only_at_the_start_of_a_word(client):
    make_equipment(slug="t-short", name="Zorblax TX", summary="A vehicle.")
    assert "/equipment/t-short/" in result_links(client, "zorblax tx")
    assert "/equipment/t-short/" in result_links(client, "zorblax t")
    assert "/equipment/t-short/" not in result_links(client, "zorblax x")  # “x” is inside “tx”
    assert "/equipment/t-short/" in result_links(client, "zorbl")  # longer words match anywhere


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("koksan", "/equipment/koksan/"),
        ("kusong", "/places/kusong/"),
        ("korean war", "/timeline/?era=korean-war"),
        ("seoul", "/places/seoul/"),
        ("m1992", "/designations/M1992/"),
        ("chonma", "/equipment/chonma-ho/"),
        ("t-62", "/equipment/t-62/"),
        ("kim il sung", "/actors/kim-il-sung/"),
        ("russia", "/actors/russia/"),
        ("juche cannon", "/equipment/koksan-m1989/"),
        ("Incheon", "/places/incheon/"),
        ("kim jong un", "/actors/kim-jong-un/"),
    ],
)
def test_the_entry_a_query_names_comes_first(client, query, first):
    assert result_links(client, query)[0] == first


def test_ranks_within_a_kind_exact_then_name_start_then_name_then_text_then_quote():
    quoted = make_equipment(slug="t-rank-quote", name="Aardvark", summary="Nothing.")
    make_citation(quoted, quote="A Zorblax was seen.")
    make_equipment(slug="t-rank-text", name="Bzzt gun", summary="Often confused with the Zorblax.")
    make_equipment(slug="t-rank-inside", name="Megazorblax", summary="A vehicle.")
    make_equipment(slug="t-rank-start", name="Zorblax tank", summary="A vehicle.")
    make_equipment(slug="t-rank-alias", name="Qwerty", aliases="Zorblax", summary="A vehicle.")
    make_equipment(slug="t-rank-exact", name="Zorblax (M2099)", summary="A vehicle.")
    [group] = [g for g in search_everything(Query.parse("zorblax")) if g.label == "Equipment"]
    assert [(r.entry.slug, r.rank) for r in group.results] == [
        ("t-rank-alias", 0),
        ("t-rank-exact", 0),
        ("t-rank-start", 1),
        ("t-rank-inside", 2),
        ("t-rank-text", 3),
        ("t-rank-quote", 4),
    ]


def test_the_search_page_makes_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for index in range(60):
        make_equipment(slug=f"t-many-{index}", name=f"Zorblax {index}", summary="Zorblax.")
        make_citation(make_event(slug=f"t-many-event-{index}", summary="Quiet."), quote="Zorblax seen.")
    make_rich_events(60)
    # For each of the 7 kinds of entry: those found by names or text, those found in a
    # quote when the first are too few for the page, the quotes to show; one for the
    # sources: whatever the number of results.
    for query in ["zorblax", "koksan", "tank", "kim il sung", "t 62"]:
        with django_assert_max_num_queries(7 * 3 + 1):
            assert client.get("/search/", {"q": query}).status_code == 200

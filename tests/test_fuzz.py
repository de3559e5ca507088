"""Generated query strings and paths against every list, export, search and detail URL:
none may answer with a server error; exports answer 200 or a 400 that says what is wrong,
and pages show their form errors.

2,400 generated requests in all (hypothesis), on whichever database the suite runs.
"""

import string
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

LISTS = ["/timeline/", "/equipment/", "/transfers/", "/actors/", "/places/", "/sources/"]
EXPORTS = [f"{path}export.{fmt}" for path in LISTS for fmt in ("csv", "json")]
OTHERS = ["/search/", "/disputes/", "/map/", "/"]
KEYS = [
    "q",
    "era",
    "year_from",
    "year_to",
    "kind",
    "actor",
    "equipment",
    "source",
    "place",
    "category",
    "origin",
    "based_on",
    "designation",
    "supplier",
    "recipient",
    "status",
    "country",
    "page",
    "bom",
]
INTERESTING = [
    "",
    "0",
    "-1",
    "-99999",
    "1e309",
    "NaN",
    "99999999999999999999",
    "1950",
    "korean-war",
    "koksan",
    "M1992",
    "battle",
    "'; DROP TABLE events_event;--",
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    "</svg><img src=x onerror=alert(1)>",
    "%",
    "_",
    "\\",
    "..",
    "../../etc/passwd",
    "\x00",
    "a\x00b",
    "ŏ",
    "Kusŏng",
    "\U0001f600",
    "\U00010000",
    "\U000e0001",
    "\U0010fffd",
    "\ud7ff",
    "a" * 10000,
]

values = st.one_of(
    st.sampled_from(INTERESTING),
    st.text(max_size=40),  # any code point, every plane
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(alphabet=string.printable, min_size=200, max_size=10000),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=12))
pairs = st.lists(st.tuples(keys, values), min_size=0, max_size=6)
raw_bytes = st.binary(max_size=30).map(lambda b: "".join(f"%{byte:02X}" for byte in b))


def query_string(items, raw):
    text = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in items)
    return f"{text}&raw={raw}" if raw else text


FUZZ = settings(
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


@FUZZ
@given(path=st.sampled_from(EXPORTS), items=pairs, raw=raw_bytes)
def test_exports_answer_200_or_a_400_with_a_message(client, path, items, raw):
    response = client.get(f"{path}?{query_string(items, raw)}")
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert body(response).startswith(b"Bad request: these parameters have invalid values.")
    else:
        body(response)  # the whole stream renders


@FUZZ
@given(path=st.sampled_from(LISTS + OTHERS), items=pairs, raw=raw_bytes)
def test_pages_answer_200_or_show_their_form_errors(client, path, items, raw):
    response = client.get(f"{path}?{query_string(items, raw)}")
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert 'role="alert"' in response.content.decode()


odd_segments = st.one_of(st.sampled_from(INTERESTING), st.text(min_size=1, max_size=60))


@FUZZ
@given(
    prefix=st.sampled_from(
        ["/events/", "/actors/", "/places/", "/equipment/", "/transfers/", "/sources/", "/designations/"]
    ),
    segment=odd_segments,
    items=pairs,
)
def test_detail_paths_answer_200_or_404(client, prefix, segment, items):
    response = client.get(f"{prefix}{quote(segment, safe='')}/?{query_string(items, '')}")
    assert response.status_code in (200, 301, 404)


@FUZZ
@given(segment=odd_segments, items=pairs)
def test_search_with_any_words(client, segment, items):
    response = client.get(f"/search/?q={quote(segment, safe='')}&{query_string(items, '')}")
    assert response.status_code in (200, 400)

"""Values as the sources word them, compared as values.

A citation gives a value in the source's words: "about 170", "over 100", "160 to 180",
"exceeding 25 miles", "by 1992", "late 1950", "130 or 152". Two such values are
*compatible* when they could both be true of the same thing: their ranges overlap once
numbers, qualifiers and units are read. So "40" and "exceeding 25 miles" (40.2 km)
agree, "19 October 1950" and "late 1950" agree, "130 or 152" and "130" agree; "12,000"
and "11,000" do not. Only incompatible values make a dispute.

``reading(text)`` turns a value into a ``Reading``: a set of closed ranges on one scale
(numbers in a base unit, or days for dates), or, for words that are neither, the folded
words themselves. Readings of different scales (a date and a number) are never compared:
they are compatible, since they cannot contradict each other.
"""

import datetime
import re
from dataclasses import dataclass

from common.dates import MAX_YEAR, MIN_YEAR, MONTHS
from common.folding import fold

INFINITY = float("inf")

# Base units: kilometres, millimetres, tonnes; each unit's factor to its base.
UNITS = {
    "km": ("length_km", 1.0),
    "kilometres": ("length_km", 1.0),
    "kilometers": ("length_km", 1.0),
    "mile": ("length_km", 1.609344),
    "miles": ("length_km", 1.609344),
    "mm": ("length_mm", 1.0),
    "millimetres": ("length_mm", 1.0),
    "inch": ("length_mm", 25.4),
    "inches": ("length_mm", 25.4),
    "cm": ("length_mm", 10.0),
    "t": ("mass_t", 1.0),
    "tonnes": ("mass_t", 1.0),
    "tons": ("mass_t", 1.0),
    "tonne": ("mass_t", 1.0),
    "%": ("percent", 1.0),
    "percent": ("percent", 1.0),
}
# Words for a number of things the sources give without one.
VAGUE_AMOUNTS = {
    "several hundred": (200, 999),
    "several hundreds": (200, 999),
    "hundreds": (200, 999),
    "several thousand": (2_000, 9_999),
    "thousands": (2_000, 99_999),
    "several million": (2_000_000, 9_999_999),
    "dozens": (24, 99),
    "tens of thousands": (20_000, 99_999),
}
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
ABOUT = 0.1  # "about 170" allows 10% either way
NUMBER = r"\d[\d,]*(?:\.\d+)?"
RANGE = "~"  # marks the dash or "to" between the two ends of a range
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Reading:
    """What a value says: ``ranges`` on ``scale`` (``"date"``, ``"number"``, ``"length_km"``…),
    or, when it is words, their folded ``words``."""

    scale: str
    ranges: tuple = ()
    words: tuple = ()


def compatible(first, second, scale="number"):
    """Whether two values (texts or Readings) could both be true of one thing.

    ``scale`` is what a bare number means for the attribute compared: ``"date"`` (a year),
    ``"length_km"``, ``"length_mm"``, ``"mass_t"``, ``"degrees"`` (a signed coordinate) or a plain
    ``"number"``.
    """
    a = first if isinstance(first, Reading) else reading(first, scale)
    b = second if isinstance(second, Reading) else reading(second, scale)
    if a.scale != b.scale:
        return True
    if a.scale == "words":
        small, large = sorted((set(a.words), set(b.words)), key=len)
        return small <= large
    return any(lo1 <= hi2 and lo2 <= hi1 for lo1, hi1 in a.ranges for lo2, hi2 in b.ranges)


def reading(text, scale="number"):
    """The Reading of a value as a source words it (what it says in brackets aside)."""
    text = re.sub(r"\([^)]*\)", " ", str(text))
    # A dash between two ends is a range ("1950–1953", "160-180", "160 to 180"); folding
    # would make it a space, so it is marked first.
    text = re.sub(r"\s*[\u2013\u2014\u2015]\s*|(?<=\d)\s*-\s*(?=\d)|(?<!up)\s+to\s+(?=[\w$])", f" {RANGE} ", text)
    folded = " ".join(fold(text).split())
    words = Reading("words", words=tuple(folded.split()))
    names_a_month = any(word in MONTH_NUMBERS or word in SEASONS for word in folded.split())
    if names_a_month and not re.search(YEAR, folded):
        return words  # a day or month of no given year: only words to compare
    if scale == "degrees":
        return _as_degrees(str(text)) or words
    if scale == "date" or names_a_month or re.search(r"\d0s\b", folded):
        found = _as_date(folded)
        if found:
            return found
    return _as_number(folded, "number" if scale == "date" else scale) or words


# --- numbers ----------------------------------------------------------------------------


# A latitude or longitude: signed decimal degrees, or with its hemisphere ("39.03 N").
DEGREES = re.compile(r"^\s*(?P<sign>[-\u2212+]?)\s*(?P<number>\d+(?:\.\d+)?)\s*°?\s*(?P<hemisphere>[NSEW]?)\s*$", re.I)


def _as_degrees(text):
    """A coordinate as the range of degrees it rounds from, south and west negative."""
    found = DEGREES.match(text)
    if not found:
        return None
    number = found["number"]
    value = float(number)
    if found["sign"] in ("-", "\u2212") or found["hemisphere"].upper() in ("S", "W"):
        value = -value
    half = 0.5 * 10 ** -(len(number.split(".")[1]) if "." in number else 0)
    return Reading("degrees", ((value - half, value + half),))


def _number(token):
    return float(token.replace(",", ""))


def _as_number(text, bare_scale):
    text = text.replace(f" {RANGE} ", "-").replace("a million", "1 million")
    for vague, (low, high) in VAGUE_AMOUNTS.items():
        if text.startswith(vague) or text.endswith(vague):
            return Reading("number", ((float(low), float(high)),))
    unit_scale = bare_scale
    ranges = []
    for part in re.split(r"\s+or\s+|\s+and\s+", text):
        found = re.search(
            rf"(?P<qualifier>about|around|approximately|some|nearly|almost|over|more than|exceeding|at least|"
            rf"up to|at most|fewer than|less than|under)?\s*(?P<low>{NUMBER})(?:\s*-\s*(?P<high>{NUMBER}))?"
            rf"\s*(?P<scale>thousand|million|billion)?\s*(?P<unit>km|kilometres|kilometers|miles?|mm|millimetres|"
            rf"inch(?:es)?|cm|tonnes?|tons|t|%|percent)?(?![a-z])",
            part,
        )
        if not found:
            continue
        factor = SCALES.get(found["scale"], 1)
        low = _number(found["low"]) * factor
        high = _number(found["high"]) * factor if found["high"] else low
        if not found["qualifier"]:  # a number stands for all that rounds to it: "40" is 39.5 to 40.5
            written = found["high"] or found["low"]
            half = 0.5 * 10 ** -(len(written.split(".")[1]) if "." in written else 0) * factor
            low, high = low - half, high + half
        if found["unit"]:
            unit_scale, unit_factor = UNITS[found["unit"]]
            low, high = low * unit_factor, high * unit_factor
        ranges.append(_qualified(found["qualifier"], low, high))
    if not ranges:
        return None
    return Reading(unit_scale, tuple(ranges))


def _qualified(qualifier, low, high):
    if qualifier in ("about", "around", "approximately", "some"):
        return (low * (1 - ABOUT), high * (1 + ABOUT))
    if qualifier in ("nearly", "almost"):
        return (low * (1 - ABOUT), high)
    if qualifier in ("over", "more than", "exceeding"):
        return (high, INFINITY)
    if qualifier == "at least":
        return (low, INFINITY)
    if qualifier in ("up to", "at most", "fewer than", "less than", "under"):
        return (0.0, high)
    return (low, high)


# --- dates ------------------------------------------------------------------------------

MONTH_NUMBERS = {fold(name): number for number, name in enumerate(MONTHS, start=1)}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}
YEAR = r"(?<!\d)(\d{3,4})(?!\d)"


def _as_date(text):
    """A date or a period in words: "25 June 1950", "late 1950", "1950s", "by 1992"…"""
    bound = None
    for word in ("by", "before", "after", "since"):
        if text.startswith(word + " "):
            bound, text = word, text[len(word) + 1 :]
            break
    parts = [p.strip() for p in re.split(rf"\s*{RANGE}\s*|\s+until\s+", text) if p.strip()]
    spans = [_period(part) for part in parts]
    if not spans or None in spans:
        return None
    if len(spans) == 2 and spans[0][2] is None:  # "4 August - 18 September 1950": the year from the end
        spans[0] = _period(f"{parts[0]} {spans[1][2]}") or spans[0]
    if any(span[2] is None for span in spans):
        return None
    low, high = min(spans[0][0], spans[-1][0]), max(spans[0][1], spans[-1][1])
    if bound in ("by", "before"):
        low = datetime.date(MIN_YEAR, 1, 1)
    elif bound in ("after", "since"):
        high = datetime.date(MAX_YEAR, 12, 31)
    return Reading("date", ((low.toordinal(), high.toordinal()),))


def _period(text):
    """(first day, last day, year) of one date in words, or None; year None if not given."""
    words = text.split()
    part = None
    if words and words[0] in ("early", "mid", "late", "end", "beginning", "start"):
        part = words[0]
        words = [w for w in words[1:] if w != "of"]
    text = " ".join(words)
    years = re.findall(YEAR, text)
    decade_match = re.fullmatch(r"(?:the )?(\d{3})0s", text)
    if decade_match:
        first = int(decade_match[1]) * 10
        return _part(datetime.date(max(first, MIN_YEAR), 1, 1), datetime.date(first + 9, 12, 31), part) + (first,)
    day_month = re.fullmatch(rf"(\d{{1,2}}) ([a-z]+)(?: {YEAR})?", text)
    month = re.fullmatch(rf"([a-z]+)(?: {YEAR})?", text)
    if day_month and day_month[2] in MONTH_NUMBERS:
        year = int(day_month[3]) if day_month[3] else None
        number = MONTH_NUMBERS[day_month[2]]
        if year is None:
            return (None, None, None)
        day = datetime.date(year, number, int(day_month[1]))
        return (day, day, year)
    if month and (month[1] in MONTH_NUMBERS or month[1] in SEASONS):
        year = int(month[2]) if month[2] else None
        if year is None:
            return (None, None, None)
        first_month, last_month = (MONTH_NUMBERS[month[1]],) * 2 if month[1] in MONTH_NUMBERS else SEASONS[month[1]]
        first = datetime.date(year, first_month, 1)
        last_year, last_month = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
        last = datetime.date(last_year, last_month, 1) + datetime.timedelta(days=31)
        last = last.replace(day=1) - DAY
        return _part(first, last, part) + (year,)
    if re.fullmatch(YEAR, text) and years:
        year = int(years[0])
        if MIN_YEAR <= year <= MAX_YEAR:
            return _part(datetime.date(year, 1, 1), datetime.date(year, 12, 31), part) + (year,)
    return None


def _part(first, last, part):
    """The early, middle or late third of a period (or the whole of it)."""
    if part is None:
        return (first, last)
    third = (last - first) / 3
    if part in ("early", "beginning", "start"):
        return (first, first + third)
    if part == "mid":
        return (first + third, last - third)
    return (last - third, last)

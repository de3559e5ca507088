"""Whether each stored value is vouched for by the words of a source.

For every stored field a citation may vouch for (``sources.attributes.FIELDS``), a value
of an entry is

- *vouched* when a citation of that attribute gives a compatible value (values compared
  as values, ``common.values``), or, when no citation gives that attribute, when a quote
  of the entry's citations states it (the year and month of a date, the number, the name
  of a related entry, a word of the category), or the paragraph the quote comes from
  does (counted apart: "in its passage");
- *read* when only a citation marked as the editor's reading gives it (its note says why);
- *contradicted* when citations of that attribute exist and none is compatible with it;
- *unexplained* otherwise.

A date is vouched only by a citation that is no more precise than the stored value
allows: "by 7 January" does not vouch for 7 January, "1950" does not vouch for 25 June
1950. ``report()`` counts the four per kind and field (``manage.py provenance``);
``check_value()`` is what the admin asks before it saves a change.
"""

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist

from common.dates import (
    MAX_YEAR,
    MIN_YEAR,
    MONTHS,
    DatePrecision,
    DateQualifier,
    decade,
    format_date,
    period_end,
    period_start,
)
from common.folding import fold
from common.values import compatible, reading
from sources.attributes import FIELDS, Attribute, many_valued
from sources.models import Citation, Source
from sources.quotes import archived_paragraphs, quote_place

VOUCHED, READ, CONTRADICTED, UNEXPLAINED = "vouched", "read", "contradicted", "unexplained"
STATUSES = (VOUCHED, READ, CONTRADICTED, UNEXPLAINED)

# The words a quote uses for each category, kind or status, beyond the choice's own label.
WORDS = {
    "main_battle_tank": ("main battle tank", "mbt"),
    "medium_tank": ("medium tank",),
    "light_tank": ("light tank",),
    "amphibious_tank": ("amphibious tank", "amphibious light tank"),
    "tank": ("tank", "tanks"),
    "self_propelled_gun": ("self-propelled", "self propelled", "spg", "sph"),
    "self_propelled_aa_gun": ("anti-aircraft", "antiaircraft", "spaag"),
    "self_propelled_mortar": ("mortar",),
    "apc": ("armored personnel carrier", "armoured personnel carrier", "apc", "apcs"),
    "armored_car": ("armored car", "armoured car", "reconnaissance vehicle", "scout car"),
    "mrls": ("rocket launcher", "rocket launchers", "mrl", "mrls", "multiple launch rocket"),
    "atgm": ("anti-tank guided missile", "atgm", "atgms", "antitank guided missile"),
    "manpads": ("manpads", "man-portable"),
    "missile": ("missile", "missiles"),
    "ammunition": ("ammunition", "shells", "rounds"),
    "towed_gun": ("towed", "howitzer", "howitzers"),
    "gun": ("gun", "guns", "cannon"),
    "machine_gun": ("machine gun", "machine guns"),
    "aircraft": ("aircraft", "plane", "planes", "fighter", "bomber", "jet", "jets", "airborne"),
    "tractor": ("tractor", "tractors", "truck", "trucks"),
    "delivered": (
        "delivered",
        "deliveries",
        "supply",
        "supplied",
        "pays",
        "paid",
        "sent",
        "received",
        "transferred",
        "shipped",
        "arrived",
        "provided",
        "gave",
        "given",
        "handed",
        "equipped",
    ),
    "ordered": ("ordered", "order", "purchase", "purchased", "bought", "contract"),
    "planned": ("plan", "plans", "planned", "planning", "preparing", "intend", "will", "expected", "promised"),
    "reported": ("reported", "reports", "reportedly", "according", "claimed", "claims", "allegedly", "suggest"),
    "doubtful": ("unconfirmed", "not confirmed", "unlikely", "doubtful", "theorized"),
}


# Fields that index an entry rather than state a fact about it: an editor's reading of
# what the quotes describe, by rule, with the reason.
CLASSIFICATIONS = {
    "event": {"kind": "The kind of event is the editors' index of what the quotes describe."},
    "actor": {"kind": "The kind of actor is the editors' index of what the quotes describe."},
    "designation": {"scheme": "Which system a designation belongs to is the editors' index."},
}


@dataclass
class Finding:
    """One stored value of one entry and what its citations say of it."""

    kind: str
    entry: object
    attribute: str
    value: str
    status: str
    citations: list = field(default_factory=list)
    how: str = ""  # for a vouched value: "value", "quote" or "passage"

    @property
    def label(self):
        return Attribute(self.attribute).label


# --- the stored values ------------------------------------------------------------------


@dataclass(frozen=True)
class Stored:
    """A stored value as text (for people), with how to compare it: a date's ``spans``
    (first and last day, as ordinals: of the whole period, then of its start and of its
    end) and its ``day`` and ``precision``; a number's ``scale``; the ``names`` of a
    related entry; or the ``words`` of a choice."""

    text: str
    spans: tuple = ()
    day: datetime.date = None
    precision: str = ""
    scale: str = None
    names: tuple = ()
    words: tuple = ()


def stored_values(kind, entry, attribute):
    """The stored values of ``attribute`` of ``entry`` (none when the field is empty)."""
    if kind == "event" and attribute == "date":
        # The date of an event is its whole period, from its start to its end.
        found = _date(entry.date_start, entry.date_precision, entry.circa, entry.date_qualifier)
        end = _date(entry.date_end, entry.date_end_precision or entry.date_precision, entry.circa)
        if found and end:
            [start], [last] = found, end
            # A citation may date the whole period, or only its start or its end.
            whole = (start.spans[0][0], last.spans[0][1])
            spans = (whole, start.spans[0], last.spans[0])
            return [Stored(f"{start.text} – {last.text}", spans, start.day, start.precision)]
        return found
    if kind == "event" and attribute == "end":
        return _date(entry.date_end, entry.date_end_precision or entry.date_precision, entry.circa)
    if kind == "actor" and attribute in ("start", "end"):
        return _date(getattr(entry, attribute), entry.date_precision)
    if kind == "era" and attribute in ("start", "end"):
        return _date(getattr(entry, attribute), getattr(entry, f"{attribute}_precision"))
    if kind == "equipment" and attribute == "first_observed":
        qualifier = getattr(entry, "first_observed_qualifier", "")
        year = entry.first_observed
        return _date(_first_day(year), DatePrecision.YEAR, qualifier=qualifier)
    if kind == "transfer" and attribute in ("order_year", "delivery_start", "delivery_end"):
        year = getattr(entry, attribute)
        return _date(_first_day(year), DatePrecision.YEAR)
    if kind == "transfer" and attribute == "quantity":
        low, high = entry.quantity_low, entry.quantity_high
        if low is None and high is None:
            return []
        text = f"{low}" if high in (None, low) else f"{low}–{high}"
        return [Stored(text, scale="number")]
    model_field = entry._meta.get_field(attribute)
    if model_field.many_to_many:
        return [_related(item) for item in getattr(entry, attribute).all()]
    value = getattr(entry, attribute)
    if value in (None, ""):
        return []
    if model_field.is_relation:
        return [_related(value)]
    if model_field.choices:
        if value == "other":
            return []  # "other": outside the list, which claims nothing to vouch for
        label = dict(model_field.flatchoices)[value]
        return [Stored(str(label), words=(value, str(label), *WORDS.get(value, ())))]
    if isinstance(value, str):
        return [Stored(value, words=(value,))]
    number = f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)
    return [Stored(number, scale=Attribute(attribute).scale)]


def _first_day(year):
    """1 January of ``year``, or None for no year or one no date can hold (a form refuses it)."""
    return datetime.date(year, 1, 1) if year and MIN_YEAR <= year <= MAX_YEAR else None


def _related(item):
    names = [str(item), getattr(item, "name", ""), getattr(item, "slug", ""), getattr(item, "code", "")]
    names += list((getattr(item, "aliases", "") or "").splitlines())
    return Stored(str(item), names=tuple(name.strip() for name in names if name and name.strip()))


def _date(value, precision, circa=False, qualifier=""):
    if value is None:
        return []
    first, last = period_start(value, precision), period_end(value, precision)
    if circa:  # "about": the period before and the period after too
        widen = (last - first).days + 1
        first = datetime.date.fromordinal(max(first.toordinal() - widen, 1))
        last = datetime.date.fromordinal(min(last.toordinal() + widen, datetime.date.max.toordinal()))
    if qualifier == DateQualifier.BY:
        first = datetime.date(MIN_YEAR, 1, 1)
    elif qualifier == DateQualifier.AFTER:
        last = datetime.date(MAX_YEAR, 12, 31)
    text = format_date(value, precision, circa=circa, qualifier=qualifier)
    return [Stored(text, ((first.toordinal(), last.toordinal()),), value, precision)]


# --- comparing a stored value with a citation -------------------------------------------


def agrees(stored, value, attribute):
    """Whether a citation's ``value`` of ``attribute`` vouches for the ``stored`` value:
    True, False, or None when the two cannot be compared (a day named without its year,
    "three weeks after…")."""
    if stored.spans:
        said = reading(value, "date")
        if said.scale != "date":
            return None
        # No more precise than the words: every day the value allows lies in a stored span.
        return any(all(first <= low and high <= last for low, high in said.ranges) for first, last in stored.spans)
    if stored.scale is not None:
        return compatible(stored.text, value, stored.scale)
    if stored.names:
        # Its name or an alias, whole, with or without what it says in brackets ("Chonma-Ho
        # (original model)"): "Republic of Korea" is not the Democratic People's Republic of
        # Korea, nor the Korean People's Army its Ground Forces.
        names = {form for name in stored.names for form in _name_forms(name)}
        return bool(_name_forms(value) & names)
    # A choice: the value is its label or code, or uses one of its words ("already supplied").
    said = f" {' '.join(fold(value).split())} "
    return _words_agree(value, " ".join(stored.words)) or any(_has_words(said, word) for word in stored.words)


def _name_forms(name):
    """A name folded, as written and without its bracketed part."""
    return {" ".join(fold(text).split()) for text in (name, re.sub(r"\([^)]*\)", " ", name))} - {""}


def _words_agree(smaller, larger):
    a, b = set(fold(smaller).split()), set(fold(larger).split())
    return bool(a) and a <= b


def states(stored, quote):
    """Whether a quote (of a citation of the entry as a whole) states the stored value."""
    text = f" {' '.join(fold(quote).split())} "
    if stored.spans:
        return _states_date(stored, text)
    if stored.scale is not None:
        number = stored.text
        whole = number.split(".")[0]
        shapes = {number, f"{int(whole):,}" if whole.isdigit() else number}
        return any(re.search(rf"(?<![\d.,]){re.escape(fold(shape))}(?![\d]|,\d)", text) for shape in shapes)
    candidates = stored.names or stored.words
    return any(_has_words(text, candidate) for candidate in candidates)


def _has_words(text, phrase):
    phrase = " ".join(fold(phrase).split())
    # A name also stands in its plural or its people's word: "T-34-85s", "North Korean(s)".
    suffix = r"(?:s|es|n|ns|ese)?"
    return bool(phrase) and re.search(rf"(?<![\w]){re.escape(phrase)}{suffix}(?![\w])", text) is not None


def _states_date(stored, text):
    value, precision = stored.day, stored.precision
    if precision == DatePrecision.DECADE:
        first = decade(value.year)
        return f"{first}s" in text or f"{first % 100:02d}s" in text
    if not re.search(rf"(?<!\d){value.year}(?!\d)", text):
        return False
    if precision == DatePrecision.YEAR:
        return True
    if not _has_words(text, MONTHS[value.month - 1]):
        return False
    return precision == DatePrecision.MONTH or re.search(rf"(?<!\d){value.day}(?:st|nd|rd|th)?(?!\d)", text)


# --- findings ---------------------------------------------------------------------------


def check_value(kind, entry, attribute, stored, citations):
    """The Finding of one stored value against the entry's ``citations``."""
    if attribute in CLASSIFICATIONS.get(kind, ()):
        return Finding(kind, entry, attribute, stored.text, READ, [], how=CLASSIFICATIONS[kind][attribute])
    own = [c for c in citations if c.attribute == attribute and c.value]
    if many_valued(kind, attribute):
        # A citation naming one participant says nothing against another.
        own = [c for c in own if agrees(stored, c.value, attribute)]
    compared = {c.pk: agrees(stored, c.value, attribute) for c in own}
    agreeing = [c for c in own if compared[c.pk]]
    if any(not c.reading for c in agreeing):
        return Finding(kind, entry, attribute, stored.text, VOUCHED, [c for c in agreeing if not c.reading], "value")
    if agreeing:
        return Finding(kind, entry, attribute, stored.text, READ, agreeing)
    if any(compared[c.pk] is False for c in own):
        return Finding(kind, entry, attribute, stored.text, CONTRADICTED, own)
    # A reading's quote is the source's words all the same: only its value is read.
    stating = [c for c in citations if states(stored, c.quote)]
    if stating:
        return Finding(kind, entry, attribute, stored.text, VOUCHED, stating, how="quote")
    # A paragraph may use a category's words of something else: only names and dates count there.
    passages = [] if stored.words else citations
    in_passage = [c for c in passages if states(stored, getattr(c, "passage", ""))]
    if in_passage:
        return Finding(kind, entry, attribute, stored.text, VOUCHED, in_passage, how="passage")
    return Finding(kind, entry, attribute, stored.text, UNEXPLAINED, [])


def entry_findings(kind, entry, citations):
    """Every stored value of ``entry`` with its Finding."""
    return [
        check_value(kind, entry, attribute, stored, citations)
        for attribute in FIELDS[kind]
        for stored in stored_values(kind, entry, attribute)
    ]


def findings(kinds):
    """Every stored value of every entry of ``kinds`` (``sources.kinds.Kind``), with its Finding."""
    paragraphs = {
        pk: archived_paragraphs(text) for pk, text in Source.objects.exclude(text="").values_list("pk", "text")
    }
    for kind in kinds:
        related = [name for name in FIELDS[kind.name] if _is_relation(kind.model, name)]
        many = [name for name in related if many_to_many(kind.model, name)]
        single = [name for name in related if name not in many]
        cited = defaultdict(list)
        for citation in Citation.objects.filter(**{f"{kind.name}__isnull": False}).only(
            f"{kind.name}_id", "attribute", "value", "quote", "reading", "source_id"
        ):
            citation.passage = passage(citation, paragraphs.get(citation.source_id, ()))
            cited[getattr(citation, f"{kind.name}_id")].append(citation)
        entries = kind.model.objects.select_related(*single).prefetch_related(*many).order_by("pk")
        for entry in entries:
            yield from entry_findings(kind.name, entry, cited[entry.pk])


def passage(citation, paragraphs):
    """The paragraph of its source's archived text that a citation's quote comes from."""
    place = quote_place(citation.quote, paragraphs)
    return paragraphs[place[0]] if place else ""


def _field(model, name):
    """The model field an attribute names, or None ("date", "quantity" span several)."""
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _is_relation(model, name):
    return bool(field := _field(model, name)) and field.is_relation


def many_to_many(model, name):
    return bool(field := _field(model, name)) and field.many_to_many


def report(kinds):
    """Counts of each status per (kind, attribute), in the vocabulary's order, and the
    findings that are not vouched for or read."""
    counts = defaultdict(Counter)
    problems = []
    for finding in findings(kinds):
        counts[(finding.kind, finding.attribute)][finding.status] += 1
        if finding.how == "passage":
            counts[(finding.kind, finding.attribute)]["passage"] += 1
        if finding.status in (CONTRADICTED, UNEXPLAINED):
            problems.append(finding)
    return counts, problems

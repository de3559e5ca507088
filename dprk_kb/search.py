"""The search across every kind of entry (the words are matched by ``common.text``).

Each result has a rank, and the page lists the best first:

0. the query is the entry's name or one of its aliases (a name's bracketed part aside:
   “koksan” is “Koksan (M1978)”), or a designation's code;
1. the name or an alias starts with the query, or has it at the start of a word;
2. every word of the query is in the names (aliases, codes and related names included);
3. every word is in the names or the running text (a summary, a note, comments);
4. every word is in one quote of a citation of the entry.

Within a rank the entries keep their kind's own order (events by date, the others by
name). The kinds are listed by their best result, then in the order of ``sources.kinds``.
Common English words are left out of the query; words of one or two characters match
only at the start of a word (``common.text``). Each result carries its title and a
passage of what matched, with the words marked (``common.highlight``).
"""

from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Concat, Replace

from common.folding import Fold, search_fold
from common.highlight import highlight, passage
from common.models import aliases_list
from common.text import matches, tokens, word_condition
from equipment.filters import designation_code
from events.models import Era
from sources.kinds import kinds
from sources.models import Citation, Source

RESULTS_PER_KIND = 50
NAME, NAME_START, IN_NAMES, IN_TEXT, IN_QUOTE = range(5)

# Left out of a query: they are in almost every entry. Folded, like the words they meet.
COMMON_WORDS = frozenset(search_fold("a an and as at by for from in into is it its of on or the to with").split())
TOO_SHORT = (
    "Too short or too common to search for: type a name, a code or a word of two letters or more "
    "(common words such as “a”, “the” and “of” are left out)."
)

# What a kind of entry searches beyond its own folded name and text, and loads with each
# result; kinds not named here search just their own columns.
RELATED = {
    "event": {"select": ["place"]},
    "equipment": {"extra": designation_code},
    "designation": {"select": ["equipment"], "text": ["equipment__search_name"]},
    "transfer": {
        "select": ["supplier", "recipient", "equipment"],
        "names": ["equipment__search_name"],
        "text": ["supplier__search_name", "recipient__search_name"],
    },
}


@dataclass
class Query:
    """A reader's query: the words every result must have, the phrases that rank names
    (the query whole, and without its common words), and why there is nothing to search
    for, if so."""

    words: list
    phrases: list
    notice: str = ""

    @classmethod
    def parse(cls, text):
        every = tokens(text)
        words = [word for word in every if word not in COMMON_WORDS]
        if every and not any(len(word) > 1 for word in words):
            return cls([], [], TOO_SHORT)
        return cls(words, list(dict.fromkeys([" ".join(every), " ".join(words)])))


@dataclass
class Result:
    entry: object
    rank: int
    title: list  # common.highlight.Part
    passage: list | None = None
    label: str = ""  # what the passage is, when not the entry's own text


@dataclass
class Results:
    label: str
    results: list
    has_more: bool

    @property
    def best(self):
        return self.results[0].rank


def folded_sources(model, column):
    """The fields whose text the folded ``column`` of ``model`` holds, in order."""
    names = []

    def walk(expression):
        if isinstance(expression, F):
            names.append(expression.name)
        else:
            for inner in expression.get_source_expressions():
                walk(inner)

    walk(model._meta.get_field(column).expression)
    return names


@dataclass
class Searched:
    """One kind of entry as search sees it."""

    label: str
    queryset: object
    names: list  # the model's fields that name an entry: its name (or title, code), then its aliases
    texts: list  # the model's fields of running text
    name_columns: list = field(default_factory=lambda: ["search_name"])
    text_columns: list = field(default_factory=lambda: ["search_text"])
    extra: object = None
    citation: str | None = None  # the entry's foreign key on Citation, for its quotes
    related: list = field(default_factory=list)  # the entries loaded with each (whose aliases may be what matched)

    def ranked(self, query):
        """The entries whose names or text have every word, best first, each annotated
        with its ``rank`` (0 to 3)."""
        words = query.words
        name_match = matches(self.name_columns, words, self.extra)
        text_match = matches(self.name_columns + self.text_columns, words, self.extra)
        queryset = self.queryset
        # search_name is the folded name, then the folded aliases: the folded name alone
        # and the aliases one by one are computed only for the few rows that need them.
        has_aliases = "aliases" in self.names
        if has_aliases:
            text = TextField()
            lines = Replace(F("aliases"), Value("\r"), Value(""), output_field=text)
            lines = Replace(lines, Value("\n"), Value("|"), output_field=text)
            queryset = queryset.alias(
                folded_name=Fold(F(self.names[0])),
                folded_aliases=Fold(Concat(Value("|"), lines, Value("|"), output_field=text)),
            )
        exact, phrase_in_names, phrase_at_start = Q(), Q(), Q()
        for phrase in query.phrases:
            exact |= Q(search_name=phrase) | Q(search_name__startswith=phrase + " (")
            if has_aliases:
                exact |= Q(search_name__startswith=phrase + " ", folded_name=phrase)
                exact |= Q(folded_aliases__contains=f"|{phrase}|")
            for column in self.name_columns:
                phrase_in_names |= Q(**{f"{column}__contains": phrase})
                phrase_at_start |= word_condition(column, phrase, at_word_start=True)
        rank = Case(
            When(
                phrase_in_names,
                then=Case(
                    When(exact, then=Value(NAME)),
                    When(phrase_at_start, then=Value(NAME_START)),
                    default=Value(IN_NAMES),
                ),
            ),
            When(name_match, then=Value(IN_NAMES)),
            default=Value(IN_TEXT),
            output_field=IntegerField(),
        )
        queryset = queryset.filter(text_match).annotate(rank=rank)
        return queryset.order_by("rank", *queryset.model._meta.ordering, "pk")

    def quoted(self, query, found):
        """The entries with every word in one quote of theirs, other than ``found`` (every
        entry with the words in its names or text), with rank 4, in their kind's order."""
        # A range on the key (not IS NULL) lets the database read this kind's citations
        # from the key's index instead of every citation.
        quotes = Citation.objects.filter(matches(["search_text"], query.words), **{f"{self.citation}__gte": 1})
        queryset = self.queryset.filter(pk__in=quotes.values(self.citation)).exclude(pk__in=found)
        return queryset.annotate(rank=Value(IN_QUOTE)).order_by(*queryset.model._meta.ordering, "pk")

    def results(self, query):
        """At most RESULTS_PER_KIND results, in up to three queries: the entries found by
        their names or text; if they are too few, those found in a quote; those quotes."""
        entries = list(self.ranked(query)[: RESULTS_PER_KIND + 1])
        if len(entries) <= RESULTS_PER_KIND and self.citation:  # (then they are all there)
            found = [entry.pk for entry in entries]
            entries += list(self.quoted(query, found)[: RESULTS_PER_KIND + 1 - len(entries)])
        shown = [self.result(entry, query.words) for entry in entries[:RESULTS_PER_KIND]]
        self.add_quotes([result for result in shown if result.passage is None], query.words)
        return Results(self.label, shown, len(entries) > RESULTS_PER_KIND) if shown else None

    def result(self, entry, words):
        """The entry's title and, from its own fields, the passage that says why it matched."""
        title = highlight(entry, words)
        result = Result(entry, entry.rank, title)
        if entry.rank <= IN_NAMES and not any(part.marked for part in title):
            for name in self.names:
                for line in str(getattr(entry, name) or "").splitlines():
                    marked = highlight(line.strip(), words)
                    if any(part.marked for part in marked):
                        result.passage, result.label = marked, "Also known as"
                        return result
        if entry.rank == IN_QUOTE:
            return result
        texts = [str(getattr(entry, name) or "") for name in self.texts]
        for text in texts:
            found = passage(text, words)
            if found and any(part.marked for part in found):
                result.passage = found
                return result
        for related in filter(None, (getattr(entry, name) for name in self.related)):
            for line in aliases_list(getattr(related, "aliases", "")):
                marked = highlight(line, words)
                if any(part.marked for part in marked):  # found by a related entry's alias
                    result.passage, result.label = marked, f"{related}, also known as"
                    return result
        result.passage = next((passage(text, []) for text in texts if text.strip()), [])
        return result

    def add_quotes(self, results, words):
        """Give the results found only in a quote that quote (one query for them all)."""
        if not results or not self.citation:
            return
        by_entry = {result.entry.pk: result for result in results}
        quotes = (
            Citation.objects.filter(matches(["search_text"], words), **{f"{self.citation}__in": list(by_entry)})
            .select_related("source")
            .only(f"{self.citation}_id", "quote", "source__title")
            .order_by(self.citation, "pk")  # (by the key's index, not a scan in key order)
        )
        for citation in quotes:
            result = by_entry[getattr(citation, f"{self.citation}_id")]
            if result.passage is None:
                result.passage = passage(citation.quote, words)
                result.label = f"Quoted from {citation.source.title}"
        for result in results:
            result.passage = result.passage or []


def searched():
    """Every kind of entry search goes through, then the sources."""
    for kind in kinds():
        model = kind.model
        if model is Era:  # no folded columns: few enough to fold at each search
            yield Searched(
                kind.plural,
                Era.objects.alias(search_name=Fold(F("name")), search_text=Fold(F("summary"))),
                ["name"],
                ["summary"],
                citation=kind.name,
            )
            continue
        related = RELATED.get(kind.name, {})
        yield Searched(
            kind.plural,
            model.objects.select_related(*related.get("select", [])),
            folded_sources(model, "search_name"),
            folded_sources(model, "search_text"),
            ["search_name", *related.get("names", [])],
            ["search_text", *related.get("text", [])],
            related.get("extra"),
            citation=kind.name,
            related=related.get("select", []),
        )
    yield Searched(
        "Sources",
        Source.objects.defer("text"),
        folded_sources(Source, "search_name"),
        folded_sources(Source, "search_text"),
    )


def search_everything(query):
    """Results of every kind, the kinds with the best results first; at most three
    queries per kind (``Searched.results``)."""
    if not query.words:
        return []
    found = [results for kind in searched() if (results := kind.results(query))]
    order = {results.label: index for index, results in enumerate(found)}
    return sorted(found, key=lambda results: (results.best, order[results.label]))

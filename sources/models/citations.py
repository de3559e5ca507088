"""Citations: one source supporting one entry, with the exact words that support it."""

from collections import defaultdict

from django.db import models
from django.db.models import ExpressionWrapper, Q
from simple_history.models import HistoricalRecords

from common.folding import folded_column
from common.models import version_field
from sources.attributes import VOCABULARY, Attribute, attribute_choices
from sources.disputes import disagree, disputes_among
from sources.models.sources import Source

# Every kind of entry a citation can support, as the name of its foreign key on Citation.
TARGET_FIELDS = ("event", "actor", "place", "era", "equipment", "designation", "transfer")


def cited_sources_prefetch(target):
    """Prefetch, for a list of entries of kind ``target``, which sources each cites.

    Ordered by the citation's own key: ordering by the joined source would make the
    database scan every citation to find one page's.
    """
    citations = Citation.objects.select_related("source").only(f"{target}_id", "source__slug", "source__title")
    return models.Prefetch("citations", queryset=citations.order_by("pk"))


def citation_target(model, kind):
    """The foreign key of a citation to one kind of entry (``TARGET_FIELDS`` names them all)."""
    return models.ForeignKey(
        model,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
        help_text=f"The {kind} this citation supports; a citation supports exactly one entry.",
    )


def citations_prefetch(lookup="citations"):
    """Prefetch an entry's citations as its page shows them (``lookup``: the path to them):
    with their source, relay and entry, by the source's title."""
    return models.Prefetch(lookup, queryset=Citation.objects.with_related().order_by("source__title", "pk"))


class CitationQuerySet(models.QuerySet):
    def with_related(self):
        """Citations with their source, relay and target loaded in the same query.

        The sources' archived texts are not loaded; ``source_archived`` says whether
        there is one, which is what marks a quote as checked.
        """
        return (
            self.select_related(
                "source",
                "via",
                *TARGET_FIELDS,
                "designation__equipment",
                "transfer__supplier",
                "transfer__recipient",
                "transfer__equipment",
            )
            .defer("source__text", "via__text")
            .annotate(source_archived=ExpressionWrapper(~Q(source__text=""), output_field=models.BooleanField()))
        )

    def dispute_keys(self):
        """(kind of entry, entry id, attribute) of every dispute, in a stable order; two queries.

        A dispute is a group of citations of one entry and one attribute whose values
        disagree once read as values (``sources.disputes.disagree``). A GROUP BY finds the
        groups with more than one value among the few citations that vouch for an
        attribute; their values are then read and compared. Cheap enough to page through
        thousands of disputes and load only one page's citations with ``disputes_for``.
        """
        columns = [f"{name}_id" for name in TARGET_FIELDS]
        attributed = self.exclude(attribute="").exclude(value="").order_by()
        rows = (
            attributed.values_list(*columns, "attribute")
            .annotate(values=models.Count("value", distinct=True))
            .filter(values__gt=1)
        )
        candidates = {self._key(ids, attribute) for *ids, attribute, _values in rows}
        if not candidates:
            return []
        narrowed = Q()
        for name in TARGET_FIELDS:
            ids = {pk for kind, pk, _attribute in candidates if kind == name}
            attributes = {attribute for kind, _pk, attribute in candidates if kind == name}
            if ids:
                narrowed |= Q(**{f"{name}_id__in": ids, "attribute__in": attributes})
        values = defaultdict(set)
        for *ids, attribute, value in (
            attributed.filter(narrowed).values_list(*columns, "attribute", "value").distinct()
        ):
            key = self._key(ids, attribute)
            if key in candidates:
                values[key].add(value)
        keys = [key for key, found in values.items() if disagree(key[2], found, key[0])]
        return sorted(keys, key=lambda key: (TARGET_FIELDS.index(key[0]), key[1], key[2]))

    @staticmethod
    def _key(ids, attribute):
        name, pk = next((n, i) for n, i in zip(TARGET_FIELDS, ids, strict=True) if i is not None)
        return (name, pk, attribute)

    def disputes(self):
        """Every disputed (entry, attribute) with its competing values and their citations.

        Three queries, whatever the number of disputes.
        """
        found = self.disputes_for(self.dispute_keys())
        return sorted(found, key=lambda d: (str(d.target).lower(), d.attribute))

    def disputes_for(self, keys):
        """The Disputes of ``keys`` (from ``dispute_keys``), in their order; one query."""
        if not keys:
            return []
        wanted = Q()
        for name, pk, attribute in keys:
            wanted |= Q(**{f"{name}_id": pk}, attribute=attribute)
        citations = self.filter(wanted).exclude(value="").with_related().order_by("value", "source__title", "pk")
        found = {(d.target._meta.model_name, d.target.pk, d.attribute): d for d in disputes_among(citations)}
        return [found[key] for key in keys if key in found]


class Citation(models.Model):
    """One source supporting one entry, with the exact words that support it.

    A citation may vouch for one attribute of its entry ("quantity" = "12,000"). When two
    citations of one entry give different values for an attribute, the entry is disputed
    on it and pages show both values side by side.
    """

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", help_text="The document quoted."
    )
    quote = models.TextField(
        help_text="The exact words of the source, copied verbatim. Checked against the archived text."
    )
    locator = models.CharField(
        max_length=200, blank=True, help_text="Where in the source: section heading, paragraph or page."
    )
    attribute = models.CharField(
        max_length=50,
        blank=True,
        choices=attribute_choices(),
        help_text="The attribute of its entry this quote vouches for (the list of its kind of entry); "
        "empty when it vouches for the entry as a whole.",
    )
    value = models.CharField(
        max_length=200, blank=True, help_text='The value the quote gives for the attribute, e.g. "12,000".'
    )
    via = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relayed_citations",
        help_text="The outlet or official the source reports this from, when it says so.",
    )
    note = models.TextField(
        blank=True,
        help_text="An editor's remark for readers, e.g. on a misprint and the reading stored; required for a reading.",
    )
    reading = models.BooleanField(
        default=False,
        help_text="The value is the editor's reading of the quote, not its words (the text says “tank”, "
        "the entry says “medium tank”): say in the note how it was read.",
    )

    event = citation_target("events.Event", "event")
    actor = citation_target("events.Actor", "actor")
    place = citation_target("events.Place", "place")
    era = citation_target("events.Era", "era")
    equipment = citation_target("equipment.Equipment", "equipment")
    designation = citation_target("equipment.Designation", "designation")
    transfer = citation_target("equipment.Transfer", "transfer")

    list_route = "sources:citation-list"  # the public list of these entries
    # The order of the entries in its fixture file (dprk_kb.fixtures).
    fixture_order = ["pk"]
    version = version_field()
    # The folded words of the quote, kept by the database (see common.folding).
    search_text = folded_column("quote")

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = CitationQuerySet.as_manager()

    class Meta:
        ordering = ["source__title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q.create(
                    [
                        Q(
                            **{f"{name}__isnull": False},
                            **{f"{other}__isnull": True for other in TARGET_FIELDS if other != name},
                        )
                        for name in TARGET_FIELDS
                    ],
                    connector=Q.OR,
                ),
                name="citation_exactly_one_target",
            ),
            models.CheckConstraint(condition=~Q(quote=""), name="citation_quote_not_empty"),
            models.CheckConstraint(condition=Q(value="") | ~Q(attribute=""), name="citation_value_needs_attribute"),
            models.CheckConstraint(
                condition=Q(reading=False) | (~Q(value="") & ~Q(note="")), name="citation_reading_has_value_and_note"
            ),
            models.CheckConstraint(
                condition=Q(via__isnull=True) | ~Q(via=models.F("source")), name="citation_via_not_source"
            ),
            models.CheckConstraint(
                condition=Q.create(
                    [Q(attribute="")]
                    + [Q(**{f"{name}__isnull": False}, attribute__in=VOCABULARY[name]) for name in TARGET_FIELDS],
                    connector=Q.OR,
                ),
                name="citation_attribute_in_vocabulary",
                violation_error_message="Choose an attribute from the list for this kind of entry.",
            ),
        ]
        indexes = [
            models.Index(fields=["attribute", "value"], name="citation_attribute_value"),
            # The timeline's source filter and facet: which events a source supports.
            models.Index(fields=["source", "event"], name="citation_source_event"),
        ]

    def __str__(self):
        return f"{self.source} on {self.target}"

    @property
    def verified(self):
        """Whether the quote was checked against an archived text of its source.

        Quotes are checked when saved (the admin refuses what is not in the text) and by
        the test suite for the fixtures; without an archived text nothing can be checked.
        """
        archived = getattr(self, "source_archived", None)
        return bool(self.source.text) if archived is None else archived

    @property
    def attribute_label(self):
        return Attribute(self.attribute).label if self.attribute else ""

    @property
    def target_field(self):
        return next((name for name in TARGET_FIELDS if getattr(self, f"{name}_id") is not None), None)

    @property
    def target_id(self):
        return getattr(self, f"{self.target_field}_id")

    @property
    def target(self):
        return getattr(self, self.target_field) if self.target_field else None

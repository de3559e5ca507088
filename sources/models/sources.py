"""Sources: the documents that entries cite."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from common.dates import DatePrecision, format_date, precision_field
from common.folding import SEARCH_COLUMNS, folded_column
from common.models import SlugQuerySet, choices_constraint, version_field


class SourceKind(models.TextChoices):
    ARTICLE = "article", "article"
    BOOK = "book", "book"
    DATABASE = "database", "database"
    REPORT = "report", "report"
    BLOG = "blog", "blog"
    NEWS = "news", "news report"
    STATEMENT = "statement", "official statement"
    STATE_MEDIA = "state_media", "state media"
    FOOTAGE = "footage", "footage or social media post"


class Reliability(models.TextChoices):
    # The source-reliability half of the NATO "Admiralty" grading.
    A = "A", "A: completely reliable"
    B = "B", "B: usually reliable"
    C = "C", "C: fairly reliable"
    D = "D", "D: not usually reliable"
    E = "E", "E: unreliable"
    F = "F", "F: reliability cannot be judged"


class Source(models.Model):
    """A document that entries cite: an article, a book, a database, a news outlet..."""

    title = models.CharField(max_length=300, help_text="The title as the document gives it.")
    slug = models.SlugField(max_length=100, help_text="Short name used in URLs and exports.")
    kind = models.CharField(
        max_length=20, choices=SourceKind.choices, default=SourceKind.ARTICLE, help_text="What sort of document it is."
    )
    publisher = models.CharField(
        max_length=200, blank=True, help_text="Outlet, publisher or website, as the document names it."
    )
    authors = models.CharField(
        max_length=300, blank=True, help_text='Authors separated by "; ", as the document names them.'
    )
    published = models.DateField(
        null=True, blank=True, help_text="Publication date: the first day of its period when only partly known."
    )
    published_precision = precision_field(
        "How exactly the document gives its date: to the day, month, year or decade.",
        default=DatePrecision.DAY,
    )
    url = models.URLField(
        max_length=500, blank=True, help_text="Only an address the document itself gives; never guessed."
    )
    language = models.CharField(max_length=10, default="en", help_text="Language code, e.g. en, ko, ru.")
    reliability = models.CharField(
        max_length=1,
        choices=Reliability.choices,
        default=Reliability.F,
        help_text="How far the source can be trusted (Admiralty grade); F when it cannot be judged.",
    )
    notes = models.TextField(
        blank=True, help_text="What an editor should know: what is inferred, how the text was archived."
    )
    text = models.TextField(
        blank=True,
        help_text="The archived full text. Quotes citing this source are checked against it.",
    )
    cites = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="cited_by",
        help_text="Sources this one cites (its bibliography) or reports from.",
    )

    # Folded copies of the searched text, kept by the database (see common.folding).
    search_name = folded_column("title")
    search_text = folded_column("publisher", "authors", "notes")

    list_route = "sources:source-list"  # the public list of these entries
    # The order of the entries in its fixture file (dprk_kb.fixtures).
    fixture_order = ["slug"]
    version = version_field()
    history = HistoricalRecords(excluded_fields=SEARCH_COLUMNS, m2m_fields=[cites])
    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["title", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="source_slug_unique"),
            choices_constraint("kind", SourceKind, "source_kind_valid"),
            choices_constraint("reliability", Reliability, "source_reliability_valid"),
            choices_constraint("published_precision", DatePrecision, "source_published_precision_valid"),
            models.CheckConstraint(condition=~Q(title=""), name="source_title_not_empty"),
            models.CheckConstraint(condition=~Q(slug=""), name="source_slug_not_empty"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sources:source-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def published_display(self):
        return format_date(self.published, self.published_precision)

    @property
    def author_list(self):
        return split_authors(self.authors)


def split_authors(text):
    """The authors field holds names separated by "; "; this gives them as a list."""
    return [name.strip() for name in (text or "").split(";") if name.strip()]

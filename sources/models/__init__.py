"""Sources and the citations that tie every entry to their exact words, a module each.

This app is the base layer: it imports no other app. Its foreign keys to the entries it
supports are strings, so that ``events`` and ``equipment`` can depend on it.
"""

from sources.disputes import Dispute, disputes_among
from sources.models.citations import (
    TARGET_FIELDS,
    Citation,
    CitationQuerySet,
    citation_target,
    citations_prefetch,
    cited_sources_prefetch,
)
from sources.models.sources import Reliability, Source, SourceKind, split_authors

__all__ = [
    "TARGET_FIELDS",
    "Citation",
    "CitationQuerySet",
    "Dispute",
    "Reliability",
    "Source",
    "SourceKind",
    "citation_target",
    "citations_prefetch",
    "cited_sources_prefetch",
    "disputes_among",
    "split_authors",
]

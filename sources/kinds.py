"""The kinds of entry of the knowledge base: what a citation can support.

One list, read from Citation's foreign keys (``TARGET_FIELDS``), which every part that
goes through the kinds of entry uses: the check that every entry is cited, the source
page, the disputes, search, the home page's counts, the fixture files, the editors'
permissions and the tests. Adding a kind is a recipe in docs/architecture.md.
"""

from dataclasses import dataclass
from functools import cache

from django.urls import reverse
from django.utils.text import capfirst

from sources.models import TARGET_FIELDS, Citation


@dataclass(frozen=True)
class Kind:
    """One kind of entry: ``name`` is its foreign key on Citation (and ``entry_kind`` in exports)."""

    name: str
    model: type

    @property
    def label(self):
        return str(self.model._meta.verbose_name)

    @property
    def plural(self):
        return capfirst(str(self.model._meta.verbose_name_plural))

    @property
    def list_url(self):
        """The public list of this kind, or None (``list_route`` on the model names it)."""
        route = getattr(self.model, "list_route", None)
        return reverse(route) if route else None


@cache
def kinds():
    """Every kind of entry, in Citation's order; read once the models are loaded."""
    return tuple(Kind(name, Citation._meta.get_field(name).related_model) for name in TARGET_FIELDS)


def kind_named(name):
    return next(kind for kind in kinds() if kind.name == name)

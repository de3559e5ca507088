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
    def key(self):
        """The field that names an entry of this kind in addresses and exports (its slug, or a code)."""
        fields = {field.name for field in self.model._meta.fields}
        return "slug" if "slug" in fields else "code"

    @property
    def name_lookups(self):
        """The lookups that name an entry of this kind (the model's ``name_lookups``, or its
        title or name)."""
        fields = {field.name for field in self.model._meta.fields}
        return getattr(self.model, "name_lookups", None) or [next(f for f in ("title", "name") if f in fields)]

    def name_from(self, values):
        """An entry's name from the values of its ``name_lookups`` (keyed by lookup)."""
        if hasattr(self.model, "name_from"):
            return self.model.name_from(values)
        return values[self.name_lookups[0]]

    def url_of(self, key):
        """The page address of the entry whose key is ``key``."""
        return self.model(**{self.key: key}).get_absolute_url()

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

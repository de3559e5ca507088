"""The layout of the curated fixture files, shared by export_fixtures, backups and tests.

One file per model, in ``fixtures/``, with natural keys and a stable order, so that the
database written back to these files gives the same bytes, and a reviewer reads a
change as a small diff.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.serializers import sort_dependencies

from sources.kinds import kinds
from sources.models import Citation, Source

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


@cache
def fixture_files():
    """{file name: model}: the sources, every kind of entry (``sources.kinds``) and the
    citations, one file each, numbered so that ``loaddata fixtures/*.json`` loads what is
    referred to before what refers to it (a non-null foreign key cannot wait for a
    forward reference). Each file lists its entries in its model's ``fixture_order``."""
    models = sort_dependencies([(None, [Source, *(kind.model for kind in kinds()), Citation])])
    return {
        f"{number:02d}_{str(model._meta.verbose_name_plural).replace(' ', '_')}.json": model
        for number, model in enumerate(models, start=1)
    }


def serialize_fixture(filename, using="default"):
    """The text of one fixture file, as the database holds it now."""
    model = fixture_files()[filename]
    queryset = model._default_manager.using(using).order_by(*model.fixture_order)
    text = serializers.serialize(
        "json",
        queryset,
        fields=knowledge_fields(model),
        indent=2,
        use_natural_foreign_keys=True,
        use_natural_primary_keys=True,
    )
    return text + "\n"


def knowledge_fields(model):
    """The fields a fixture holds: all but the edit version, which belongs to one database."""
    version = getattr(model, "_concurrencymeta", None)
    return [
        field.name
        for field in [*model._meta.local_fields, *model._meta.local_many_to_many]
        if field.serialize and (version is None or field is not version.field)
    ]


def write_fixtures(directory, using="default"):
    """Write every fixture file into ``directory``; return the paths written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for filename in fixture_files():
        path = directory / filename
        path.write_text(serialize_fixture(filename, using), encoding="utf-8")
        written.append(path)
    return written

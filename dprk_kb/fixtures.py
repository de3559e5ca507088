"""The layout of the curated fixture files, shared by export_fixtures, backups and tests.

One file per model, in ``fixtures/``, with natural keys and a stable order, so that the
database written back to these files gives the same bytes, and a reviewer reads a
change as a small diff.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"

# file name -> (model label, order of the entries in the file). The numbers keep
# `loaddata fixtures/*.json` loading what is referred to before what refers to it:
# a non-null foreign key cannot wait for a forward reference.
FIXTURE_FILES = {
    "01_sources.json": ("sources.Source", ["slug"]),
    "02_eras.json": ("events.Era", ["start", "slug"]),
    "03_actors.json": ("events.Actor", ["slug"]),
    "04_places.json": ("events.Place", ["slug"]),
    "05_equipment.json": ("equipment.Equipment", ["slug"]),
    "06_designations.json": ("equipment.Designation", ["code", "scheme", "equipment__slug"]),
    "07_transfers.json": ("equipment.Transfer", ["slug"]),
    "08_events.json": ("events.Event", ["date_start", "slug"]),
    "09_citations.json": ("sources.Citation", ["pk"]),
}


def serialize_fixture(filename, using="default"):
    """The text of one fixture file, as the database holds it now."""
    label, ordering = FIXTURE_FILES[filename]
    model = apps.get_model(label)
    queryset = model._default_manager.using(using).order_by(*ordering)
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
    for filename in FIXTURE_FILES:
        path = directory / filename
        path.write_text(serialize_fixture(filename, using), encoding="utf-8")
        written.append(path)
    return written

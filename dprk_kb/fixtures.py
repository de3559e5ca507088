"""The layout of the curated fixture files, shared by export_fixtures, backups and tests.

One file per model, in ``fixtures/``, with natural keys and a stable order, so that the
database written back to these files gives the same bytes, and a reviewer reads a
change as a small diff. The uploaded images follow in one more file, written only when
there are images, with their files beside it (``dprk_kb.fixture_media``).
"""

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.serializers import sort_dependencies

from dprk_kb import fixture_media
from equipment.models import Image
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
    return {_file_name(number, model): model for number, model in enumerate(models, start=1)}


@cache
def image_fixture_file():
    """The file of the uploaded images, numbered after all the others: an image refers to an
    equipment or an event (and perhaps a source), and nothing refers to it. Unlike the
    others it is written only when the database holds images, so that a knowledge base
    without pictures is the files above and nothing more."""
    return _file_name(len(fixture_files()) + 1, Image)


def _file_name(number, model):
    return f"{number:02d}_{str(model._meta.verbose_name_plural).replace(' ', '_')}.json"


def serialize_fixture(filename, using="default"):
    """The text of one fixture file, as the database holds it now."""
    model = Image if filename == image_fixture_file() else fixture_files()[filename]
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


def database_fixtures(using="default"):
    """{file name: text} of every fixture file the database is written to, and the file
    names of the images' files (the images' rows, as serialized, name them: the files
    copied are exactly those the written rows refer to)."""
    texts = {filename: serialize_fixture(filename, using) for filename in fixture_files()}
    images = serialize_fixture(image_fixture_file(), using)
    rows = json.loads(images)
    if rows:
        texts[image_fixture_file()] = images
        fixture_media.check_stored(rows)
    return texts, fixture_media.names_in(rows)


def write_fixtures(directory, using="default"):
    """Write every fixture file into ``directory``, and a copy of every image's files into
    its ``media/``; return the paths written. Nothing is written if media storage lacks a
    file an image refers to (``fixture_media.MediaError``)."""
    directory = Path(directory)
    texts, media_names = database_fixtures(using)
    fixture_media.check_apart(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, text in texts.items():
        path = directory / filename
        path.write_text(text, encoding="utf-8")
        written.append(path)
    if image_fixture_file() not in texts:  # the images there were before are gone
        (directory / image_fixture_file()).unlink(missing_ok=True)
    return written + fixture_media.write_copies(directory, media_names)


def stale_fixtures(directory, using="default"):
    """The files of ``directory`` (fixtures, and images' files as ``media/<name>``) that
    differ from the database, are missing, or are left from images no longer there; then
    how many fixture files and how many images' files were compared."""
    directory = Path(directory)
    texts, media_names = database_fixtures(using)
    stale = [
        filename
        for filename, text in texts.items()
        if not (directory / filename).is_file() or (directory / filename).read_text(encoding="utf-8") != text
    ]
    if image_fixture_file() not in texts and (directory / image_fixture_file()).exists():
        stale.append(image_fixture_file())
    return stale + fixture_media.differences(directory, media_names), len(texts), len(media_names)

"""The files of the uploaded images, kept beside the fixture files.

An image's row names its files in media storage (the picture and its thumbnail); the
fixture directory holds a copy of each under ``media/``, at the same relative name
(``<directory>/media/images/2025/<name>.jpg``), so that a backup restores the pictures
with their rows, byte for byte. ``media/`` holds exactly the files the images' fixture
names: a file no image names any more is removed when the directory is written again.
"""

import json
import shutil
from pathlib import Path

from django.core.files import File
from django.core.files.utils import validate_file_name

from equipment.models import Image

MEDIA_DIR = "media"
FILE_FIELDS = ("image", "thumbnail")
CHUNK = 1024 * 1024


class MediaError(Exception):
    """The images' files cannot be written or restored as their rows say."""


def storage():
    """Where the site keeps uploaded images (both file fields use the same storage)."""
    return Image._meta.get_field("image").storage


def names_in(rows):
    """The file names, sorted, that the serialized image ``rows`` (the images' fixture, as
    parsed JSON) refer to. A name that would leave the media directory is refused."""
    names = set()
    for row in rows:
        for field in FILE_FIELDS:
            name = row["fields"].get(field)
            if name:
                validate_file_name(name, allow_relative_path=True)
                names.add(name)
    return sorted(names)


def names_in_file(path):
    return names_in(json.loads(Path(path).read_text(encoding="utf-8")))


def check_stored(rows):
    """Raise MediaError naming every file the image ``rows`` refer to that media storage lacks."""
    store = storage()
    missing = [
        f"image {row['pk']} names {name}"
        for row in rows
        for name in (row["fields"].get(field) for field in FILE_FIELDS)
        if name and not store.exists(name)
    ]
    if missing:
        raise MediaError(
            f"Media storage ({getattr(store, 'location', store)}) lacks files that images refer to: "
            f"{'; '.join(missing)}. Restore the files, or delete the images, before exporting."
        )


def check_apart(directory):
    """Refuse a fixture directory whose ``media/`` overlaps the site's own media storage:
    writing it would copy files onto themselves and remove the uploads no image names."""
    location = getattr(storage(), "location", None)
    if location is None:
        return
    copies, uploads = (Path(directory) / MEDIA_DIR).resolve(), Path(location).resolve()
    if copies == uploads or copies in uploads.parents or uploads in copies.parents:
        raise MediaError(f"{copies} overlaps the site's media storage ({uploads}); write the fixtures elsewhere.")


def write_copies(directory, names):
    """Copy the stored files ``names`` into ``<directory>/media/`` and remove any other file
    there; return the paths written (a copy that already has the same bytes is left)."""
    media = Path(directory) / MEDIA_DIR
    written = []
    for name in names:
        target = media / name
        if _same_bytes(name, target):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with storage().open(name, "rb") as source, target.open("wb") as copy:
            shutil.copyfileobj(source, copy, CHUNK)
        written.append(target)
    for path in _unnamed(media, names):
        path.unlink()
    if media.is_dir():
        for folder in sorted((p for p in media.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
        if not any(media.iterdir()):
            media.rmdir()
    return written


def differences(directory, names):
    """The copies in ``<directory>/media/`` (as ``media/<name>``) that are missing, differ
    from the stored file, or are named by no image."""
    media = Path(directory) / MEDIA_DIR
    differ = [name for name in names if not _same_bytes(name, media / name)]
    differ += [path.relative_to(media).as_posix() for path in _unnamed(media, names)]
    return sorted(f"{MEDIA_DIR}/{name}" for name in differ)


def missing_copies(directory, names):
    """The names among ``names`` that ``<directory>/media/`` holds no copy of."""
    return [name for name in names if not (Path(directory) / MEDIA_DIR / name).is_file()]


def restore(directory, names):
    """Put the copies of ``names`` from ``<directory>/media/`` into media storage under the
    same names; a stored file with other bytes is replaced. Return how many were written."""
    store = storage()
    written = 0
    for name in names:
        copy = Path(directory) / MEDIA_DIR / name
        if store.exists(name):
            if _same_bytes(name, copy):
                continue
            store.delete(name)
        with copy.open("rb") as content:
            saved = store.save(name, File(content, name=name))
        if saved != name:
            raise MediaError(f"Media storage stored {name} as {saved}.")
        written += 1
    return written


def _same_bytes(name, path):
    """Whether the stored file ``name`` and the file at ``path`` hold the same bytes."""
    if not path.is_file() or path.stat().st_size != storage().size(name):
        return False
    with storage().open(name, "rb") as stored, path.open("rb") as copy:
        while True:
            a, b = stored.read(CHUNK), copy.read(CHUNK)
            if a != b:
                return False
            if not a:
                return True


def _unnamed(media, names):
    if not media.is_dir():
        return []
    named = set(names)
    return sorted(p for p in media.rglob("*") if p.is_file() and p.relative_to(media).as_posix() not in named)

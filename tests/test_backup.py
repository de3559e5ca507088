"""Backups with images: `export_fixtures` writes the images' rows beside the knowledge base
and a copy of their files in `media/`; `load_fixtures --directory` brings both back, byte
for byte, and `export_fixtures --check` compares both."""

import io
import json
import shutil

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse
from PIL import Image as PILImage

from dprk_kb.fixtures import FIXTURES_DIR, fixture_files, image_fixture_file, write_fixtures
from equipment.models import Equipment, Image
from events.models import Event
from tests.test_security import _drop_database, _fresh_database_url, manage

pytestmark = pytest.mark.django_db

IMAGES_FILE = image_fixture_file()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def picture(fmt, colour):
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 80), colour).save(buffer, format=fmt)
    return buffer.getvalue()


def upload(client, fmt, alt_text, **subject):
    """An image uploaded in the admin, as an editor does; ``subject`` is equipment= or event=."""
    extension = {"PNG": "png", "JPEG": "jpg"}[fmt]
    response = client.post(
        reverse("admin:equipment_image_add"),
        {
            "image": SimpleUploadedFile(f"photo.{extension}", picture(fmt, (200, 30, 30)), f"image/{extension}"),
            "alt_text": alt_text,
            "caption": f"Caption of {alt_text}",
            "credit": "Test",
            "source": "",
            "equipment": "",
            "event": "",
            **{name: str(entry.pk) for name, entry in subject.items()},
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Image.objects.get(alt_text=alt_text)


@pytest.fixture
def images(admin_client, media):
    """A PNG of an equipment and a JPEG of an event, each with its thumbnail."""
    return [
        upload(admin_client, "PNG", "A Koksan on parade", equipment=Equipment.objects.get(slug="koksan")),
        upload(admin_client, "JPEG", "Troops at the front", event=Event.objects.order_by("slug").first()),
    ]


def files_under(directory):
    """{relative path: bytes} of every file under ``directory``."""
    if not directory.exists():
        return {}
    files = (path for path in directory.rglob("*") if path.is_file())
    return {path.relative_to(directory).as_posix(): path.read_bytes() for path in files}


def image_rows():
    fields = ["pk", "equipment__slug", "event__slug", "image", "thumbnail", "width", "height", "alt_text", "caption"]
    return list(Image.objects.order_by("pk").values_list(*fields))


def wipe_knowledge_base():
    """Empty every table of the knowledge base (its history too), as a fresh database is.
    Foreign keys are checked when the test ends, after the reload has filled them again."""
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in {"sources", "events", "equipment"}
    }
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


def test_images_and_their_files_come_back_from_a_backup(images, admin_client, media, tmp_path):
    backup = tmp_path / "backup"
    call_command("export_fixtures", output=str(backup), stdout=io.StringIO())
    names = sorted(name for image in images for name in (image.image.name, image.thumbnail.name))
    stored = files_under(media)
    assert sorted(stored) == names
    assert files_under(backup / "media") == stored
    assert [row["pk"] for row in json.loads((backup / IMAGES_FILE).read_text())] == [image.pk for image in images]
    rows, backup_files = image_rows(), files_under(backup)

    wipe_knowledge_base()
    shutil.rmtree(media)
    assert not Image.objects.exists() and not Equipment.objects.exists()

    out = io.StringIO()
    call_command("load_fixtures", directory=str(backup), stdout=out)
    assert "Restored 4 image files into media storage" in out.getvalue()
    assert image_rows() == rows
    assert files_under(media) == stored
    for image in Image.objects.all():
        subject = image.equipment or image.event
        page = admin_client.get(subject.get_absolute_url()).content.decode()
        assert image.image.url in page and image.thumbnail.url in page and f'alt="{image.alt_text}"' in page
    again = tmp_path / "again"
    call_command("export_fixtures", output=str(again), stdout=io.StringIO())
    assert files_under(again) == backup_files


def test_a_backup_restores_images_into_a_fresh_database_and_media_root(images, tmp_path):
    """The way `make backup` and its restore go: another database and media root, by the command line."""
    backup = tmp_path / "backup"
    write_fixtures(backup)
    fresh, fresh_media = _fresh_database_url(tmp_path), tmp_path / "fresh-media"
    env = {"DATABASE_URL": fresh, "DJANGO_MEDIA_ROOT": str(fresh_media)}
    try:
        assert manage("migrate", "-v0", env=env).returncode == 0
        loaded = manage("load_fixtures", "--directory", str(backup), env=env)
        assert loaded.returncode == 0, loaded.stderr
        assert files_under(fresh_media) == files_under(backup / "media") != {}
        again = tmp_path / "again"
        exported = manage("export_fixtures", "--output", str(again), env=env)
        assert exported.returncode == 0, exported.stderr
        assert files_under(again) == files_under(backup)
        # The restored primary keys leave room for the next upload.
        added = manage(
            "shell",
            "-c",
            "from equipment.models import Equipment, Image; equipment = Equipment.objects.first();"
            "image = Image.objects.create(equipment=equipment, image='x.png', width=1, height=1, alt_text='x');"
            "print('new', image.pk)",
            env=env,
        )
        assert added.returncode == 0, added.stderr
        assert f"new {max(image.pk for image in images) + 1}" in added.stdout
    finally:
        _drop_database(fresh)


def test_without_images_there_is_no_images_file_and_the_committed_fixtures_pass_the_check(media, tmp_path):
    assert not Image.objects.exists()
    out = io.StringIO()
    call_command("export_fixtures", check=True, stdout=out)
    assert f"All {len(fixture_files())} fixture files match the database." in out.getvalue()
    assert not (FIXTURES_DIR / IMAGES_FILE).exists() and not (FIXTURES_DIR / "media").exists()
    call_command("export_fixtures", output=str(tmp_path / "out"), stdout=io.StringIO())
    assert sorted(files_under(tmp_path / "out")) == sorted(fixture_files())


def test_the_check_compares_the_images_rows_and_files(images, media, tmp_path):
    with pytest.raises(CommandError, match=IMAGES_FILE) as committed:
        call_command("export_fixtures", check=True, stdout=io.StringIO())
    assert f"media/{images[0].image.name}" in str(committed.value)

    out = tmp_path / "out"
    call_command("export_fixtures", output=str(out), stdout=io.StringIO())
    report = io.StringIO()
    call_command("export_fixtures", output=str(out), check=True, stdout=report)
    assert f"All {len(fixture_files()) + 1} fixture files and 4 image files match the database." in report.getvalue()

    copy = out / "media" / images[0].image.name
    copy.write_bytes(copy.read_bytes()[:-1] + b"\0")
    (out / "media" / "images" / "stray.png").write_bytes(b"left over")
    with pytest.raises(CommandError) as changed:
        call_command("export_fixtures", output=str(out), check=True, stdout=io.StringIO())
    assert str(changed.value).endswith(f": media/{images[0].image.name}, media/images/stray.png")

    Image.objects.all().delete()
    with pytest.raises(CommandError, match=IMAGES_FILE):
        call_command("export_fixtures", output=str(out), check=True, stdout=io.StringIO())
    call_command("export_fixtures", output=str(out), stdout=io.StringIO())
    assert sorted(files_under(out)) == sorted(fixture_files())
    call_command("export_fixtures", output=str(out), check=True, stdout=io.StringIO())


def test_a_file_missing_from_media_storage_stops_the_export_before_anything_is_written(images, media, tmp_path):
    (media / images[1].thumbnail.name).unlink()
    out = tmp_path / "out"
    with pytest.raises(CommandError, match=f"image {images[1].pk} names {images[1].thumbnail.name}"):
        call_command("export_fixtures", output=str(out), stdout=io.StringIO())
    assert not out.exists()
    with pytest.raises(CommandError, match=images[1].thumbnail.name):
        call_command("export_fixtures", output=str(out), check=True, stdout=io.StringIO())


def test_a_backup_missing_an_images_file_is_refused_before_anything_is_loaded(images, media, tmp_path):
    backup = tmp_path / "backup"
    write_fixtures(backup)
    (backup / "media" / images[0].image.name).unlink()
    Image.objects.all().delete()
    shutil.rmtree(media)
    with pytest.raises(CommandError, match=f"lacks: {images[0].image.name}"):
        call_command("load_fixtures", directory=str(backup), stdout=io.StringIO())
    assert not Image.objects.exists() and not media.exists()


def test_the_export_refuses_to_write_its_copies_into_media_storage_itself(images, media):
    with pytest.raises(CommandError, match="overlaps the site's media storage"):
        call_command("export_fixtures", output=str(media.parent), stdout=io.StringIO())
    assert files_under(media) != {} and not (media.parent / IMAGES_FILE).exists()

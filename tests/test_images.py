"""Image uploads: real JPEG, PNG and WebP only, stored without metadata and with a thumbnail;
everything else refused with a message and nothing written to media storage."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from equipment.models import Equipment, Image

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("boss", password="a-long-test-password"))
    return client


def picture(fmt, size=(1200, 800), exif=True):
    image = PILImage.new("RGB", size, (120, 30, 30))
    buffer = io.BytesIO()
    options = {}
    if exif:
        data = PILImage.Exif()
        data[0x010F] = "Secret Camera Maker"  # Make
        data[0x8825] = {1: "N", 2: (39.0, 1.0, 30.0)}  # GPS info
        options["exif"] = data.tobytes()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def upload(client, name, content, content_type="image/png"):
    equipment = Equipment.objects.get(slug="koksan")
    return client.post(
        reverse("admin:equipment_image_add"),
        {
            "image": SimpleUploadedFile(name, content, content_type=content_type),
            "alt_text": "A Koksan on parade",
            "caption": "Test",
            "credit": "Test",
            "source": "",
            "equipment": str(equipment.pk),
            "event": "",
        },
    )


def stored_files(media):
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


@pytest.mark.parametrize(("fmt", "ext"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")])
def test_a_real_image_is_stored_without_metadata_and_with_a_thumbnail(admin_client, media, fmt, ext):
    original = picture(fmt)
    assert PILImage.open(io.BytesIO(original)).getexif()  # the upload does carry EXIF
    response = upload(admin_client, f"tank.{ext}", original, f"image/{ext}")
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert (image.width, image.height) == (1200, 800)
    with PILImage.open(image.image.path) as stored:
        assert stored.format == fmt
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info
    with PILImage.open(image.thumbnail.path) as thumbnail:
        assert max(thumbnail.size) <= 640
    assert len(stored_files(media)) == 2
    page = admin_client.get("/equipment/koksan/").content.decode()
    assert image.thumbnail.url in page and image.image.url in page and 'alt="A Koksan on parade"' in page


def truncated_png():
    data = picture("PNG", exif=False)
    return data[: len(data) // 2]


def bomb_png():
    image = PILImage.new("1", (10000, 10000))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.png", b"", "empty"),
        ("notes.png", b"These are not the pixels you are looking for.\n" * 20, "not a readable JPEG, PNG or WebP"),
        ("truncated.png", "truncated", "not a readable JPEG, PNG or WebP"),
        ("huge.png", b"\x89PNG\r\n\x1a\n" + b"\0" * (10 * 1024 * 1024), "the limit is 10 MB"),
        ("bomb.png", "bomb", "the limit is 40 megapixels"),
        ("picture.gif", "gif", "upload a JPEG, PNG or WebP"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_stored(admin_client, media, name, content, message):
    if content == "truncated":
        content = truncated_png()
    elif content == "bomb":
        content = bomb_png()
        assert len(content) < 100_000  # small on disk, 100 megapixels when opened
    elif content == "gif":
        buffer = io.BytesIO()
        PILImage.new("RGB", (10, 10)).save(buffer, format="GIF")
        content = buffer.getvalue()
    response = upload(admin_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()
    assert stored_files(media) == []


def test_alt_text_is_required(admin_client, media):
    equipment = Equipment.objects.get(slug="koksan")
    response = admin_client.post(
        reverse("admin:equipment_image_add"),
        {"image": SimpleUploadedFile("t.png", picture("PNG"), "image/png"), "alt_text": "", "equipment": equipment.pk},
    )
    assert response.status_code == 200
    assert not Image.objects.exists() and stored_files(media) == []

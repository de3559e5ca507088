"""Image uploads: real JPEG, PNG and WebP only, stored without metadata, scaled down to a
bounded size and with a thumbnail; everything else refused with a message and nothing written
to media storage. (What uploads cost in time and memory is measured by bench/images.py.)"""

import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from PIL import JpegImagePlugin

from equipment.images import MAX_PIXELS, MAX_PROGRESSIVE_JPEG_PIXELS, PIXEL_LIMITS, STORED_SIDE
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


RED, BLUE = (200, 30, 30), (30, 30, 200)


def picture(fmt, size=(1200, 800), exif=True, orientation=None, **options):
    """A picture red on its left half and blue on its right, with EXIF (and GPS) by default."""
    image = PILImage.new("RGB", size, RED)
    image.paste(BLUE, (size[0] // 2, 0, *size))
    buffer = io.BytesIO()
    if exif or orientation:
        data = PILImage.Exif()
        if exif:
            data[0x010F] = "Secret Camera Maker"  # Make
            data[0x8825] = {1: "N", 2: (39.0, 1.0, 30.0)}  # GPS info
        if orientation:
            data[0x0112] = orientation
        options["exif"] = data.tobytes()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def blank(fmt, size, **options):
    """A grey picture, cheap to make however large."""
    buffer = io.BytesIO()
    PILImage.new("L", size, 128).save(buffer, format=fmt, **options)
    return buffer.getvalue()


def just_over(limit, width):
    """A size ``width`` wide with one row more than ``limit`` pixels allow."""
    return width, limit // width + 1


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


@pytest.mark.parametrize(
    ("fmt", "ext", "size", "options", "stored_size"),
    [
        ("JPEG", "jpg", (6000, 4000), {}, (2560, 1707)),
        ("JPEG", "jpg", (3000, 2000), {"progressive": True}, (2560, 1707)),
        ("PNG", "png", (4000, 3000), {}, (2560, 1920)),
        ("WEBP", "webp", (2000, 3000), {}, (1707, 2560)),
    ],
)
def test_a_large_image_is_stored_scaled_down_without_metadata(
    admin_client, media, fmt, ext, size, options, stored_size
):
    assert max(stored_size) == STORED_SIDE
    response = upload(admin_client, f"tank.{ext}", picture(fmt, size, **options), f"image/{ext}")
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert (image.width, image.height) == stored_size
    with PILImage.open(image.image.path) as stored:
        assert (stored.format, stored.size) == (fmt, stored_size)
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info
    with PILImage.open(image.thumbnail.path) as thumbnail:
        assert max(thumbnail.size) == 640
    assert len(stored_files(media)) == 2


def test_a_large_jpeg_is_decoded_at_a_reduced_scale(admin_client, media, monkeypatch):
    decoded = []
    load = JpegImagePlugin.JpegImageFile.load

    def recording_load(self):
        decoded.append(self.size)
        return load(self)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "load", recording_load)
    response = upload(admin_client, "tank.jpg", picture("JPEG", (6000, 4000)), "image/jpeg")
    assert response.status_code == 302
    assert decoded[0] == (3000, 2000)  # libjpeg decoded it at half scale, never whole


@pytest.mark.parametrize(
    ("fmt", "ext", "size"),
    [("JPEG", "jpg", (4000, 3000)), ("PNG", "png", (4000, 3000)), ("WEBP", "webp", (3000, 2000))],
)
def test_exif_orientation_is_applied_to_the_stored_picture(admin_client, media, fmt, ext, size):
    # Orientation 6: the camera was turned a quarter clockwise, so the left (red) half is the top.
    response = upload(admin_client, f"tank.{ext}", picture(fmt, size, exif=False, orientation=6), f"image/{ext}")
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    with PILImage.open(image.image.path) as stored:
        width, height = stored.size
        assert height == STORED_SIDE and width < height
        assert dict(stored.getexif()) == {}
        top, bottom = (
            stored.convert("RGB").getpixel((width // 2, 10)),
            stored.convert("RGB").getpixel((width // 2, height - 10)),
        )
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]
    assert (image.width, image.height) == (width, height)


def test_the_upload_field_states_the_limits(admin_client):
    page = admin_client.get(reverse("admin:equipment_image_add")).content.decode()
    assert PIXEL_LIMITS in page and f"{STORED_SIDE:,} pixels" in page


def test_pixel_limits_come_before_pillows_decompression_bomb_check():
    # so that an editor reads the format's limit rather than the bomb message
    assert max(*MAX_PIXELS.values(), MAX_PROGRESSIVE_JPEG_PIXELS) < PILImage.MAX_IMAGE_PIXELS


def truncated_png():
    data = picture("PNG", exif=False)
    return data[: len(data) // 2]


def bomb_png(side=15000):
    image = PILImage.new("1", (side, side))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def gif():
    buffer = io.BytesIO()
    PILImage.new("RGB", (10, 10)).save(buffer, format="GIF")
    return buffer.getvalue()


def over_limit(kind, limit):
    return f"the limit for a {kind} is {limit / 1e6:g} megapixels"


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("empty.png", lambda: b"", "empty"),
        (
            "notes.png",
            lambda: b"These are not the pixels you are looking for.\n" * 20,
            "not a readable JPEG, PNG or WebP",
        ),
        ("truncated.png", truncated_png, "not a readable JPEG, PNG or WebP"),
        ("huge.png", lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * (10 * 1024 * 1024), "the limit is 10 MB"),
        # Past twice Pillow's threshold, Image.open itself refuses the file.
        ("bomb.png", bomb_png, f"opening it is unsafe (a decompression bomb?): the limits are {PIXEL_LIMITS}"),
        # Past Pillow's threshold but not twice: Pillow only warns, and the PNG limit refuses it.
        ("near-bomb.png", lambda: bomb_png(10000), over_limit("PNG", MAX_PIXELS["PNG"])),
        ("picture.gif", gif, "upload a JPEG, PNG or WebP"),
        ("big.png", lambda: blank("PNG", just_over(MAX_PIXELS["PNG"], 6000)), over_limit("PNG", MAX_PIXELS["PNG"])),
        (
            "big.webp",
            lambda: blank("WEBP", just_over(MAX_PIXELS["WEBP"], 3000)),
            over_limit("WebP", MAX_PIXELS["WEBP"]),
        ),
        (
            "big.jpg",
            lambda: blank("JPEG", just_over(MAX_PROGRESSIVE_JPEG_PIXELS, 4000), progressive=True),
            over_limit("progressive JPEG", MAX_PROGRESSIVE_JPEG_PIXELS),
        ),
        (
            "huge.jpg",
            lambda: blank("JPEG", just_over(MAX_PIXELS["JPEG"], 10000)),
            over_limit("JPEG", MAX_PIXELS["JPEG"]),
        ),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_stored(admin_client, media, name, make, message):
    content = make()
    if name.endswith("bomb.png"):
        assert len(content) < 100_000  # small on disk, 100 or 225 megapixels when opened
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

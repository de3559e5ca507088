"""Uploaded pictures: only real JPEG, PNG and WebP images, re-encoded without metadata,
with a web-sized thumbnail.

Everything is checked before anything is stored: a refused upload leaves no file behind.
"""

import io
import uuid
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
THUMBNAIL_SIZE = (640, 640)
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@dataclass
class CleanImage:
    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


def clean_upload(upload):
    """Check an uploaded file and return it re-encoded, or raise ValidationError."""
    if upload.size == 0:
        raise ValidationError("The file is empty.")
    if upload.size > MAX_BYTES:
        raise ValidationError(f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is 10 MB.")
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                image_format, (width, height) = probe.format, probe.size
                if image_format not in FORMATS:
                    raise ValidationError(f"{image_format} images are not accepted: upload a JPEG, PNG or WebP image.")
                if width * height > MAX_PIXELS:
                    raise ValidationError(
                        f"The image is {width} × {height} pixels ({width * height / 1e6:.0f} megapixels); "
                        "the limit is 40 megapixels."
                    )
                probe.verify()
            with Image.open(io.BytesIO(data)) as picture:
                picture.load()  # decoding it all finds truncated and corrupt files
                picture = ImageOps.exif_transpose(picture)
                stored = _encode(picture, image_format)
                picture.thumbnail(THUMBNAIL_SIZE)
                thumbnail = _encode(picture, image_format)
    except ValidationError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise ValidationError(
            "The image has so many pixels that opening it is unsafe (a decompression bomb?): "
            "the limit is 40 megapixels."
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError("The file is not a readable JPEG, PNG or WebP image (or it is truncated).") from error
    name = uuid.uuid4().hex
    extension = FORMATS[image_format]
    return CleanImage(
        image=ContentFile(stored, name=f"{name}.{extension}"),
        thumbnail=ContentFile(thumbnail, name=f"{name}-thumb.{extension}"),
        width=width,
        height=height,
    )


def _encode(picture, image_format):
    """The picture in ``image_format`` with no EXIF, GPS or text metadata.

    Pillow writes metadata only when asked to; the copy's ``info`` is emptied as well, so
    nothing of the upload's own metadata travels with it.
    """
    if image_format == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    clean = picture.copy()
    clean.info = {}
    buffer = io.BytesIO()
    options = {"JPEG": {"quality": 88, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 85}}
    clean.save(buffer, format=image_format, **options[image_format])
    return buffer.getvalue()

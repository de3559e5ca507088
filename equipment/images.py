"""Uploaded pictures: only real JPEG, PNG and WebP images, re-encoded without metadata,
stored at most STORED_SIDE pixels on their longer side, with a web-sized thumbnail.

Everything is checked before anything is stored: a refused upload leaves no file behind.

What an upload costs a worker is the memory its pixels take once decoded, so the pixel
limits are per format and chosen so that decoding an accepted upload needs about 100 MB
at most. Pillow holds a colour pixel in 4 bytes (RGB is padded to 4):

- a JPEG is decoded in draft mode: libjpeg scales it by 1/2, 1/4 or 1/8 while decoding,
  to no less than the stored size, so the decoded picture is under twice STORED_SIDE on
  each side (at most about 105 MB) however many pixels the file has;
- a progressive JPEG can be scaled the same way, but libjpeg keeps every DCT coefficient
  of the whole picture until the last scan (2 bytes a sample: 3 to 6 bytes a pixel),
  beside the decoded picture: about 10 bytes a pixel;
- a PNG is decoded whole: 4 bytes a pixel;
- a WebP is decoded whole through libwebp's animation decoder, which keeps two canvases
  of its own beside the copy Pillow takes and the picture: 16 bytes a pixel.

Scaling the decoded picture down to the stored size needs up to about 80 MB more, for the
intermediate picture Pillow resamples through. bench/images.py measures it all.
"""

import io
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
STORED_SIDE = 2560  # the longer side of a stored picture, in pixels; larger ones are scaled down
THUMBNAIL_SIZE = (640, 640)
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
MAX_PIXELS = {
    # Not memory but decoding time bounds a baseline JPEG; the limit stays below Pillow's
    # decompression-bomb warning (Image.MAX_IMAGE_PIXELS, 89 megapixels) so that editors
    # read this module's message with the limit rather than the bomb message.
    "JPEG": 80_000_000,
    "PNG": 24_000_000,  # × 4 bytes: 96 MB
    "WEBP": 6_000_000,  # × 16 bytes: 96 MB
}
MAX_PROGRESSIVE_JPEG_PIXELS = 10_000_000  # × about 10 bytes: 100 MB


def _megapixels(pixels):
    return f"{pixels / 1e6:g}"


# For the upload field's help text and the messages.
PIXEL_LIMITS = (
    f"{_megapixels(MAX_PIXELS['JPEG'])} megapixels for a JPEG "
    f"({_megapixels(MAX_PROGRESSIVE_JPEG_PIXELS)} for a progressive JPEG), "
    f"{_megapixels(MAX_PIXELS['PNG'])} for a PNG and {_megapixels(MAX_PIXELS['WEBP'])} for a WebP"
)


@dataclass
class CleanImage:
    image: ContentFile
    thumbnail: ContentFile
    width: int  # of the stored picture
    height: int


def clean_upload(upload):
    """Check an uploaded file and return it re-encoded, or raise ValidationError."""
    if upload.size == 0:
        raise ValidationError("The file is empty.")
    if upload.size > MAX_BYTES:
        raise ValidationError(f"The file is {upload.size / 2**20:.1f} MB; the limit is {MAX_BYTES // 2**20} MB.")
    upload.seek(0)
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            if image_format not in FORMATS:
                raise ValidationError(f"{image_format} images are not accepted: upload a JPEG, PNG or WebP image.")
            _check_pixels(probe)
            probe.verify()
        with Image.open(io.BytesIO(data)) as picture:
            # A JPEG is decoded straight to about the stored size; PNG and WebP ignore draft().
            picture.draft("RGB", _within(picture.size, STORED_SIDE))
            picture.load()  # decoding it all finds truncated and corrupt files
            if picture.mode in ("1", "P") and max(picture.size) > STORED_SIDE:
                # scaled down smoothly rather than by picking the nearest pixel
                picture = picture.convert("RGBA" if picture.has_transparency_data else "RGB")
            picture.thumbnail((STORED_SIDE, STORED_SIDE))
            picture = ImageOps.exif_transpose(picture)  # once scaled down: it makes a copy
            stored = _encode(picture, image_format)
            width, height = picture.size
            picture.thumbnail(THUMBNAIL_SIZE)
            thumbnail = _encode(picture, image_format)
    except ValidationError:
        raise
    # Every limit is below Pillow's decompression-bomb threshold, so its warning (global
    # state, not thread-safe to turn into an error) never concerns an accepted picture;
    # its error, at twice the threshold, can still come from Image.open.
    except Image.DecompressionBombError as error:
        raise ValidationError(
            "The image has so many pixels that opening it is unsafe (a decompression bomb?): "
            f"the limits are {PIXEL_LIMITS}."
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


def _check_pixels(probe):
    """Refuse a picture with more pixels than its format's limit, saying how to make it fit."""
    width, height = probe.size
    if probe.format == "JPEG" and probe.info.get("progressive"):
        kind, limit = "progressive JPEG", MAX_PROGRESSIVE_JPEG_PIXELS
    else:
        kind, limit = NAMES[probe.format], MAX_PIXELS[probe.format]
    if width * height <= limit:
        return
    advice = "scale it down"
    if kind != "JPEG":
        as_jpeg = "a baseline (not progressive) JPEG" if kind == "progressive JPEG" else "a JPEG"
        advice += f", or save it as {as_jpeg}, for which the limit is {_megapixels(MAX_PIXELS['JPEG'])} megapixels"
    raise ValidationError(
        f"The image is {width} × {height} pixels ({width * height / 1e6:.4g} megapixels); "
        f"the limit for a {kind} is {_megapixels(limit)} megapixels: {advice}."
    )


def _within(size, longest):
    """``size`` scaled down, keeping its proportions, so that no side is over ``longest``."""
    width, height = size
    scale = min(1, longest / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


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

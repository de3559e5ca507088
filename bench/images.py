"""Measure equipment.images.clean_upload on large uploads: seconds and peak resident memory.

    .venv/bin/python bench/images.py              # generate the pictures in a temp dir, measure
    .venv/bin/python bench/images.py --keep DIR   # keep the pictures in DIR, reuse them next time

The pictures are made with Pillow: a gradient with blurred noise, so that they compress like
photographs rather than like flat colour, each encoded at the best quality (or the most
colour bits, for PNG) that keeps it under the upload limit of 10 MB.

Each upload is cleaned in a fresh child process, so that no picture's memory hides another's;
the parent takes the child's peak resident set size from os.wait4 (ru_maxrss). The first child
only imports Django, Pillow and the module and opens nothing: its peak is the floor every
other child starts from (a gunicorn worker's floor is higher, about 85 MB).
"""

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNDER_BYTES = 9_500_000  # below the 10 MB upload limit, with room to spare

# name, format, size, options for Image.save: each picture is tried with the options in
# turn until one encoding fits under UNDER_BYTES.
JPEG_QUALITIES = [{"quality": q} for q in (90, 85, 80, 70, 60, 50, 40)]
CASES = [
    ("JPEG 40 MP", "JPEG", (7700, 5190), JPEG_QUALITIES),
    ("JPEG 80 MP", "JPEG", (10950, 7300), JPEG_QUALITIES),
    ("JPEG 26 MP square (draft's worst case)", "JPEG", (5119, 5119), JPEG_QUALITIES),
    ("JPEG 40 MP progressive", "JPEG", (7700, 5190), [dict(o, progressive=True) for o in JPEG_QUALITIES]),
    (
        "JPEG 10 MP progressive 4:4:4",
        "JPEG",
        (3872, 2582),
        [dict(o, progressive=True, subsampling=0) for o in JPEG_QUALITIES],
    ),
    ("PNG 24 MP", "PNG", (6000, 4000), [{"posterize": bits} for bits in (3, 2, 1)]),
    ("PNG 40 MP", "PNG", (7700, 5190), [{"posterize": bits} for bits in (3, 2, 1)]),
    ("WebP 6 MP", "WEBP", (3000, 2000), [{"quality": q} for q in (85, 70, 50)]),
    ("WebP 40 MP", "WEBP", (7700, 5190), [{"quality": q} for q in (85, 70, 50)]),
]


def texture(size):
    """A colour gradient blended with noise blurred by upscaling: compresses like a photograph."""
    from PIL import Image

    width, height = size
    noise = Image.effect_noise((width // 4, height // 4), 40).convert("L").resize(size, Image.Resampling.BICUBIC)
    gradient = Image.linear_gradient("L").resize(size)
    return Image.merge(
        "RGB",
        (
            Image.blend(gradient, noise, 0.5),
            Image.blend(gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT), noise, 0.4),
            noise,
        ),
    )


def make(path, image_format, size, tries):
    from PIL import ImageOps

    picture = texture(size)
    for options in tries:
        options = dict(options)
        bits = options.pop("posterize", None)
        encoded = ImageOps.posterize(picture, bits) if bits else picture
        buffer = io.BytesIO()
        encoded.save(buffer, format=image_format, **options)
        if buffer.tell() <= UNDER_BYTES:
            path.write_bytes(buffer.getvalue())
            return
    raise SystemExit(f"{path.name}: no encoding under {UNDER_BYTES} bytes")


def picture_path(folder, name, image_format):
    return folder / f"{re.sub('[^a-z0-9]+', '-', name.lower()).strip('-')}.{image_format.lower()}"


def child(path):
    """Clean one upload and print what happened as JSON (runs in the child process)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dprk_kb.settings")
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files import File

    from equipment.images import clean_upload

    if path == "-":
        print(json.dumps({"seconds": 0, "result": "imports only"}))
        return
    with open(path, "rb") as handle:
        upload = File(handle, name=Path(path).name)
        start = time.perf_counter()
        try:
            cleaned = clean_upload(upload)
            result = f"stored {cleaned.width} × {cleaned.height}, {len(cleaned.image) / 1e6:.1f} MB"
        except ValidationError as error:
            result = "refused: " + " ".join(error.messages)
        seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "result": result}))


def measure(path):
    """Seconds in clean_upload, peak RSS in MB and the outcome, from a fresh process."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", str(path)], stdout=subprocess.PIPE, cwd=ROOT, text=True
    )
    output = process.stdout.read()
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        return {"seconds": float("nan"), "result": f"child failed ({process.returncode})", "peak_mb": 0}
    report = json.loads(output)
    report["peak_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="directory to keep (and reuse) the generated pictures in")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--make", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    if args.make:
        for name, image_format, size, tries in CASES:
            if not (path := picture_path(args.make, name, image_format)).exists():
                make(path, image_format, size, tries)
        return
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        # Made in a process of their own: a child's ru_maxrss starts from its parent's peak
        # at fork (Linux carries it over exec), so this process must stay small.
        subprocess.run([sys.executable, __file__, "--make", str(folder)], check=True)
        print(f"{'upload':40} {'file':>7} {'seconds':>8} {'peak RSS':>9}  result")
        floor = measure("-")
        print(f"{'(imports only)':40} {'':>7} {'':>8} {floor['peak_mb']:>6.0f} MB")
        for name, image_format, *_ in CASES:
            path = picture_path(folder, name, image_format)
            report = measure(path)
            megabytes = path.stat().st_size / 1e6
            print(
                f"{name:40} {megabytes:>4.1f} MB {report['seconds']:>8.2f} {report['peak_mb']:>6.0f} MB"
                f"  {report['result']}",
                flush=True,
            )


if __name__ == "__main__":
    main()

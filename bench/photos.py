"""Peak memory of storing one uploaded photo, before and after the pixel caps
(`python -m bench.photos`).

Each image is stored in a fresh spawned process; the figure is that process's
peak RSS growth (VmHWM after, minus RSS before) while `store_image` ran. The
baseline is the decoding the store did before issue 9, measured in the same run:
decode the whole image whatever its size, then make the two copies from it.
"""

import io
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

from bench.common import in_child, peak_rss_since_reset_mb, reset_peak_rss

# label, format, size, mode, textured (a photo) or flat (a bomb's small file)
CASES = [
    ("app upload 1600 x 1200 JPEG", "JPEG", (1600, 1200), "RGB", True),
    ("phone 4000 x 3000 JPEG", "JPEG", (4000, 3000), "RGB", True),
    ("phone 8160 x 6120 JPEG (50 MP)", "JPEG", (8160, 6120), "RGB", True),
    ("4096 x 4096 PNG (at the cap)", "PNG", (4096, 4096), "RGB", True),
    ("7700 x 7700 PNG", "PNG", (7700, 7700), "RGB", True),
    ("7700 x 7700 RGBA PNG, flat", "PNG", (7700, 7700), "RGBA", False),
]


def image_file(fmt: str, size: tuple[int, int], mode: str, textured: bool) -> bytes:
    """A picture with some texture (realistic in file size), or one flat colour."""
    if textured:
        small = Image.effect_noise((size[0] // 16, size[1] // 16), 40).convert(mode)
        image = small.resize(size, Image.Resampling.BILINEAR)
    else:
        image = Image.new(mode, size, (200, 120, 40, 255))
    out = io.BytesIO()
    image.save(out, fmt, **({"quality": 85} if fmt == "JPEG" else {}))
    return out.getvalue()


def store_before(root: str, data: bytes) -> None:
    """The store's decoding before issue 9: whole image, then both copies."""
    from fieldapp.services.photo_store import _jpeg

    image = Image.open(io.BytesIO(data))
    image.load()
    image = ImageOps.exif_transpose(image)
    for edge, quality in ((1600, 82), (320, 75)):
        _jpeg(image, edge, quality)


def measure(which: str, path: str, workdir: str, queue) -> None:
    """In a fresh process: peak RSS growth (MB) of storing the file, or refused."""
    from fieldapp.services.photo_store import NotAnImage, store_image

    data = Path(path).read_bytes()
    reset_peak_rss()
    before = peak_rss_since_reset_mb()
    try:
        (store_before if which == "before" else store_image)(workdir, data)
        outcome = "stored"
    except NotAnImage:
        outcome = "refused (422)"
    queue.put((peak_rss_since_reset_mb() - before, outcome))


def main() -> None:
    """Measure every case both ways and print them side by side."""
    with tempfile.TemporaryDirectory() as workdir:
        print(f"{'image':32} {'file':>9} {'before':>9} {'after':>9}  after is")
        for index, (label, fmt, size, mode, textured) in enumerate(CASES):
            path = Path(workdir) / f"case-{index}.{fmt.lower()}"
            path.write_bytes(image_file(fmt, size, mode, textured))
            old, _ = in_child(measure, "before", str(path), workdir)
            new, outcome = in_child(measure, "after", str(path), workdir)
            kib = path.stat().st_size / 1024
            print(f"{label:32} {kib:7.0f} K {old:6.0f} MB {new:6.0f} MB  {outcome}")


if __name__ == "__main__":
    main()

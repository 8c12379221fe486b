"""Print-size copies of stored photos, made once from the display copy and kept.

A case file shows a photo 84 mm wide; 800 px is about 240 dpi there. Making
this copy once (JPEG draft decoding at half scale, then one resize) and letting
WeasyPrint pass it through as-is is cheaper than having WeasyPrint decode,
downscale and re-encode the 1600 px display copy on every render.
"""

import os
import tempfile
from pathlib import Path

from PIL import Image

from fieldapp.services.image_meta import keep_only_picture_info
from fieldapp.services.photo_store import derived_file, variant_path

PRINT_EDGE = 800
PRINT_QUALITY = 75


def print_copy(root: str | Path, sha256: str) -> Path:
    """The print-size JPEG of a stored photo, made from its display copy if missing."""
    target = variant_path(root, sha256, "print")
    if target.exists():
        return target
    source = derived_file(root, sha256, "display")
    with Image.open(source) as image:
        image.draft("RGB", (PRINT_EDGE, PRINT_EDGE))
        copy = keep_only_picture_info(image.convert("RGB"))
    copy.thumbnail((PRINT_EDGE, PRINT_EDGE), Image.Resampling.LANCZOS)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            copy.save(handle, "JPEG", quality=PRINT_QUALITY, optimize=True)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target

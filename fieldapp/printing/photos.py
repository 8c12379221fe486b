"""Print-size copies of stored photos, made once from the display copy and kept.

A case file shows a photo 84 mm wide; 800 px is about 240 dpi there. Making
this copy once (JPEG draft decoding at half scale, then one resize) and letting
WeasyPrint pass it through as-is is cheaper than having WeasyPrint decode,
downscale and re-encode the 1600 px display copy on every render. The copy is
kept in the photo store beside the others (`print/ab/<sha>.jpg`).
"""

import io

from PIL import Image

from fieldapp.services.image_meta import keep_only_picture_info
from fieldapp.services.photo_store import as_storage, read_derived, variant_key

PRINT_EDGE = 800
PRINT_QUALITY = 75


def print_copy(store, sha256: str) -> bytes:
    """The print-size JPEG of a stored photo, made from its display copy if missing."""
    store = as_storage(store)
    target = variant_key(sha256, "print")
    if store.exists(target):
        return store.read(target)
    source = read_derived(store, sha256, "display")
    with Image.open(io.BytesIO(source)) as image:
        image.draft("RGB", (PRINT_EDGE, PRINT_EDGE))
        copy = keep_only_picture_info(image.convert("RGB"))
    copy.thumbnail((PRINT_EDGE, PRINT_EDGE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=PRINT_QUALITY, optimize=True)
    data = out.getvalue()
    store.write(target, data)
    return data

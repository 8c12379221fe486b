"""Photos by content hash: the original, a display copy, a thumbnail.

This module decodes, strips and resizes; where the files go is the store's
business (`services/storage.py`: a local folder or S3), reached by key only.
"""

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from fieldapp.services.image_meta import keep_only_picture_info, without_metadata
from fieldapp.services.storage import LocalStorage

FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
DISPLAY_EDGE = 1600
THUMB_EDGE = 320
# What one upload may cost in memory. A decoded pixel takes 3-4 bytes and is held
# a few times over while the copies are made, so at most 4096 x 4096 pixels are
# ever decoded (a peak near 200 MB; 8 uploads at once stay under 2 GB). JPEGs
# are decoded straight at a reduced scale (draft mode), so they may declare more:
# a 100-megapixel photo is decoded at a quarter of its size or less. A small file
# declaring more than these (a decompression bomb) is refused before decoding.
MAX_DECODED_PIXELS = 4096 * 4096
MAX_DECLARED_PIXELS = 100_000_000
# What goes wrong inside Pillow on a broken or hostile file.
DECODE_ERRORS = (
    UnidentifiedImageError,
    Image.DecompressionBombError,
    OSError,
    ValueError,
    EOFError,
    SyntaxError,
)


class NotAnImage(ValueError):
    """The bytes are not a JPEG, PNG or WebP image."""


class ImageTooLarge(NotAnImage):
    """More pixels than the server decodes: a decompression bomb, or an image
    far beyond any phone camera's."""


@dataclass(frozen=True)
class StoredImage:
    """What was kept of an upload."""

    sha256: str
    content_type: str
    size_bytes: int
    width: int
    height: int


def as_storage(store):
    """A store as given, or a local one for a folder path (scripts, benches)."""
    return LocalStorage(store) if isinstance(store, (str, Path)) else store


def variant_key(sha256: str, variant: str, ext: str = "jpg") -> str:
    """The key of a variant: <variant>/<ab>/<sha>.<ext>."""
    return f"{variant}/{sha256[:2]}/{sha256}.{ext}"


def photo_key(photo, variant: str = "display") -> str:
    """The key of a stored photo's variant (display and thumb are always JPEG)."""
    if variant == "original":
        ext = {v[0]: v[1] for v in FORMATS.values()}[photo.content_type]
        return variant_key(photo.sha256, "original", ext)
    return variant_key(photo.sha256, variant)


def read_variant(store, photo, variant: str = "display") -> bytes:
    """The bytes of a stored photo's variant (storage.PhotoMissing if gone)."""
    return as_storage(store).read(photo_key(photo, variant))


def _jpeg(image: Image.Image, edge: int, quality: int) -> bytes:
    copy = keep_only_picture_info(image.copy())
    copy.thumbnail((edge, edge), Image.Resampling.LANCZOS)
    if copy.mode not in ("RGB", "L"):
        background = Image.new("RGB", copy.size, "white")
        background.paste(
            copy.convert("RGBA"), mask=copy.convert("RGBA").getchannel("A")
        )
        copy = background
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()


def upright_size(image: Image.Image, size: tuple[int, int]) -> tuple[int, int]:
    """A size as the photo is seen, after its EXIF rotation (read after decoding:
    a PNG's EXIF may follow its pixels)."""
    orientation = image.getexif().get(ExifTags.Base.Orientation)
    width, height = size
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def _decode_at_display_size(image: Image.Image) -> None:
    """Ask the JPEG decoder for the smallest scale that still covers the
    display copy (other formats ignore this and decode in full)."""
    width, height = image.size
    longest = max(width, height)
    if longest > DISPLAY_EDGE:
        scale = DISPLAY_EDGE / longest
        image.draft(None, (max(1, int(width * scale)), max(1, int(height * scale))))


def open_image(data: bytes) -> tuple[Image.Image, str, tuple[int, int]]:
    """Recognise the image by its content (not its name) and decode it upright,
    never more than MAX_DECODED_PIXELS of it: (image, format, size as declared)."""
    try:
        image = Image.open(io.BytesIO(data))
        kind = image.format
        if kind not in FORMATS:
            raise NotAnImage(kind or "unknown")
        if image.width * image.height > MAX_DECLARED_PIXELS:
            raise ImageTooLarge("too_many_pixels")
        declared = image.size
        _decode_at_display_size(image)
        if image.width * image.height > MAX_DECODED_PIXELS:
            raise ImageTooLarge("too_many_pixels")
        image.load()
        size = upright_size(image, declared)
        return ImageOps.exif_transpose(image), kind, size
    except DECODE_ERRORS as exc:
        if isinstance(exc, NotAnImage):
            raise
        raise NotAnImage("unreadable") from exc


def store_image(store, data: bytes) -> StoredImage:
    """Keep the original and write the display copy and thumbnail (idempotent).

    Files are named by the SHA-256 of the upload as received (the replay key);
    the original is kept without its metadata (EXIF GPS, camera, comments).
    The thumbnail is written last, so a photo whose thumbnail exists is whole;
    storage.StorageFull when the store has no room (nothing half written).
    """
    store = as_storage(store)
    image, kind, (width, height) = open_image(data)
    sha = hashlib.sha256(data).hexdigest()
    content_type, ext = FORMATS[kind]
    original = variant_key(sha, "original", ext)
    if not store.exists(original):
        store.write(original, without_metadata(data))
    for variant, edge, quality in (
        ("display", DISPLAY_EDGE, 82),
        ("thumb", THUMB_EDGE, 75),
    ):
        key = variant_key(sha, variant)
        if not store.exists(key):
            store.write(key, _jpeg(image, edge, quality))
    return StoredImage(sha, content_type, len(data), width, height)

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
    """The bytes of a stored photo's variant, a display copy or thumbnail made
    from the original first if the upload left it for later
    (storage.PhotoMissing if gone)."""
    if variant == "original":
        return as_storage(store).read(photo_key(photo, variant))
    return read_derived(store, photo.sha256, variant)


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


def check_image(data: bytes) -> tuple[str, tuple[int, int]]:
    """Recognise and verify an upload as cheaply as it can be done: a JPEG is
    decoded at 1/8 scale (draft mode: every coefficient is read, so a broken or
    truncated file is still refused, but no full-size pixels are made); PNG and
    WebP are decoded as `open_image` does. (format, upright size as declared)."""
    try:
        image = Image.open(io.BytesIO(data))
        if image.format != "JPEG":
            _image, kind, size = open_image(data)
            return kind, size
        if image.width * image.height > MAX_DECLARED_PIXELS:
            raise ImageTooLarge("too_many_pixels")
        declared = image.size
        image.draft(None, (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()
        return "JPEG", upright_size(image, declared)
    except DECODE_ERRORS as exc:
        if isinstance(exc, NotAnImage):
            raise
        raise NotAnImage("unreadable") from exc


def store_original(store, data: bytes) -> StoredImage:
    """Check the upload and keep its original without metadata (idempotent); the
    display copy and thumbnail are made by `make_derivatives`, later.

    Files are named by the SHA-256 of the upload as received (the replay key);
    the original is kept without its metadata (EXIF GPS, camera, comments).
    storage.StorageFull when the store has no room (nothing half written).
    """
    store = as_storage(store)
    kind, (width, height) = check_image(data)
    sha = hashlib.sha256(data).hexdigest()
    content_type, ext = FORMATS[kind]
    original = variant_key(sha, "original", ext)
    if not store.exists(original):
        store.write(original, without_metadata(data))
    return StoredImage(sha, content_type, len(data), width, height)


# Display copy, then thumbnail: a photo whose thumbnail exists is whole.
DERIVATIVES = (("display", DISPLAY_EDGE, 82), ("thumb", THUMB_EDGE, 75))


def make_derivatives(store, sha256: str, data: bytes) -> None:
    """Write the display copy and thumbnail of photo `sha256` that are missing,
    from the bytes of its upload or of its stored original (both decode to the
    same upright picture). Safe to run twice at once: each is written whole."""
    store = as_storage(store)
    missing = [d for d in DERIVATIVES if not store.exists(variant_key(sha256, d[0]))]
    if not missing:
        return
    image, _kind, _size = open_image(data)
    for variant, edge, quality in missing:
        store.write(variant_key(sha256, variant), _jpeg(image, edge, quality))


def original_key(store, sha256: str) -> str | None:
    """The key of photo `sha256`'s stored original, whatever its format, or None."""
    store = as_storage(store)
    for _type, ext in FORMATS.values():
        key = variant_key(sha256, "original", ext)
        if store.exists(key):
            return key
    return None


def read_derived(store, sha256: str, variant: str) -> bytes:
    """The display copy or thumbnail of a photo, made from its original first if
    it is not there yet (never a missing copy while the original exists)."""
    store = as_storage(store)
    key = variant_key(sha256, variant)
    if not store.exists(key):
        original = original_key(store, sha256)
        if original is not None:
            make_derivatives(store, sha256, store.read(original))
    return store.read(key)


def store_image(store, data: bytes) -> StoredImage:
    """Keep the original and write the display copy and thumbnail (idempotent)."""
    stored = store_original(store, data)
    make_derivatives(store, stored.sha256, data)
    return stored

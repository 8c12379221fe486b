"""Photos kept before uploads lost their metadata (issue 9) lose it at rest too.

Uploads have been stored without EXIF GPS, camera serials, comments or XMP
since then, and every photo is served without them; files written earlier still
hold them in the store and in its backups. One sweep rewrites them in place,
under the same keys (a key is the SHA-256 of the upload as received, not of the
file kept), so rows, replays and copies stay as they are.
"""

from dataclasses import dataclass

from sqlalchemy import select

from fieldapp.extensions import db
from fieldapp.models import Photo
from fieldapp.services.image_meta import without_metadata
from fieldapp.services.photo_store import photo_key, variant_key

COPIES = ("display", "thumb", "print")


@dataclass
class Sweep:
    """What one sweep found: files read, and files that held metadata."""

    checked: int = 0
    stripped: int = 0


def photo_keys(photo) -> list[str]:
    """The store keys a photo row may have: its original and its copies."""
    return [photo_key(photo, "original")] + [
        variant_key(photo.sha256, variant) for variant in COPIES
    ]


def strip_stored_metadata(store, dry_run: bool = False) -> Sweep:
    """Rewrite every stored file of every photo that still carries metadata
    (only count them with `dry_run`). A file without any is left untouched."""
    found = Sweep()
    rows = db.session.execute(select(Photo.sha256, Photo.content_type).distinct())
    for photo in rows:
        for key in photo_keys(photo):
            if not store.exists(key):
                continue
            data = store.read(key)
            found.checked += 1
            clean = without_metadata(data)
            if clean != data:
                found.stripped += 1
                if not dry_run:
                    store.write(key, clean)
    return found

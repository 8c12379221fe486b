"""Attach photos to records: recognised by content, idempotent by photo uuid."""

from flask import current_app
from sqlalchemy import select

from fieldapp.extensions import db
from fieldapp.models import Photo, Record, User
from fieldapp.services.photo_store import store_image

TAGS = ("", "before", "after", "site", "document")


class PhotoConflict(Exception):
    """The photo uuid is already used by another file or another record."""

    def __init__(self, photo: Photo):
        super().__init__(photo.uuid)
        self.photo = photo


def attach_photo(
    record: Record, data: bytes, meta: dict, actor: User
) -> tuple[Photo, bool]:
    """Store the image and link it to the record; a replay returns the stored photo.

    `meta` holds the validated uuid, caption, tag, taken_at, lat, lon, accuracy_m.
    Raises photo_store.NotAnImage for anything but a JPEG, PNG or WebP image.
    """
    existing = db.session.scalar(select(Photo).where(Photo.uuid == meta["uuid"]))
    stored = store_image(current_app.config["UPLOAD_DIR"], data)
    if existing is not None:
        if existing.record_id == record.id and existing.sha256 == stored.sha256:
            return existing, False
        raise PhotoConflict(existing)
    photo = Photo(
        uuid=meta["uuid"],
        record=record,
        sha256=stored.sha256,
        content_type=stored.content_type,
        size_bytes=stored.size_bytes,
        width=stored.width,
        height=stored.height,
        caption=meta.get("caption") or "",
        tag=meta.get("tag") or "",
        taken_at=meta.get("taken_at"),
        lat=meta.get("lat"),
        lon=meta.get("lon"),
        accuracy_m=meta.get("accuracy_m"),
        uploaded_by_id=actor.id,
    )
    db.session.add(photo)
    db.session.commit()
    return photo, True

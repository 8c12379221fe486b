"""Attach photos to records: recognised by content, idempotent by photo uuid."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from fieldapp.extensions import db
from fieldapp.models import Photo, Record, User
from fieldapp.services import policy
from fieldapp.services.errors import (
    Conflict,
    Invalid,
    NotAllowed,
    StoreFull,
    TooLarge,
)
from fieldapp.services.photo_store import (
    ImageTooLarge,
    NotAnImage,
    make_derivatives,
    original_key,
    store_image,
    store_original,
)
from fieldapp.services.records import as_utc, commit_keeping_loaded
from fieldapp.services.storage import StorageFull, photo_storage
from forms.json import bind
from forms.photos import PhotoForm


class PhotoConflict(Exception):
    """The photo uuid is already used by another file or another record."""

    def __init__(self, photo: Photo):
        super().__init__(photo.uuid)
        self.photo = photo


def stored_replay(record: Record, meta: dict, sha256: str) -> Photo | None:
    """The photo already stored under this uuid when this upload replays it;
    PhotoConflict when the uuid holds another file or belongs to another record."""
    existing = db.session.scalar(select(Photo).where(Photo.uuid == meta["uuid"]))
    if existing is None:
        return None
    if existing.record_id == record.id and existing.sha256 == sha256:
        return existing
    raise PhotoConflict(existing)


def attach_photo(
    record: Record, data: bytes, meta: dict, actor: User
) -> tuple[Photo, bool]:
    """Store the image and link it to the record; a replay returns the stored photo.

    `meta` holds the validated uuid, caption, tag, taken_at, lat, lon, accuracy_m.
    Raises photo_store.NotAnImage for anything but a JPEG, PNG or WebP image.
    A replay, or identical uploads at once: the insert breaks the unique uuid
    and is answered as the replay it is (or a conflict). The answer is the photo
    just written, not read back.
    """
    eager = current_app.config.get("PHOTO_DERIVATIVES", "after_response") == "eager"
    keep = store_image if eager else store_original
    stored = keep(photo_storage(), data)
    # A new uuid is the usual case: no lookup first; the unique uuid catches a
    # replay or a conflict, answered from the stored photo.
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
        taken_at=as_utc(meta.get("taken_at")),
        lat=meta.get("lat"),
        lon=meta.get("lon"),
        accuracy_m=meta.get("accuracy_m"),
        uploaded_by_id=actor.id,
    )
    db.session.add(photo)
    try:
        commit_keeping_loaded()
    except IntegrityError:
        db.session.rollback()
        existing = stored_replay(record, meta, stored.sha256)
        if existing is None:
            raise
        return existing, False
    return photo, True


def derivatives_job(photo: Photo):
    """A function (no app context needed) that makes the photo's display copy and
    thumbnail from its stored original, for the view to run after answering; None
    when the configuration leaves them to the first view (`PHOTO_DERIVATIVES`
    "lazy") or made them during the upload ("eager")."""
    mode = current_app.config.get("PHOTO_DERIVATIVES", "after_response")
    if mode != "after_response":
        return None
    store, sha = photo_storage(), photo.sha256
    logger = current_app.logger

    def run() -> None:
        """Make what is missing; a failure only leaves the work to the first view."""
        try:
            original = original_key(store, sha)
            if original is not None:
                make_derivatives(store, sha, store.read(original))
        except Exception:  # noqa: BLE001 - the first view makes them again
            logger.exception("photo derivatives deferred to first view")

    return run


def too_large() -> TooLarge:
    """The refusal naming the limit in megabytes."""
    limit = current_app.config["MAX_PHOTO_BYTES"] / (1024 * 1024)
    return TooLarge("too_large", _l("照片太大:每张不能超过 %(mb).0f MB。", mb=limit))


def upload(record: Record, raw, file, actor: User) -> tuple[Photo, bool]:
    """One uploaded photo of a record, checked: the writer's role, the fields
    that come with it (`raw`) and the file (a FileStorage, or None), read to
    one byte past the limit; (photo, created) or a service refusal."""
    if not policy.may_write_kind(actor, record.kind):
        raise NotAllowed("kind_not_allowed", _l("您的角色不能为这类调查上传照片。"))
    form, errors = bind(PhotoForm, raw)
    if errors:
        raise Invalid(errors, form)
    limit = current_app.config["MAX_PHOTO_BYTES"]
    data = file.stream.read(limit + 1) if file is not None else b""
    if len(data) > limit:
        raise too_large()
    if not data:
        raise Invalid({"file": [_l("请选择照片文件。")]}, form)
    meta = {k: v for k, v in form.data.items() if k != "csrf_token"}
    try:
        return attach_photo(record, data, meta, actor)
    except ImageTooLarge as exc:
        raise Invalid(
            {"file": [_l("图片像素太多:请上传手机拍摄的普通照片。")]},
            form,
            code="image_too_large",
        ) from exc
    except NotAnImage as exc:
        raise Invalid(
            {"file": [_l("文件不是 JPEG、PNG 或 WebP 图片。")]}, form
        ) from exc
    except PhotoConflict as exc:
        raise Conflict("uuid_conflict", _l("该照片 uuid 已用于另一张照片。")) from exc
    except StorageFull as exc:
        current_app.logger.error("photo store full: %s", photo_storage().describe())
        raise StoreFull(
            "storage_full", _l("服务器存储空间已满,照片会稍后自动重新上传。")
        ) from exc

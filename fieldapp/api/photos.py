"""Photos of records: upload (idempotent by uuid, checked by content) and fetch."""

from flask import current_app, request, send_file
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from fieldapp.api import bp
from fieldapp.api.helpers import user, validation_error
from fieldapp.api.records import readable_record
from fieldapp.api.serializers import photo_to_api
from fieldapp.errors import ApiError
from fieldapp.extensions import db
from fieldapp.models import Photo
from fieldapp.services import policy
from fieldapp.services.photo_store import NotAnImage, photo_file
from fieldapp.services.photos import PhotoConflict, attach_photo
from forms.json import flat_errors
from forms.photos import PhotoForm

VARIANTS = ("display", "thumb", "original")


def too_large() -> ApiError:
    """413 naming the limit in megabytes."""
    limit = current_app.config["MAX_PHOTO_BYTES"] / (1024 * 1024)
    return ApiError(
        413, "too_large", _("照片太大:每张不能超过 %(mb).0f MB。", mb=limit)
    )


def read_upload() -> bytes:
    """The uploaded file's bytes, refused when missing or over the size limit."""
    upload = request.files.get("file")
    if upload is None:
        raise validation_error({"file": [_("请选择照片文件。")]})
    limit = current_app.config["MAX_PHOTO_BYTES"]
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise too_large()
    if not data:
        raise validation_error({"file": [_("照片文件是空的。")]})
    return data


@bp.post("/records/<uuid>/photos")
@login_required
def upload_photo(uuid: str):
    """Attach one photo; 200 on replay, 413 too large, 422 not an image."""
    record = readable_record(uuid)
    if not policy.may_write_kind(user(), record.kind):
        raise ApiError(403, "kind_not_allowed", _("您的角色不能为这类调查上传照片。"))
    form = PhotoForm(formdata=request.form, meta={"csrf": False})
    if not form.validate():
        raise validation_error(flat_errors(form))
    data = read_upload()
    meta = {k: v for k, v in form.data.items() if k != "csrf_token"}
    try:
        photo, created = attach_photo(record, data, meta, user())
    except NotAnImage as exc:
        raise validation_error(
            {"file": [_("文件不是 JPEG、PNG 或 WebP 图片。")]}
        ) from exc
    except PhotoConflict as exc:
        raise ApiError(
            409, "uuid_conflict", _("该照片 uuid 已用于另一张照片。")
        ) from exc
    return photo_to_api(photo), 201 if created else 200


@bp.get("/photos/<uuid>/<variant>")
@login_required
def get_photo(uuid: str, variant: str):
    """A photo's display copy, thumbnail or original, for readers of its record."""
    photo = db.session.scalar(select(Photo).where(Photo.uuid == uuid))
    if photo is None or variant not in VARIANTS:
        raise ApiError(404, "not_found", _("找不到该照片。"))
    if not policy.may_read_household(user(), photo.record.household):
        raise ApiError(404, "not_found", _("找不到该照片。"))
    path = photo_file(current_app.config["UPLOAD_DIR"], photo, variant)
    mimetype = photo.content_type if variant == "original" else "image/jpeg"
    response = send_file(path, mimetype=mimetype, max_age=86400, etag=True)
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response

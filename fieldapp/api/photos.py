"""Photos of records: upload (idempotent by uuid, checked by content) and fetch."""

from io import BytesIO

from flask import make_response, request, send_file
from flask_babel import gettext as _
from flask_login import login_required

from fieldapp.api import bp
from fieldapp.api.helpers import user
from fieldapp.api.serializers import photo_to_api
from fieldapp.errors import ApiError
from fieldapp.services import photos, scoped
from fieldapp.services.image_meta import without_metadata
from fieldapp.services.photo_store import read_variant
from fieldapp.services.storage import photo_storage

VARIANTS = ("display", "thumb", "original")


@bp.post("/records/<uuid>/photos")
@login_required
def upload_photo(uuid: str):
    """Attach one photo; 200 on replay, 413 too large, 422 not an image."""
    record = scoped.record(uuid, user())
    photo, created = photos.upload(
        record, request.form, request.files.get("file"), user()
    )
    response = make_response(photo_to_api(photo), 201 if created else 200)
    # The display copy and thumbnail are made once the answer is sent (and on
    # first view, should that come sooner).
    job = photos.derivatives_job(photo)
    if job is not None:
        response.call_on_close(job)
    return response


@bp.get("/photos/<uuid>/<variant>")
@login_required
def get_photo(uuid: str, variant: str):
    """A photo's display copy, thumbnail or original, for readers of its record."""
    photo = scoped.photo(uuid, user())
    if variant not in VARIANTS:
        raise ApiError(404, "not_found", _("找不到该照片。"))
    mimetype = photo.content_type if variant == "original" else "image/jpeg"
    # Files stored before metadata was stripped are stripped as they are served.
    data = without_metadata(read_variant(photo_storage(), photo, variant))
    response = send_file(
        BytesIO(data),
        mimetype=mimetype,
        max_age=86400,
        etag=f"{photo.sha256}-{variant}",
    )
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response

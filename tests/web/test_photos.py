"""Photos: recognised by content, oriented, resized, idempotent, limited, private."""

import io

import pytest
from PIL import Image

from fieldapp.models import Photo
from fieldapp.services.photo_store import read_variant
from fieldapp.services.storage import photo_storage
from tests.factories import count, new_uuid, only, record_payload


def image_bytes(fmt="JPEG", size=(2400, 1800), exif_orientation=None) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    out = io.BytesIO()
    kwargs = {}
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        kwargs["exif"] = exif
    image.save(out, fmt, **kwargs)
    return out.getvalue()


# Every test here runs against the local folder and against S3 (moto).
pytestmark = pytest.mark.usefixtures("photo_store")


def size_of(app, photo, variant) -> tuple[int, int]:
    data = read_variant(photo_storage(app), photo, variant)
    with Image.open(io.BytesIO(data)) as image:
        return image.size


@pytest.fixture
def record_url(api, make_user, make_household):
    household = make_household()
    worker = make_user("inspector")
    body = record_payload("housing_inspection", household)
    api(worker).post("/api/v1/records", json=body)
    return api(worker), f"/api/v1/records/{body['uuid']}/photos"


def upload(client, url, data, name="photo.jpg", uuid=None, **fields):
    form = {"file": (io.BytesIO(data), name), "uuid": uuid or new_uuid(), **fields}
    return client.post(url, data=form, content_type="multipart/form-data")


@pytest.mark.parametrize(
    "fmt, mime", [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")]
)
def test_images_are_recognised_by_content_not_name(record_url, fmt, mime):
    client, url = record_url
    response = upload(client, url, image_bytes(fmt, (640, 480)), name="whatever.txt")
    assert response.status_code == 201
    assert response.get_json()["content_type"] == mime


def test_display_copy_and_thumbnail_are_made(record_url, app):
    client, url = record_url
    body = upload(
        client, url, image_bytes(size=(4000, 3000)), caption="东墙裂缝"
    ).get_json()
    photo = only(Photo)
    assert max(size_of(app, photo, "display")) == 1600
    assert max(size_of(app, photo, "thumb")) == 320
    assert body["caption"] == "东墙裂缝"
    fetched = client.get(body["thumb_url"])
    assert fetched.status_code == 200 and fetched.mimetype == "image/jpeg"
    fetched.close()


def test_exif_orientation_is_applied(record_url, app):
    client, url = record_url
    upload(client, url, image_bytes(size=(800, 600), exif_orientation=6))
    photo = only(Photo)
    assert (photo.width, photo.height) == (600, 800)
    assert size_of(app, photo, "display") == (600, 800)


def test_replay_is_200_and_other_file_with_same_uuid_is_409(record_url):
    client, url = record_url
    uuid = new_uuid()
    data = image_bytes(size=(640, 480))
    assert upload(client, url, data, uuid=uuid).status_code == 201
    assert upload(client, url, data, uuid=uuid).status_code == 200
    assert (
        upload(client, url, image_bytes("PNG", (640, 480)), uuid=uuid).status_code
        == 409
    )
    assert count(Photo) == 1


@pytest.mark.parametrize(
    "data",
    [
        b"this is text posing as a jpeg",
        b"\xff\xd8\xff\xe0" + b"\x00" * 100,
        b"GIF89a" + b"\x00" * 50,
    ],
)
def test_non_images_are_422_naming_the_file(record_url, data):
    client, url = record_url
    response = upload(client, url, data, name="photo.jpg")
    assert response.status_code == 422
    assert "file" in response.get_json()["errors"]
    assert count(Photo) == 0


def test_too_large_is_413_with_a_clear_message(record_url, app):
    client, url = record_url
    app.config["MAX_PHOTO_BYTES"] = 50_000
    try:
        response = upload(client, url, image_bytes(size=(3000, 3000)))
    finally:
        app.config["MAX_PHOTO_BYTES"] = 10 * 1024 * 1024
    assert response.status_code == 413
    assert "MB" in response.get_json()["message"]


def test_missing_file_and_bad_uuid(record_url):
    client, url = record_url
    assert client.post(url, data={"uuid": new_uuid()}).status_code == 422
    response = upload(client, url, image_bytes(size=(64, 64)), uuid="nope")
    assert "uuid" in response.get_json()["errors"]


def test_photos_are_served_only_to_readers(record_url, api, make_user):
    client, url = record_url
    body = upload(client, url, image_bytes(size=(640, 480))).get_json()
    outsider = api(make_user("supervisor", towns=["469006101"]))
    assert outsider.get(body["url"]).status_code == 404
    supervisor = api(make_user("supervisor", towns=["469006100"]))
    served = supervisor.get(body["url"])
    assert served.status_code == 200
    served.close()
    assert supervisor.get(body["url"].replace("display", "huge")).status_code == 404


def test_other_roles_cannot_upload(record_url, api, make_user):
    _client, url = record_url
    rehab = api(make_user("rehab_worker", towns=["469006100"]))
    assert upload(rehab, url, image_bytes(size=(64, 64))).status_code == 403

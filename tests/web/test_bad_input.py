"""Bad input is a clear 4xx, never a 500: deeply nested JSON, decompression bombs."""

import io
import json
import struct
import zlib

import pytest
from PIL import Image

from fieldapp.models import Photo
from fieldapp.services.photo_store import read_variant
from fieldapp.services.storage import photo_storage
from tests.factories import count, household_payload, new_uuid, only, record_payload
from tests.live import multipart


def nested(depth: int, inner="{}") -> str:
    """A JSON text nested `depth` levels deep in objects named "a"."""
    return '{"a":' * depth + inner + "}" * depth


@pytest.mark.parametrize("path", ["/api/v1/households", "/api/v1/records"])
@pytest.mark.parametrize("depth", [100, 5000, 100_000])
def test_deeply_nested_json_is_a_400(api, make_user, path, depth):
    client = api(make_user("admin", towns=()))
    response = client.post(path, data=nested(depth), content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"] == "too_deeply_nested"


def test_deeply_nested_arrays_in_a_record_are_a_400(api, make_user, household):
    client = api(make_user("inspector"))
    body = record_payload("housing_inspection", household)
    head = json.dumps({k: body[k] for k in ("uuid", "kind", "household_uuid")})
    text = head[:-1] + ', "data": ' + "[" * 3000 + "]" * 3000 + "}"
    response = client.post(
        "/api/v1/records", data=text, content_type="application/json"
    )
    assert response.status_code == 400


def test_ordinary_nesting_still_passes(api, make_user):
    response = api(make_user("admin", towns=())).post(
        "/api/v1/households", json=household_payload()
    )
    assert response.status_code == 201


def png_bytes(size, mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG", optimize=True)
    return out.getvalue()


@pytest.fixture
def photos_url(api, make_user, household):
    client = api(make_user("inspector"))
    body = record_payload("housing_inspection", household)
    assert client.post("/api/v1/records", json=body).status_code == 201
    return client, f"/api/v1/records/{body['uuid']}/photos"


def upload(client, url, data):
    """Post the photo as one prepared multipart body (the test client spools
    large form files to temporary files that it never closes)."""
    body, content_type = multipart({"uuid": new_uuid()}, "file", "p.png", data)
    return client.post(url, data=body, content_type=content_type)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares its size and holds no pixels: what a bomb's header says
    is all the server may look at before refusing it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat)


def test_a_png_too_large_to_decode_is_refused_with_422(photos_url):
    client, url = photos_url
    bomb = png_bytes((7700, 7700), mode="1")  # 59 million pixels in a small file
    assert len(bomb) < 100 * 1024
    response = upload(client, url, bomb)
    assert response.status_code == 422
    assert "file" in response.get_json()["errors"]
    assert count(Photo) == 0


def test_a_png_with_absurd_dimensions_is_refused_with_422(photos_url):
    client, url = photos_url
    response = upload(client, url, png_header_only(40_000, 40_000))
    assert response.status_code == 422
    assert count(Photo) == 0


@pytest.mark.parametrize(
    "orientation, shown", [(None, (8000, 6000)), (6, (6000, 8000))]
)
def test_a_large_phone_jpeg_is_kept_with_its_real_size(
    photos_url, app, orientation, shown
):
    client, url = photos_url
    out = io.BytesIO()
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    Image.new("RGB", (8000, 6000), (120, 80, 40)).save(out, "JPEG", exif=exif)
    response = upload(client, url, out.getvalue())
    assert response.status_code == 201
    body = response.get_json()
    assert (body["width"], body["height"]) == shown
    display = read_variant(photo_storage(app), only(Photo), "display")
    with Image.open(io.BytesIO(display)) as image:
        assert max(image.size) == 1600
        assert (image.width > image.height) == (shown[0] > shown[1])

"""Photos lose their EXIF GPS, camera and comment tags before they are stored
or served; old files stored with them are served without them."""

import hashlib
import io

import pytest
from PIL import Image, PngImagePlugin

from fieldapp.extensions import db
from fieldapp.models import Photo
from fieldapp.services.photo_store import read_variant, variant_key
from fieldapp.services.storage import photo_storage
from tests.factories import new_uuid, only, record_payload

# What a phone camera writes, each a string that must not survive.
MAKE, MODEL, SERIAL, OWNER = "Xiaomi", "Redmi-Note-12", "SN-99887766", "OWNER-ZHANG"
TAGS = (MAKE, MODEL, SERIAL, OWNER, "XMP-SECRET")


def camera_exif(orientation: int = 6) -> Image.Exif:
    """EXIF with GPS (Wanning), make, model, body serial and an orientation."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = MAKE, MODEL, orientation
    exif[0x013B] = OWNER  # Artist
    exif.get_ifd(0x8769)[0xA431] = SERIAL  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (18.0, 47.0, 46.3), "E", (110.0, 23.0, 25.8)
    return exif


def tagged(fmt: str = "JPEG", size=(640, 480)) -> bytes:
    """A picture wider than high whose EXIF says: turn it 90° to view it."""
    image = Image.new("RGB", size, (200, 120, 40))
    image.paste((20, 40, 200), (0, 0, size[0] // 2, size[1] // 4))
    out = io.BytesIO()
    extra = {"exif": camera_exif()}
    if fmt == "JPEG":
        extra |= {
            "comment": OWNER.encode(),
            "xmp": b"<x:xmpmeta>XMP-SECRET</x:xmpmeta>",
        }
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Author", OWNER)
        extra["pnginfo"] = info
    image.save(out, fmt, **extra)
    return out.getvalue()


def assert_clean(data: bytes) -> Image.Image:
    """No tag survives, in any segment; returns the decoded picture."""
    for tag in TAGS:
        assert tag.encode() not in data, tag
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert not exif.get_ifd(0x8825) and 0x010F not in exif and 0x0110 not in exif
    assert exif.get(0x0112, 1) == 1  # no orientation left to apply twice
    return image


@pytest.fixture
def photos(api, make_user, make_household, photo_store):
    """(client, upload URL, record uuid) for an inspector's housing record."""
    household = make_household()
    worker = make_user("inspector")
    body = record_payload("housing_inspection", household)
    api(worker).post("/api/v1/records", json=body)
    return api(worker), f"/api/v1/records/{body['uuid']}/photos"


def upload(client, url, data, **fields):
    form = {"file": (io.BytesIO(data), "p.jpg"), "uuid": new_uuid(), **fields}
    return client.post(url, data=form, content_type="multipart/form-data")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_uploaded_original_is_stored_and_served_without_tags(photos, app, fmt):
    client, url = photos
    response = upload(client, url, tagged(fmt), lat="18.7962", lon="110.3905")
    assert response.status_code == 201
    photo = only(Photo)
    stored = read_variant(photo_storage(app), photo, "original")
    assert_clean(stored)
    served = client.get(response.get_json()["original_url"])
    assert served.status_code == 200
    image = assert_clean(served.data)
    assert image.size == (480, 640)  # turned upright, as the display copy is
    assert (photo.lat, photo.lon) == (18.7962, 110.3905)  # the record keeps its place


@pytest.mark.parametrize("variant", ["display", "thumb"])
def test_copies_carry_no_tags_either(photos, app, variant):
    client, url = photos
    body = upload(client, url, tagged("JPEG")).get_json()
    assert_clean(client.get(f"/api/v1/photos/{body['uuid']}/{variant}").data)


def test_replay_of_a_tagged_photo_is_still_a_replay(photos):
    client, url = photos
    data, uuid = tagged("JPEG"), new_uuid()
    first = upload(client, url, data, uuid=uuid)
    again = upload(client, url, data, uuid=uuid)
    assert (first.status_code, again.status_code) == (201, 200)


def test_a_photo_without_tags_is_kept_byte_for_byte(photos, app):
    client, url = photos
    out = io.BytesIO()
    Image.new("RGB", (300, 200), "red").save(out, "JPEG", quality=70)
    upload(client, url, out.getvalue())
    photo = only(Photo)
    stored = read_variant(photo_storage(app), photo, "original")
    assert stored == out.getvalue()


def test_files_stored_before_are_served_without_tags(photos, app):
    """An original and a display copy written by the old code, tags and all."""
    client, url = photos
    upload(client, url, tagged("PNG"))
    record_id = only(Photo).record_id
    data = tagged("JPEG", size=(800, 600))
    sha = hashlib.sha256(data).hexdigest()
    for variant in ("original", "display"):
        photo_storage(app).write(variant_key(sha, variant), data)
    old = Photo(
        uuid=new_uuid(),
        record_id=record_id,
        sha256=sha,
        content_type="image/jpeg",
        size_bytes=len(data),
        width=800,
        height=600,
    )
    db.session.add(old)
    db.session.commit()
    for variant in ("original", "display"):
        served = client.get(f"/api/v1/photos/{old.uuid}/{variant}")
        assert served.status_code == 200
        assert assert_clean(served.data).size == (600, 800)


def test_case_files_embed_photos_without_tags(app, photo_store):
    """A print copy made from an old display copy that still had its comment."""
    from fieldapp.printing.fetcher import PhotoStoreFetcher, photo_url

    data = tagged("JPEG", size=(1200, 900))
    sha = hashlib.sha256(data).hexdigest()
    photo_store.write(variant_key(sha, "display"), data)
    fetcher = PhotoStoreFetcher(photo_store)
    for variant in ("display", "print"):
        assert_clean(fetcher.fetch(photo_url(sha, variant)).read())


def test_the_sweep_cleans_files_stored_before_at_rest(photos, app):
    """`strip-photo-metadata`: files the old code kept with their tags lose them in
    the store (and so in backups); a second run finds nothing; served as before."""
    client, url = photos
    upload(client, url, tagged("PNG"))
    record_id = only(Photo).record_id
    data = tagged("JPEG", size=(800, 600))
    sha = hashlib.sha256(data).hexdigest()
    store = photo_storage(app)
    for variant in ("original", "display"):
        store.write(variant_key(sha, variant), data)
    db.session.add(
        Photo(
            uuid=new_uuid(),
            record_id=record_id,
            sha256=sha,
            content_type="image/jpeg",
            size_bytes=len(data),
            width=800,
            height=600,
        )
    )
    db.session.commit()
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["strip-photo-metadata", "--dry-run"])
    assert "2 held metadata and would be cleaned" in dry.output
    assert store.read(variant_key(sha, "original")) == data
    result = runner.invoke(args=["strip-photo-metadata"])
    assert result.exit_code == 0, result.output
    assert "2 held metadata and cleaned" in result.output
    for variant in ("original", "display"):
        assert assert_clean(store.read(variant_key(sha, variant))).size == (600, 800)
    again = runner.invoke(args=["strip-photo-metadata"])
    assert "0 held metadata" in again.output

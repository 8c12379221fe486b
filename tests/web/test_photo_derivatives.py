"""Display copies and thumbnails made after the upload is answered or on first view,
never a missing file; uploads checked by a reduced-scale decode."""

import io

import pytest
from PIL import Image, ImageFile

from fieldapp.models import Photo
from fieldapp.services.photo_store import (
    NotAnImage,
    check_image,
    read_derived,
    store_original,
    variant_key,
)
from fieldapp.services.storage import LocalStorage
from tests.factories import only
from tests.web.test_photos import image_bytes, record_url, upload  # noqa: F401


def noisy_jpeg(size=(1600, 1200)) -> bytes:
    """A JPEG with detail in every block (so a cut-off file misses real data)."""
    image = Image.effect_noise(size, 60).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def test_a_truncated_jpeg_is_refused_by_the_reduced_scale_check(monkeypatch):
    # Importing WeasyPrint turns this on for the whole process (weasyprint/images.py),
    # which is a separate, older question; here the check itself is tested.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", False)
    data = noisy_jpeg()
    assert check_image(data) == ("JPEG", (1600, 1200))
    with pytest.raises(NotAnImage):
        check_image(data[: len(data) // 2])


def test_check_reads_the_exif_rotation():
    assert check_image(image_bytes(size=(800, 600), exif_orientation=6)) == (
        "JPEG",
        (600, 800),
    )


@pytest.mark.parametrize("variant, edge", [("display", 1600), ("thumb", 320)])
def test_a_missing_copy_is_made_from_the_original_on_first_use(tmp_path, variant, edge):
    store = LocalStorage(tmp_path)
    stored = store_original(store, image_bytes(size=(4000, 3000)))
    key = variant_key(stored.sha256, variant)
    assert not store.exists(key)
    made = read_derived(store, stored.sha256, variant)
    assert store.read(key) == made
    with Image.open(io.BytesIO(made)) as image:
        assert max(image.size) == edge


def test_lazy_upload_leaves_the_copies_to_the_first_view(
    app,
    record_url,  # noqa: F811
    photo_store,
    monkeypatch,
):
    monkeypatch.setitem(app.config, "PHOTO_DERIVATIVES", "lazy")
    client, url = record_url
    body = upload(client, url, image_bytes(size=(3200, 2400))).get_json()
    photo = only(Photo)
    assert not photo_store.exists(variant_key(photo.sha256, "display"))
    response = client.get(f"/api/v1/photos/{body['uuid']}/display")
    assert response.status_code == 200
    with Image.open(io.BytesIO(response.data)) as image:
        assert image.size == (1600, 1200)
    assert photo_store.exists(variant_key(photo.sha256, "thumb"))


def test_after_response_the_copies_are_made_once_the_answer_is_closed(
    app,
    record_url,  # noqa: F811
    photo_store,
    monkeypatch,
):
    monkeypatch.setitem(app.config, "PHOTO_DERIVATIVES", "after_response")
    client, url = record_url
    response = upload(client, url, image_bytes(size=(3200, 2400)))
    assert response.status_code == 201
    photo = only(Photo)
    assert not photo_store.exists(variant_key(photo.sha256, "thumb"))
    response.close()
    for variant in ("display", "thumb"):
        assert photo_store.exists(variant_key(photo.sha256, variant))


def test_a_truncated_jpeg_is_refused_in_a_process_that_prints():
    from weasyprint import HTML  # noqa: F401  (as a case-file render imports it)

    import fieldapp.printing.casefile  # noqa: F401

    data = noisy_jpeg()
    with pytest.raises(NotAnImage):
        check_image(data[: len(data) // 2])

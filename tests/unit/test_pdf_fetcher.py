"""The case-file URL fetcher serves photos from the store and refuses the rest."""

import pytest
from weasyprint import HTML

from fieldapp.printing.fetcher import PhotoStoreFetcher, RefusedURL, photo_url
from fieldapp.services.photo_store import store_image
from tests.pdftools import pdf_images
from tests.report_factories import jpeg_bytes


@pytest.fixture
def stored(tmp_path):
    """A photo in a fresh store: (fetcher, sha256)."""
    image = store_image(tmp_path, jpeg_bytes(640, 480))
    return PhotoStoreFetcher(tmp_path), image.sha256


def test_photo_url_is_served_from_the_store(stored):
    fetcher, sha = stored
    response = fetcher.fetch(photo_url(sha))
    assert response.content_type == "image/jpeg"
    assert response.read().startswith(b"\xff\xd8")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///etc/hostname",
        "http://127.0.0.1:9/secret.png",
        "https://example.com/a.png",
        "ftp://example.com/a.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "photo:../../etc/passwd",
        "photo:" + "a" * 64 + "/original",
        "photo:" + "A" * 64 + "/display",
        "photo:" + "a" * 64 + "/display/../../x",
    ],
)
def test_other_urls_are_refused(stored, url):
    fetcher, _sha = stored
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


def test_document_cannot_embed_local_files(stored, tmp_path):
    fetcher, sha = stored
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(jpeg_bytes(300, 200, seed=9))
    html = (
        f'<img src="{secret.as_uri()}"><img src="http://127.0.0.1:9/x.jpg">'
        f'<img src="{photo_url(sha)}">'
    )
    pdf = HTML(string=html, url_fetcher=fetcher).write_pdf()
    images = pdf_images(pdf)
    assert [(i["width"], i["height"]) for i in images] == [(640, 480)]

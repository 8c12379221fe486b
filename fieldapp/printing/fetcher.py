"""A WeasyPrint URL fetcher that serves only our own photos and refuses the rest."""

import re

import weasyprint.images  # noqa: F401  (it turns LOAD_TRUNCATED_IMAGES on)
from PIL import ImageFile
from weasyprint.urls import URLFetcher, URLFetcherResponse

from fieldapp.printing.photos import print_copy
from fieldapp.services.image_meta import without_metadata
from fieldapp.services.photo_store import as_storage, read_derived

# WeasyPrint accepts truncated images, for the web pages it renders, for the
# whole process. A case file embeds only our own photos, checked whole at upload,
# and the upload check in the same process must go on refusing a cut-off file.
ImageFile.LOAD_TRUNCATED_IMAGES = False

# `photo:<sha256>/<variant>`: the only kind of URL a case file may load.
PHOTO_URL = re.compile(r"photo:(?P<sha>[0-9a-f]{64})/(?P<variant>print|display|thumb)")


class RefusedURL(ValueError):
    """The document asked for something outside the photo store."""


def photo_url(sha256: str, variant: str = "print") -> str:
    """The URL under which a stored photo's variant is embedded in a PDF."""
    return f"photo:{sha256}/{variant}"


class PhotoStoreFetcher(URLFetcher):
    """Fetch `photo:` URLs from the photo store; refuse every other URL.

    WeasyPrint's own fetcher would open `file:`, `http(s):` and `data:` URLs.
    A case file holds text typed in the field, so nothing it names may reach
    the server's disk or the network: only the photo store, by content hash.
    """

    def __init__(self, store, **kwargs):
        """`store`: the photo store (or a local folder's path)."""
        super().__init__(allowed_protocols=("photo",), allow_redirects=False, **kwargs)
        self.store = as_storage(store)

    def resolve(self, url: str) -> bytes:
        """The bytes behind a `photo:` URL; RefusedURL for anything else."""
        match = PHOTO_URL.fullmatch(url)
        if match is None:
            raise RefusedURL(f"refused URL: {url[:80]}")
        if match["variant"] == "print":
            return print_copy(self.store, match["sha"])
        return read_derived(self.store, match["sha"], match["variant"])

    def fetch(self, url, headers=None):
        """Answer a `photo:` URL from the store (without metadata, should a copy
        made before it was stripped still carry some); never fall back to urllib."""
        data = without_metadata(self.resolve(url))
        return URLFetcherResponse(url, data, headers={"Content-Type": "image/jpeg"})

"""Gzip text responses: workers on weak signal pay for every byte of a page."""

import gzip

from flask import Flask, Request, Response, request

COMPRESSIBLE = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "image/svg+xml",
}
MIN_BYTES = 512
LEVEL = 6
# Static files are compressed once and kept, so they get the smallest gzip.
STATIC_LEVEL = 9
# Static files are compressed once per (path, etag) and kept; pages are dynamic.
_static_cache: dict[tuple[str, str], bytes] = {}
STATIC_CACHE_LIMIT = 256


def accepts_gzip(req: Request) -> bool:
    """Whether the client said it can read gzip."""
    return req.accept_encodings["gzip"] > 0


def compressible(response: Response) -> bool:
    """A successful text body not already encoded: a page, JSON or a static file
    (files are passed through as a stream; generated streams are left alone)."""
    return (
        response.status_code == 200
        and response.mimetype in COMPRESSIBLE
        and "Content-Encoding" not in response.headers
        and (response.direct_passthrough or not response.is_streamed)
    )


def gzip_body(data: bytes, static_key: tuple[str, str] | None) -> bytes:
    """Compressed bytes, from the static cache when the file was seen before."""
    if static_key is None:
        return gzip.compress(data, LEVEL, mtime=0)
    if static_key not in _static_cache:
        if len(_static_cache) >= STATIC_CACHE_LIMIT:
            _static_cache.clear()
        _static_cache[static_key] = gzip.compress(data, STATIC_LEVEL, mtime=0)
    return _static_cache[static_key]


def compress(response: Response) -> Response:
    """after_request hook: gzip the body when it is worth it."""
    response.vary.add("Accept-Encoding")
    if not compressible(response) or not accepts_gzip(request):
        return response
    if response.direct_passthrough:
        data = b"".join(response.response)
        response.response.close()
        response.direct_passthrough = False
        response.set_data(data)
    else:
        data = response.get_data()
    if len(data) < MIN_BYTES:
        return response
    etag, _weak = response.get_etag()
    static_key = (request.path, etag) if request.endpoint == "static" and etag else None
    response.set_data(gzip_body(data, static_key))
    response.headers["Content-Encoding"] = "gzip"
    if etag:
        # Same content, other bytes: a weak tag still answers If-None-Match with 304.
        response.set_etag(etag, weak=True)
    return response


def init_compression(app: Flask) -> None:
    """Register the hook."""
    app.after_request(compress)

"""Answers that show full numbers are never kept: `Cache-Control: no-store`."""

from functools import wraps

from flask import Response, make_response

NO_STORE = "no-store"


def not_kept(response: Response) -> Response:
    """Mark a response as never to be stored by the browser, a proxy or the
    service worker (static/sw.js checks the same header)."""
    response.headers["Cache-Control"] = NO_STORE
    response.headers["Pragma"] = "no-cache"
    return response


def no_store(view):
    """A view whose every answer is `not_kept` (pages that show full numbers)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        return not_kept(make_response(view(*args, **kwargs)))

    return wrapped


def api_default_no_store(response: Response) -> Response:
    """API answers carry personal data: kept nowhere unless a view says so
    (photos set their own private caching)."""
    if "Cache-Control" not in response.headers:
        not_kept(response)
    return response

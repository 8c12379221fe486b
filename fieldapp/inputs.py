"""Requests with NUL characters are refused with a 400 before any view runs:
PostgreSQL text cannot hold them (a query with one fails), and no field needs one."""

from flask import Flask, request
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
WITH_BODY = ("POST", "PUT", "PATCH", "DELETE")


def _has_nul(pairs) -> bool:
    return any("\x00" in str(key) or "\x00" in str(value) for key, value in pairs)


def body_has_nul() -> bool:
    """A NUL in a form field, or in a JSON (or other text) body, raw or escaped."""
    if request.mimetype in FORM_TYPES:
        try:
            return _has_nul(request.form.items(multi=True))
        except RequestEntityTooLarge:
            # Too large to read here: the view refuses it with its own limit.
            return False
    body = request.get_data(cache=True)
    return b"\x00" in body or b"\\u0000" in body


def refuse_nul_characters() -> None:
    """400 for a NUL in the path, the query string or the body."""
    if (
        "\x00" in request.path
        or _has_nul(request.args.items(multi=True))
        or (request.method in WITH_BODY and body_has_nul())
    ):
        raise BadRequest("NUL character in the request")


def init_inputs(app: Flask) -> None:
    """Check every request's inputs first."""
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_nul_characters)

"""The contract's error shape for the API and error pages for the browser."""

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from fieldapp.database import is_transient
from fieldapp.services.errors import Conflict, ServiceError
from fieldapp.services.scoped import NotInScope

RETRY_AFTER_S = 2  # a busy database: seconds before the client tries again
# Machine codes for plain HTTP errors.
HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "rate_limited",
    500: "server_error",
    503: "database_busy",
}


class ApiError(Exception):
    """An error answered in the contract's shape."""

    def __init__(self, status: int, code: str, message: str, errors=None, extra=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors
        self.extra = extra or {}

    def to_response(self):
        """The JSON response for this error."""
        body = {"error": self.code, "message": self.message}
        if self.errors:
            body["errors"] = self.errors
        body.update(self.extra)
        return jsonify(body), self.status


# Human text for plain HTTP errors, translated when one is answered (only the
# one needed: a 401 or 404 is the commonest answer a server gives).
HTTP_MESSAGES = {
    400: _l("请求格式不正确。"),
    401: _l("请先登录。"),
    403: _l("您没有权限执行此操作。"),
    404: _l("找不到该对象,或它不在您负责的镇。"),
    405: _l("不支持该请求方法。"),
    409: _l("数据冲突。"),
    413: _l("上传内容太大。"),
    415: _l("不支持的内容类型。"),
    422: _l("数据校验未通过。"),
    429: _l("尝试次数过多,请稍后再试。"),
    500: _l("服务器内部错误,请稍后再试。"),
    503: _l("服务器繁忙,请稍后重试。"),
}


def http_message(status: int, default: str = "") -> str:
    """The text for an HTTP status, in the request's language."""
    message = HTTP_MESSAGES.get(status)
    return str(message) if message is not None else default


def wants_json() -> bool:
    """API paths always answer JSON."""
    return request.path.startswith("/api/")


def http_error(exc: HTTPException):
    """Answer a werkzeug HTTP error as JSON or as a page, with the error's own
    headers (a 405's `Allow`, a 429's `Retry-After`), or with the answer it
    carries (such as the login page's 429)."""
    if exc.response is not None:
        return exc.response
    status = exc.code or 500
    message = http_message(status, exc.description or "")
    if wants_json():
        code = HTTP_CODES.get(status, "error")
        body, status = ApiError(status, code, message).to_response()
    else:
        body, status = page_error(status, message)
    response = make_response(body, status)
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def csrf_error(exc: CSRFError):
    """A missing or stale CSRF token: ask the client to reload or refetch it."""
    message = _("页面已过期,请刷新后重试。")
    if wants_json():
        return ApiError(400, "csrf_failed", message).to_response()
    return page_error(400, message)


def server_error(exc: Exception):
    """Unexpected failures: log them, answer without leaking details."""
    from flask import current_app

    current_app.logger.exception("unhandled error: %s", exc)
    message = http_message(500)
    if wants_json():
        return ApiError(500, "server_error", message).to_response()
    return page_error(500, message)


def database_error(exc: OperationalError):
    """SQLite's write lock stayed taken past the busy timeout, or the database
    server is restarting or unreachable: 503 with Retry-After. Every write is
    idempotent (by uuid, or by version and replay for corrections), so the
    client's retry is safe. Anything else is a 500."""
    if not is_transient(exc):
        return server_error(exc)
    from flask import current_app

    from fieldapp.extensions import db

    current_app.logger.warning("database unavailable: %s", type(exc.orig).__name__)
    try:
        db.session.rollback()
    except Exception:  # the connection is gone; the pool replaces it
        db.session.remove()
    message = http_message(503)
    if wants_json():
        answer = ApiError(503, HTTP_CODES[503], message).to_response()
    else:
        answer = page_error(503, message)
    response = make_response(*answer)
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response


def lost_race(exc: StaleDataError):
    """An UPDATE found its row at another version than it was read at: another
    change was saved in between (services answer their own races with `current`;
    this is the net under every other write)."""
    from fieldapp.extensions import db

    db.session.rollback()
    message = _("数据已被他人修改,请刷新后重试。")
    if wants_json():
        return ApiError(409, "stale_version", message).to_response()
    return page_error(409, message)


NOT_FOUND_MESSAGES = {
    "household": _l("找不到该住户,或它不在您负责的镇。"),
    "record": _l("找不到该记录,或它不在您负责的镇。"),
    "photo": _l("找不到该照片。"),
    "town": _l("找不到该镇,或它不在您负责的范围。"),
}


def page_error(status: int, message: str, details=()):
    """The browser's error page; `details` are the field messages of a 422."""
    page = render_template(
        "errors/error.html", status=status, message=message, details=details
    )
    return page, status


def not_in_scope(exc: NotInScope):
    """404, as if the object did not exist (API.md: scope is never revealed)."""
    message = str(NOT_FOUND_MESSAGES.get(exc.what, http_message(404)))
    if wants_json():
        return ApiError(404, exc.code, message).to_response()
    return page_error(404, message)


def refused(exc: ServiceError):
    """A service's refusal with its own status; 422s carry their field errors."""
    errors = getattr(exc, "errors", None)
    if not wants_json():
        details = [m for messages in (errors or {}).values() for m in messages]
        return page_error(exc.status, exc.message, details)
    return ApiError(exc.status, exc.code, exc.message, errors=errors).to_response()


def conflict(exc: Conflict):
    """409 carrying the stored object as it is now, when the caller may read it,
    and a refusal's own field errors and keys (`duplicate_person`)."""
    if not wants_json():
        return page_error(409, exc.message)
    from fieldapp.api.serializers import current_for

    extra = dict(getattr(exc, "extra", None) or {})
    if exc.current is not None and (current := current_for(exc.current)) is not None:
        extra["current"] = current
    errors = getattr(exc, "errors", None)
    return ApiError(409, exc.code, exc.message, errors, extra).to_response()


def init_errors(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(ApiError, lambda exc: exc.to_response())
    app.register_error_handler(NotInScope, not_in_scope)
    app.register_error_handler(Conflict, conflict)
    app.register_error_handler(ServiceError, refused)
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(OperationalError, database_error)
    app.register_error_handler(StaleDataError, lost_race)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, server_error)

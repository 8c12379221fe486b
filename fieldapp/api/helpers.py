"""Request parsing shared by the API views."""

from flask import request
from flask_babel import gettext as _
from flask_login import current_user

from fieldapp.errors import ApiError


def json_body() -> dict:
    """The request's JSON object; 400 when it does not parse, 422 when not an object."""
    payload = request.get_json(silent=True, force=True)
    if payload is None:
        raise ApiError(400, "malformed_json", _("请求体不是有效的 JSON。"))
    if not isinstance(payload, dict):
        raise ApiError(422, "validation_failed", _("请求体应为 JSON 对象。"))
    return payload


def validation_error(errors: dict[str, list[str]]) -> ApiError:
    """A 422 with field errors in the contract's shape."""
    return ApiError(
        422,
        "validation_failed",
        _("数据校验未通过。"),
        errors={k: [str(m) for m in v] for k, v in errors.items()},
    )


def int_arg(name: str, default: int, minimum: int = 1, maximum: int = 10**6) -> int:
    """An integer query argument, clamped; junk becomes the default."""
    try:
        value = int(request.args.get(name, default))
    except (TypeError, ValueError):
        return default
    return min(max(value, minimum), maximum)


def user():
    """The authenticated user (views are wrapped in login_required)."""
    return current_user._get_current_object()

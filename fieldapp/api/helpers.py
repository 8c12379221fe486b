"""Request parsing shared by the API views."""

from flask import request
from flask_babel import gettext as _
from flask_login import current_user

from fieldapp.errors import ApiError

# No body of the contract nests deeper than 6 levels; far deeper is an attack on
# the parser or on the recursion that flattens bodies for the forms.
MAX_JSON_DEPTH = 32


def nesting_depth(value, limit: int = MAX_JSON_DEPTH) -> int:
    """How deep objects and arrays nest in `value`, counted up to `limit` + 1
    (without recursion, so any depth is safe to measure)."""
    deepest, stack = 0, [(value, 1)]
    while stack and deepest <= limit:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


def too_deep() -> ApiError:
    """400: the body nests too deeply to be a request of this API."""
    return ApiError(400, "too_deeply_nested", _("请求体的 JSON 嵌套层数过多。"))


def json_body() -> dict:
    """The request's JSON object; 400 when it does not parse or nests too deeply,
    422 when it is not an object."""
    try:
        payload = request.get_json(silent=True, force=True)
    except RecursionError:  # the parser's own guard, far past MAX_JSON_DEPTH
        raise too_deep() from None
    if payload is None:
        raise ApiError(400, "malformed_json", _("请求体不是有效的 JSON。"))
    if nesting_depth(payload) > MAX_JSON_DEPTH:
        raise too_deep()
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

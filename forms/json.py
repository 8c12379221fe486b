"""Feed JSON payloads to WTForms and report errors with flattened field names."""

import math
from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from wtforms import Form
from wtforms.fields import FieldList, FormField


class PayloadError(ValueError):
    """A payload value that cannot be fed to a form at all (e.g. NaN)."""

    def __init__(self, field: str, code: str):
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code


def _scalar(name: str, value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        raise PayloadError(name, "not_finite")
    return str(value)


def flatten(payload, prefix: str = "") -> MultiDict:
    """Turn nested JSON into WTForms names: {"a": {"b": [1]}} → a-b-0 = "1"."""
    out = MultiDict()

    def walk(value, name):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{name}-{key}" if name else str(key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{name}-{index}")
        elif value is not None:
            out.add(name, _scalar(name, value))

    walk(payload, prefix)
    return out


def flat_errors(form: Form) -> dict[str, list[str]]:
    """Errors keyed by each field's full name (`data-barthel-feeding`)."""
    found: dict[str, list[str]] = {}

    def walk(field):
        if isinstance(field, FormField):
            for sub in field.form:
                walk(sub)
            form_errors = getattr(field.form, "form_errors", None)
            if form_errors:
                found.setdefault(field.name, []).extend(form_errors)
        elif isinstance(field, FieldList):
            for entry in field.entries:
                walk(entry)
            own = [e for e in field.errors if not isinstance(e, dict | list)]
            if own:
                found.setdefault(field.name, []).extend(own)
        elif field.errors:
            found.setdefault(field.name, []).extend(field.errors)

    for field in form:
        walk(field)
    if getattr(form, "form_errors", None):
        found.setdefault("_form", []).extend(form.form_errors)
    return found


def unknown_keys(form: Form, formdata: MultiDict, under: str) -> list[str]:
    """Flattened keys below `under` that no field of the form consumes."""
    known = set()

    def walk(field):
        if isinstance(field, FormField):
            for sub in field.form:
                walk(sub)
        elif isinstance(field, FieldList):
            for entry in field.entries:
                walk(entry)
        else:
            known.add(field.name)

    for field in form:
        walk(field)
    prefix = under + "-" if under else ""
    return sorted(k for k in formdata if k.startswith(prefix) and k not in known)


def bind(form_class: type[Form], raw, strict_under: str | None = None, **kwargs):
    """A form bound to a raw request body, validated: (form, flattened errors).

    `raw` is a JSON object (flattened here; keys below `strict_under` that no
    field reads are errors, not silently lost; "" means every key) or the fields
    a page posted (a
    MultiDict, taken as it is: it also carries csrf_token and the like). The
    request's CSRF token is checked before any view runs (`auth/loaders.py`).
    """
    kwargs.setdefault("meta", {"csrf": False})
    if isinstance(raw, MultiDict):
        formdata, strict_under = raw, None
    else:
        try:
            formdata = flatten(raw)
        except PayloadError as exc:
            return None, {exc.field: [_l("数值无效。")]}
    form = form_class(formdata=formdata, **kwargs)
    form.validate()
    errors = flat_errors(form)
    if strict_under is not None:
        for key in unknown_keys(form, formdata, strict_under):
            errors.setdefault(key, []).append(_l("未知字段。"))
    return form, errors


def jsonable(value):
    """Form data (dates, decimals, nested lists) as plain JSON values."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items() if k != "csrf_token"}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value

"""The envelope every survey record shares; the kind's own form is its `data`."""

from functools import cache

from flask_babel import lazy_gettext as _l
from wtforms import FormField, HiddenField
from wtforms.validators import DataRequired, Optional

from forms import BaseForm
from forms.fields import REQUIRED, OffsetDateTimeField, UUIDField
from forms.households import LocationForm


class RecordLocationForm(LocationForm):
    """Where the worker stood, how accurate the fix was, and when it was taken."""

    captured_at = OffsetDateTimeField(_l("定位时间"), [Optional()])


class RecordForm(BaseForm):
    """uuid, kind, household, person, time and place of one survey record."""

    uuid = UUIDField("uuid", [DataRequired(REQUIRED)])
    kind = HiddenField("kind", [DataRequired(REQUIRED)])
    household_uuid = UUIDField(_l("住户"), [DataRequired(REQUIRED)])
    person_uuid = UUIDField(_l("调查对象"), [Optional()])
    captured_at = OffsetDateTimeField(_l("调查时间"), [DataRequired(REQUIRED)])
    location = FormField(RecordLocationForm, label=_l("位置"))


@cache
def record_form_class(kind: str, data_form: type) -> type[RecordForm]:
    """The envelope with this kind's form as its `data` (one class per kind)."""
    return type(
        f"{data_form.__name__.removesuffix('DataForm')}RecordForm",
        (RecordForm,),
        {"data": FormField(data_form, label=_l("调查内容"))},
    )


def record_payload(form: RecordForm) -> tuple[dict, dict]:
    """(payload with Python times, body as stored JSON) from a valid record form."""
    from forms.fields import prune
    from forms.json import jsonable

    # The envelope has a field called `data`, which hides Form.data: read fields.
    body = jsonable(prune({name: field.data for name, field in form._fields.items()}))
    payload = dict(body)
    payload["captured_at"] = form.captured_at.data
    location = dict(body.get("location") or {})
    if location:
        location["captured_at"] = form.location.form.captured_at.data
        payload["location"] = location
    return payload, body

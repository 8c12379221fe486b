"""The envelope every survey record shares; the kind's own form is its `data`."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from flask_babel import lazy_gettext as _l
from wtforms import FormField, HiddenField
from wtforms.validators import DataRequired, Optional

from forms import BaseForm
from forms.fields import REQUIRED, OffsetDateTimeField, UUIDField, prune
from forms.households import LocationForm
from forms.json import jsonable


class RecordLocationForm(LocationForm):
    """Where the worker stood, how accurate the fix was, and when it was taken."""

    captured_at = OffsetDateTimeField(_l("定位时间"), [Optional()], survey_day=False)


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


@dataclass(frozen=True)
class Envelope:
    """A validated record body.

    The pipeline's words: the *raw* body is what the client sent; the
    *envelope* is that body validated (uuid, kind, household, person, time,
    place and the kind's *data*); `body` is the envelope as JSON, the exact text
    kept in each RecordVersion; the times are also parsed for the rule.
    """

    body: dict
    captured_at: datetime
    located_at: datetime | None

    @property
    def data(self) -> dict:
        """The kind's own part of the body."""
        return self.body["data"]

    @property
    def location(self) -> dict:
        """lat, lon and accuracy_m as sent (empty without a position)."""
        return self.body.get("location") or {}


def envelope_of(form: RecordForm) -> Envelope:
    """The envelope of a valid record form."""
    # The envelope has a field called `data`, which hides Form.data: read fields.
    body = jsonable(prune({name: field.data for name, field in form._fields.items()}))
    location = form.location.form.captured_at.data if body.get("location") else None
    return Envelope(body, form.captured_at.data, location)


def add_errors(form: RecordForm, errors: dict[str, list[str]]) -> None:
    """Show errors found after validation (rules, scope) on the fields they name;
    a name without a field (e.g. an unknown key) goes on the uuid field."""
    fields = {field.name: field for field in walk_fields(form)}
    for name, messages in errors.items():
        field = fields.get(name) or form.uuid
        field.errors = [*field.errors, *messages]


def walk_fields(form):
    """Every field of a form, nested forms and lists included."""
    for field in form:
        yield field
        if hasattr(field, "form"):
            yield from walk_fields(field.form)
        elif hasattr(field, "entries"):
            for entry in field.entries:
                yield from (
                    walk_fields(entry.form) if hasattr(entry, "form") else [entry]
                )

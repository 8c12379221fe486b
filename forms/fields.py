"""Fields and validators shared by every form."""

import uuid
from datetime import UTC, datetime, timedelta

from flask_babel import lazy_gettext as _l
from wtforms import Field, FormField, RadioField, StringField
from wtforms.fields import SelectChoice
from wtforms.utils import unset_value
from wtforms.validators import NumberRange, ValidationError
from wtforms.widgets import CheckboxInput

from fieldapp import clock
from fieldapp.domain.dates import EARLIEST_YEAR
from fieldapp.domain.localtime import LOCAL_TZ

# The message of every required field, in every form.
REQUIRED = _l("此项必填。")
TRUE_VALUES = {"true", "y", "yes", "on", "1"}
FALSE_VALUES = {"false", "n", "no", "off", "0", ""}


class UUIDField(StringField):
    """A client-generated UUID, stored as lower-case canonical text."""

    def process_formdata(self, valuelist):
        """Normalise; an invalid value keeps its raw text and fails validation."""
        super().process_formdata(valuelist)
        self.data = (self.data or "").strip()

    def pre_validate(self, form):
        """Accept only a well-formed UUID."""
        if not self.data:
            return
        try:
            self.data = str(uuid.UUID(self.data))
        except ValueError as exc:
            raise ValidationError(_l("不是有效的 UUID。")) from exc


class StrictBooleanField(Field):
    """A yes/no value that refuses anything but recognised spellings."""

    widget = CheckboxInput()

    def __init__(self, label=None, validators=None, default=False, **kwargs):
        super().__init__(label, validators, default=default, **kwargs)
        self._invalid = False

    def process_formdata(self, valuelist):
        """Missing or empty gives the default (False: an unticked box; None when
        the field is a yes/no/unknown question); junk is an error."""
        raw = (valuelist[0] if valuelist else "").strip().lower()
        if raw == "":
            self.data = self.default
        elif raw in TRUE_VALUES:
            self.data = True
        elif raw in FALSE_VALUES:
            self.data = False
        else:
            self.data = None
            self._invalid = True

    def pre_validate(self, form):
        """Report an unrecognised value."""
        if self._invalid:
            raise ValidationError(_l("应为 是(true) 或 否(false)。"))

    def _value(self):
        return "y"

    @property
    def checked(self) -> bool:
        """Whether a checkbox should render as ticked."""
        return bool(self.data)


class OffsetDateTimeField(StringField):
    """An ISO 8601 time; without an offset it is read as China time (UTC+8).

    `survey_day` (the default) also refuses a day no visit can have. The GPS
    fix's own time is kept as the phone gave it (a hidden field the worker
    cannot correct, on a phone whose clock may have reset to 1970): only a
    time that cannot be turned into UTC is refused there.
    """

    def __init__(self, *args, survey_day: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey_day = survey_day

    def process_formdata(self, valuelist):
        """Parse; keep the raw text when it does not parse."""
        super().process_formdata(valuelist)
        self.raw = (self.data or "").strip()
        self.data = None
        if not self.raw:
            return
        try:
            parsed = datetime.fromisoformat(self.raw.replace("Z", "+00:00"))
        except ValueError:
            return
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=LOCAL_TZ)
        self.data = parsed

    def pre_validate(self, form):
        """Refuse text that is not a time, and a time no survey can have:
        before 2000 (the plan began in 2016; year 1 would not even turn into
        UTC) or after tomorrow, China time (a phone's clock set wrong; a day
        of slack for time zones)."""
        if getattr(self, "raw", "") and self.data is None:
            raise ValidationError(_l("时间格式应为 2026-03-05T09:12:00+08:00。"))
        if self.data is None:
            return
        try:
            day = self.data.astimezone(UTC).astimezone(LOCAL_TZ).date()
        except OverflowError:  # year 1 or 9999 with an offset
            day = self.data.date()
        else:
            if not self.survey_day:
                return
        if day.year < EARLIEST_YEAR:
            raise ValidationError(_l("时间不能早于 %(year)s 年。", year=EARLIEST_YEAR))
        if day > clock.today() + timedelta(days=1):
            raise ValidationError(_l("时间晚于现在,请检查手机的日期和时间。"))

    def _value(self):
        if self.data:
            try:
                return self.data.astimezone(LOCAL_TZ).strftime("%Y-%m-%dT%H:%M")
            except OverflowError:  # refused by pre_validate; shown as typed
                pass
        return getattr(self, "raw", "") or ""


class ScoreField(RadioField):
    """An item score that accepts only its allowed values (Barthel items)."""

    def __init__(self, label=None, validators=None, scores=(), labels=None, **kwargs):
        labels = labels or {}
        choices = [
            SelectChoice(score, f"{score} · {labels.get(score, '')}".rstrip(" ·"))
            for score in scores
        ]
        super().__init__(label, validators, coerce=int, choices=choices, **kwargs)
        self.scores = tuple(scores)

    def pre_validate(self, form):
        """Name the allowed scores when refusing one."""
        if self.data is None and not any(str(v).strip() for v in self.raw_data or []):
            raise ValidationError(REQUIRED)
        if self.data not in self.scores:
            allowed = "、".join(str(s) for s in self.scores)
            raise ValidationError(
                _l("只能是以下分值之一:%(allowed)s。", allowed=allowed)
            )

    def process_formdata(self, valuelist):
        """A score that is not a number stays invalid instead of raising."""
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None


class OptionalFormField(FormField):
    """A nested object that may be left out entirely (a ramp, a member count).

    When none of its inputs has a value it is None and is not validated;
    otherwise every rule of the subform applies.
    """

    def __init__(self, form_class, label=None, validators=None, ignore=(), **kwargs):
        """`ignore`: inputs that always carry a value (a preselected standard)
        and so do not by themselves make the object given."""
        super().__init__(form_class, label, validators, **kwargs)
        self.ignore = frozenset(ignore)

    def process(self, formdata, data=unset_value, extra_filters=None):
        """Remember whether anything was given for this object."""
        super().process(formdata, data, extra_filters)
        if formdata is not None and formdata:
            prefix = self.name + self.separator
            self.present = any(
                key.startswith(prefix)
                and key[len(prefix) :] not in self.ignore
                and str(value).strip() != ""
                for key, value in formdata.items(multi=True)
            )
        else:
            if isinstance(data, dict):
                data = {k: v for k, v in data.items() if k not in self.ignore}
            self.present = data not in (None, unset_value) and bool(data)

    def validate(self, form, extra_validators=()):
        """Only a given object is validated."""
        if not self.present:
            return True
        return super().validate(form, extra_validators)

    @property
    def data(self):
        """The subform's data, or None when the object was left out."""
        return self.form.data if self.present else None


def prune(value):
    """Drop None, empty strings and empty containers from nested form data."""
    if isinstance(value, dict):
        pruned = {k: prune(v) for k, v in value.items() if k != "csrf_token"}
        return {k: v for k, v in pruned.items() if v not in (None, "", {}, [])}
    if isinstance(value, list):
        return [prune(v) for v in value]
    return value


class UpToThisYear:
    """A year from `first` to this year, the year read when the form is checked
    (a bound fixed at import would stay last year's in a server left running
    over New Year). The input's `min` and `max` attributes follow it."""

    def __init__(self, first: int):
        self.first = first

    @property
    def field_flags(self) -> dict:
        """What WTForms renders as the input's min and max."""
        return {"min": self.first, "max": clock.today().year}

    def __call__(self, form, field) -> None:
        NumberRange(self.first, clock.today().year)(form, field)

"""Fields and validators shared by every form."""

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from wtforms import Field, StringField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput

LOCAL_TZ = ZoneInfo("Asia/Shanghai")
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

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self._invalid = False

    def process_formdata(self, valuelist):
        """A missing value is false (an unticked box); junk is an error."""
        raw = (valuelist[0] if valuelist else "").strip().lower()
        if raw in TRUE_VALUES:
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
        if self.data is None:
            self.data = bool(self.default)

    def _value(self):
        return "y"

    @property
    def checked(self) -> bool:
        """Whether a checkbox should render as ticked."""
        return bool(self.data)


class OffsetDateTimeField(StringField):
    """An ISO 8601 time; without an offset it is read as China time (UTC+8)."""

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
        """Refuse text that is not a time."""
        if getattr(self, "raw", "") and self.data is None:
            raise ValidationError(_l("时间格式应为 2026-03-05T09:12:00+08:00。"))

    def _value(self):
        if self.data:
            return self.data.astimezone(LOCAL_TZ).strftime("%Y-%m-%dT%H:%M")
        return getattr(self, "raw", "") or ""

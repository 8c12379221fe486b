"""Assistive-device fitting: the device, the stage, dates and follow-up visits."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields import SelectChoice
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from fieldapp.domain.devices import STAGES, load_devices
from fieldapp.domain.localtime import local_today
from forms import SubForm
from forms.choices import current_language, vocab_choices
from forms.fields import REQUIRED, StrictBooleanField
from forms.rows import rows_with_blanks


def not_in_future(form, field):
    """A visit date cannot be later than today in China (the server may run in UTC)."""
    if field.data and field.data > local_today():
        raise ValidationError(_l("日期不能晚于今天。"))


def device_choices() -> list[SelectChoice]:
    """A blank first option, then each catalogue device as "code name"."""
    english = current_language() == "en"
    return [SelectChoice("", str(_l("请选择辅助器具")))] + [
        SelectChoice(d.code, f"{d.code} {d.name_en if english else d.name}")
        for d in load_devices().values()
    ]


class FollowupForm(SubForm):
    """One follow-up visit after fitting."""

    date = DateField(_l("回访日期"), [DataRequired(REQUIRED), not_in_future])
    outcome = StringField(_l("回访结果"), [Optional(), Length(max=300)])


class DeviceDataForm(SubForm):
    """The device fitted to one person and the service around it."""

    device_code = SelectField(_l("辅助器具"), [DataRequired(REQUIRED)])
    device_name = StringField(_l("器具名称"), [Optional(), Length(max=60)])
    stage = SelectField(_l("进度"), [DataRequired(REQUIRED)], default="requested")
    assessed_on = DateField(_l("评估日期"), [Optional(), not_in_future])
    fitted_on = DateField(_l("适配日期"), [Optional(), not_in_future])
    service_life_years = IntegerField(
        _l("使用年限(年)"), [Optional(), NumberRange(1, 20)]
    )
    serial = StringField(_l("器具编号"), [Optional(), Length(max=60)])
    trained = StrictBooleanField(_l("已完成使用训练"))
    followups = FieldList(FormField(FollowupForm), label=_l("回访"), max_entries=30)
    notes = TextAreaField(_l("备注"), [Optional(), Length(max=2000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device_code.choices = device_choices()
        self.stage.choices = vocab_choices("device_stage", STAGES)

    def validate_fitted_on(self, field):
        """Fitting comes after the assessment."""
        if field.data and self.assessed_on.data and field.data < self.assessed_on.data:
            raise ValidationError(_l("适配日期不能早于评估日期。"))

    def validate(self, extra_validators=None):
        """Also name the device from the catalogue when its name was left empty."""
        ok = super().validate(extra_validators)
        device = load_devices().get(self.device_code.data)
        if device is not None and not (self.device_name.data or "").strip():
            self.device_name.data = device.name
        return ok

    def followup_rows(self) -> list:
        """The follow-up rows to render: the typed ones and spare blank ones."""
        return rows_with_blanks(self.followups)

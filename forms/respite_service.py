"""Respite care given (托养服务): the assessment it rests on, mode, provider,
dates and the monthly subsidy."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, FloatField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from fieldapp.domain.respite import MODES
from forms import SubForm
from forms.choices import vocab_choices
from forms.fields import REQUIRED, UUIDField


class RespiteServiceDataForm(SubForm):
    """Care actually given to a person whose assessment found them eligible.

    Ending a service is a correction of the same record with `ended_on`.
    """

    assessment_uuid = UUIDField(_l("依据的托养评估"), [DataRequired(REQUIRED)])
    mode = SelectField(_l("托养方式"), [DataRequired(REQUIRED)])
    provider = StringField(
        _l("托养服务机构"), [DataRequired(REQUIRED), Length(max=100)]
    )
    started_on = DateField(_l("开始日期"), [DataRequired(REQUIRED)])
    ended_on = DateField(_l("结束日期"), [Optional()])
    monthly_subsidy = FloatField(
        _l("每月补贴(元)"), [Optional(), NumberRange(0, 100_000)]
    )
    notes = TextAreaField(_l("备注"), [Optional(), Length(max=2000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode.choices = vocab_choices("respite_mode", MODES)

    def validate_ended_on(self, field):
        """A service ends on or after the day it started."""
        if field.data and self.started_on.data and field.data < self.started_on.data:
            raise ValidationError(_l("结束日期不能早于开始日期。"))

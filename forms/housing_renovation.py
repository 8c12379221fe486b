"""Renovation of a C or D house: the inspection it answers, mode, stages with
their dates, area, money and where it came from, barrier-free works with it."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    FieldList,
    FloatField,
    FormField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from fieldapp.domain.renovation import FUNDING_SOURCES, MODES, STAGES
from forms import SubForm
from forms.choices import vocab_choices
from forms.device_fitting import not_in_future
from forms.fields import REQUIRED, StrictBooleanField, UUIDField
from forms.rows import rows_with_blanks

MAX_YUAN = 10_000_000


class FundingForm(SubForm):
    """One source of the money: central, provincial, county funds or social help."""

    source = SelectField(_l("资金来源"), [DataRequired(REQUIRED)])
    amount = FloatField(
        _l("金额(元)"), [DataRequired(REQUIRED), NumberRange(0, MAX_YUAN)]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.source.choices = [
            SelectChoice("", str(_l("请选择资金来源")))
        ] + vocab_choices("funding_source", FUNDING_SOURCES)


class RenovationDataForm(SubForm):
    """The works on one household's dangerous house, from plan to payment."""

    inspection_uuid = UUIDField(_l("对应的危房鉴定"), [DataRequired(REQUIRED)])
    mode = SelectField(_l("改造方式"), [DataRequired(REQUIRED)])
    stage = SelectField(_l("进度"), [DataRequired(REQUIRED)], default="planned")
    started_on = DateField(_l("开工日期"), [Optional(), not_in_future])
    completed_on = DateField(_l("竣工日期"), [Optional(), not_in_future])
    accepted_on = DateField(_l("验收日期"), [Optional(), not_in_future])
    accepted_by = StringField(_l("验收人"), [Optional(), Length(max=60)])
    area_m2 = FloatField(_l("建筑面积(平方米)"), [Optional(), NumberRange(1, 1000)])
    cost_total = FloatField(_l("总造价(元)"), [Optional(), NumberRange(0, MAX_YUAN)])
    subsidy_paid = FloatField(
        _l("已拨付补助(元)"), [Optional(), NumberRange(0, MAX_YUAN)]
    )
    funding = FieldList(FormField(FundingForm), label=_l("资金来源"), max_entries=10)
    with_accessibility = StrictBooleanField(_l("同步实施无障碍改造"))
    notes = TextAreaField(_l("备注"), [Optional(), Length(max=2000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode.choices = [
            SelectChoice("", str(_l("请选择改造方式")))
        ] + vocab_choices("renovation_mode", MODES)
        self.stage.choices = vocab_choices("renovation_stage", STAGES)

    def funding_rows(self) -> list:
        """The funding lines to render: the typed ones and spare blank ones."""
        return rows_with_blanks(self.funding)

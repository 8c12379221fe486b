"""Home accessibility-renovation needs: items, costs, the ramp and the stage."""

from flask_babel import lazy_gettext as _l
from wtforms import FieldList, FloatField, Form, FormField, SelectField, StringField
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from fieldapp.domain.accessibility import STAGES, load_items
from wtforms.fields import SelectChoice

from forms.choices import current_language, vocab_choices
from forms.fields import OptionalFormField

REQUIRED = _l("此项必填。")


class ItemLineForm(Form):
    """One catalogue item: how many, at what unit cost (catalogue cost if blank)."""

    code = SelectField(_l("改造项目"), [DataRequired(REQUIRED)])
    quantity = FloatField(_l("数量"), [DataRequired(REQUIRED), NumberRange(0.01, 10000)])
    unit_cost = FloatField(_l("单价(元)"), [Optional(), NumberRange(0, 1_000_000)])
    note = StringField(_l("说明"), [Optional(), Length(max=200)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        english = current_language() == "en"
        self.code.choices = [
            SelectChoice(item.code, item.name_en if english else item.name)
            for item in load_items().values()
        ]


class RampForm(Form):
    """One ramp flight: how high it climbs and over what horizontal run."""

    rise_m = FloatField(_l("高差(米)"), [DataRequired(REQUIRED), NumberRange(0.01, 5)])
    run_m = FloatField(_l("水平长度(米)"), [DataRequired(REQUIRED), NumberRange(0.01, 100)])


class AccessibilityDataForm(Form):
    """The renovation need of one household and where its works stand."""

    items = FieldList(FormField(ItemLineForm), label=_l("改造项目"), max_entries=40)
    ramp = OptionalFormField(RampForm, label=_l("坡道"))
    stage = SelectField(_l("进度"), [DataRequired(REQUIRED)], default="need_reported")
    notes = TextAreaField(_l("备注"), [Optional(), Length(max=2000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage.choices = vocab_choices("accessibility_stage", STAGES)

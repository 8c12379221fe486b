"""Respite-care (托养) assessment: the ten Barthel items and the request."""

from flask_babel import lazy_gettext as _l
from wtforms import Form, FormField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from fieldapp.domain.barthel import BARTHEL_ITEMS, BARTHEL_LABELS
from fieldapp.domain.respite import MODES
from forms import SubForm
from forms.choices import vocab_choices
from forms.fields import REQUIRED, ScoreField, StrictBooleanField


def _barthel_fields() -> dict:
    """One score field per Barthel item, allowing only that item's scores."""
    return {
        item: ScoreField(
            BARTHEL_LABELS[item].zh,
            scores=scores,
            labels=BARTHEL_LABELS[item].scores,
        )
        for item, scores in BARTHEL_ITEMS.items()
    }


BarthelForm = type("BarthelForm", (Form,), _barthel_fields())
BarthelForm.__doc__ = "The ten items of the Barthel Index (DOMAIN §4.1)."


class RespiteDataForm(SubForm):
    """What the rehabilitation worker records at the visit."""

    barthel = FormField(BarthelForm, label=_l("日常生活活动能力(Barthel 指数)"))
    mode_requested = SelectField(_l("申请的托养方式"), [DataRequired(REQUIRED)])
    caregiver = StringField(_l("主要照料人"), [Optional(), Length(max=60)])
    psychiatric_stable = StrictBooleanField(
        _l("精神状况稳定(精神残疾者填写)"), default=None
    )
    notes = TextAreaField(_l("备注"), [Optional(), Length(max=2000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode_requested.choices = vocab_choices("respite_mode", MODES)

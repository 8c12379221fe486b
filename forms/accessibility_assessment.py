"""Home accessibility-renovation needs: items, costs, the ramp and the stage."""

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

from fieldapp.domain.accessibility import (
    CURRENT_RAMP_STANDARD,
    LEGACY_RAMP_STANDARD,
    RAMP_STANDARDS,
    STAGES,
    Item,
    load_items,
)
from fieldapp.domain.ids import CATEGORIES
from forms import SubForm
from forms.choices import current_language, vocab_choices
from forms.device_fitting import not_in_future
from forms.fields import REQUIRED, OptionalFormField
from forms.rows import rows_with_blanks

MULTIPLE = 7


def served_text(item: Item, english: bool) -> str:
    """The disabilities an item is for, in words ("视力残疾、肢体残疾")."""
    named = [c for c in item.serves if c != MULTIPLE]
    if set(named) >= set(CATEGORIES) - {MULTIPLE}:
        return "all disabilities" if english else "各类残疾"
    words = [CATEGORIES[c][1 if english else 0] for c in named or item.serves]
    return (", " if english else "、").join(words)


def item_choices() -> list[SelectChoice]:
    """A blank first option, then the catalogue labelled with whom each item serves."""
    english = current_language() == "en"
    choices = [SelectChoice("", str(_l("请选择改造项目")))]
    for item in load_items().values():
        name = item.name_en if english else item.name
        choices.append(
            SelectChoice(item.code, f"{name} · {served_text(item, english)}")
        )
    return choices


class ItemLineForm(SubForm):
    """One catalogue item: how many, at what unit cost (catalogue cost if blank)."""

    code = SelectField(_l("改造项目"), [DataRequired(REQUIRED)])
    quantity = FloatField(
        _l("数量"), [DataRequired(REQUIRED), NumberRange(0.01, 10000)]
    )
    unit_cost = FloatField(_l("单价(元)"), [Optional(), NumberRange(0, 1_000_000)])
    note = StringField(_l("说明"), [Optional(), Length(max=200)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.code.choices = item_choices()


class RampStandardField(SelectField):
    """The standard a ramp is checked against.

    A new form offers the code in force (its default); a body that leaves the
    standard out (an old record, an older API client) keeps it out, and so is
    checked against the legacy table, which its select then shows.
    """

    def process_formdata(self, valuelist):
        """Missing or blank is None (not the default): the legacy table applies."""
        raw = (valuelist[0] if valuelist else "").strip()
        self.data = raw or None

    def iter_choices(self):
        """Mark the legacy table as chosen when no standard was given."""
        shown = self.data or LEGACY_RAMP_STANDARD
        return [c._replace(selected=c.value == shown) for c in super().iter_choices()]

    def pre_validate(self, form):
        """No standard is allowed (the legacy table); any other must be a choice."""
        if self.data is not None:
            super().pre_validate(form)


class RampForm(SubForm):
    """One ramp flight: how high it climbs, over what horizontal run, and the
    standard it is checked against."""

    standard = RampStandardField(
        _l("依据标准"), [Optional()], default=CURRENT_RAMP_STANDARD
    )

    rise_m = FloatField(_l("高差(米)"), [DataRequired(REQUIRED), NumberRange(0.01, 5)])
    run_m = FloatField(
        _l("水平长度(米)"), [DataRequired(REQUIRED), NumberRange(0.01, 100)]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.standard.choices = vocab_choices("ramp_standard", RAMP_STANDARDS)


class AccessibilityDataForm(SubForm):
    """The renovation need of one household and where its works stand."""

    items = FieldList(FormField(ItemLineForm), label=_l("改造项目"), max_entries=40)
    ramp = OptionalFormField(RampForm, label=_l("坡道"), ignore=("standard",))
    stage = SelectField(_l("进度"), [DataRequired(REQUIRED)], default="need_reported")
    started_on = DateField(_l("开工日期"), [Optional(), not_in_future])
    accepted_on = DateField(_l("验收日期"), [Optional(), not_in_future])
    paid_on = DateField(_l("拨付日期"), [Optional(), not_in_future])
    notes = TextAreaField(_l("备注"), [Optional(), Length(max=2000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage.choices = vocab_choices("accessibility_stage", STAGES)

    def item_rows(self) -> list:
        """The item lines to render: the typed ones and spare blank ones."""
        return rows_with_blanks(self.items)

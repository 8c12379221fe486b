"""Dangerous-housing inspection: the rural 2019 method or JGJ 125-2016 counts."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import FieldList, Form, FormField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from fieldapp.domain.housing import COMPONENTS, METHODS, STRUCTURE_TYPES
from fieldapp.domain.jgj125 import MEMBER_WEIGHTS
from forms.choices import pairs, vocab_choices
from forms.fields import OptionalFormField, StrictBooleanField

REQUIRED = _l("此项必填。")
GRADE_CHOICES = pairs((g, g) for g in "abcd")


class CountForm(Form):
    """How many members of one type there are, and how many are dangerous."""

    total = IntegerField(_l("总数"), [DataRequired(REQUIRED), NumberRange(1, 10000)])
    dangerous = IntegerField(_l("危险构件数"), [Optional(), NumberRange(0, 10000)], default=0)

    def validate_dangerous(self, field):
        """Dangerous members are some of the members."""
        field.data = field.data or 0
        if self.total.data is not None and field.data > self.total.data:
            raise ValidationError(_l("危险构件数不能大于总数。"))


StoreyForm = type(
    "StoreyForm",
    (Form,),
    {key: OptionalFormField(CountForm, label=key) for key in MEMBER_WEIGHTS},
)
StoreyForm.__doc__ = "Member counts of one storey, by member type (omit absent types)."


class ComponentsForm(Form):
    """Grade a–d of each part of the house; leave out parts the house lacks."""

    foundation = SelectField(_l("地基基础"), [Optional()], choices=GRADE_CHOICES)
    walls = SelectField(_l("承重墙"), [Optional()], choices=GRADE_CHOICES)
    frame = SelectField(_l("木柱、梁、檩"), [Optional()], choices=GRADE_CHOICES)
    roof = SelectField(_l("屋面及楼屋盖"), [Optional()], choices=GRADE_CHOICES)
    enclosure = SelectField(_l("围护结构"), [Optional()], choices=GRADE_CHOICES)


DefectsForm = type(
    "DefectsForm",
    (Form,),
    {key: StringField(key, [Optional(), Length(max=500)]) for key in COMPONENTS},
)
DefectsForm.__doc__ = "A note on the defects seen in each part of the house."


class HousingDataForm(Form):
    """The inspection: building facts, the chosen method's findings, defect notes."""

    method = SelectField(_l("鉴定方法"), [DataRequired(REQUIRED)])
    structure_type = SelectField(_l("结构类型"), [DataRequired(REQUIRED)])
    floors = IntegerField(_l("层数"), [DataRequired(REQUIRED), NumberRange(1, 10)])
    built_year = IntegerField(_l("建成年份"), [Optional(), NumberRange(1900, date.today().year)])
    site_dangerous = StrictBooleanField(_l("场地危险(需迁址)"))
    components = OptionalFormField(ComponentsForm, label=_l("各组成部分等级"))
    foundation = OptionalFormField(CountForm, label=_l("基础构件"))
    storeys = FieldList(FormField(StoreyForm), label=_l("各层构件"), max_entries=10)
    defects = OptionalFormField(DefectsForm, label=_l("缺陷说明"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.method.choices = vocab_choices("housing_method", METHODS)
        self.structure_type.choices = vocab_choices("structure_type", STRUCTURE_TYPES)

    def validate(self, extra_validators=None):
        """The chosen method decides which findings are required."""
        ok = super().validate(extra_validators)
        if self.method.data == "rural_2019":
            if not any((self.components.data or {}).values()) and not self.site_dangerous.data:
                ok = self._refuse(self.components, _l("请至少评定一个组成部分。"))
        elif self.method.data == "jgj125_2016":
            if self.foundation.data is None:
                ok = self._refuse(self.foundation, _l("请填写基础构件数。"))
            if not any(any((e.data or {}).values()) for e in self.storeys.entries):
                ok = self._refuse(self.storeys, _l("请至少填写一层的构件数。"))
        return ok

    @staticmethod
    def _refuse(field, message) -> bool:
        """Attach a form-level error to a nested field; always False."""
        if hasattr(field, "form"):
            field.form.form_errors.append(message)
        else:
            field.errors = [*field.errors, message]
        return False

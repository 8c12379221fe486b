"""Dangerous-housing inspection: the rural 2019 method or JGJ 125-2016 counts."""

from flask_babel import lazy_gettext as _l
from wtforms import FieldList, Form, FormField, IntegerField, SelectField, StringField
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from fieldapp.domain.housing import COMPONENTS, METHODS, STRUCTURE_TYPES
from fieldapp.domain.jgj125 import MEMBER_WEIGHTS
from forms import SubForm
from forms.choices import pairs, vocab_choices
from forms.fields import (
    REQUIRED,
    OptionalFormField,
    StrictBooleanField,
    UpToThisYear,
)

# What each grade looks like, from the official 农村住房安全性鉴定表 (DOMAIN §1.4);
# parts the excerpt does not describe get the guideline's general wording.
GENERAL_GRADES = {
    "a": _l("无危险点"),
    "b": _l("有危险点"),
    "c": _l("局部危险"),
    "d": _l("整体危险"),
}
GRADE_HINTS = {
    "foundation": {
        "a": _l("地基稳定,基础完好"),
        "b": _l("基础埋深略浅,有轻微不均匀沉降"),
        "c": _l("基础埋深过浅,有明显不均匀沉降"),
        "d": _l("地基失稳,基础局部或整体坍塌"),
    },
    "walls": {
        "a": _l("砌筑质量良好,无裂缝、剥落、倾斜"),
        "b": _l("砌筑质量一般或较差,有轻微开裂或剥落"),
        "c": _l("砌筑质量很差,裂缝多、剥落严重,纵横墙连接处脱开,个别墙体倾斜"),
        "d": _l("墙体严重开裂,部分墙体明显倾斜,局部倒塌或有倒塌危险"),
    },
    "frame": {
        "a": _l("无腐朽、虫蛀,无变形,仅有轻微干缩裂缝"),
        "b": _l("轻微腐朽或虫蛀,轻微变形,纵向干缩裂缝深度超过直径的 1/6"),
        "c": _l("明显腐朽,跨中明显下挠或有横纹裂缝,端部劈裂,柱明显倾斜,柱脚移位"),
        "d": GENERAL_GRADES["d"],
    },
    "roof": GENERAL_GRADES,
    "enclosure": GENERAL_GRADES,
}
COMPONENT_FIELD_LABELS = {
    "foundation": (_l("地基基础"), _l("地基基础缺陷说明")),
    "walls": (_l("承重墙"), _l("承重墙缺陷说明")),
    "frame": (_l("木柱、梁、檩"), _l("木柱、梁、檩缺陷说明")),
    "roof": (_l("屋面及楼屋盖"), _l("屋面及楼屋盖缺陷说明")),
    "enclosure": (_l("围护结构"), _l("围护结构缺陷说明")),
}


def grade_field(component: str) -> SelectField:
    """Grade a–d of one part, each choice labelled with what it looks like."""
    return SelectField(
        COMPONENT_FIELD_LABELS[component][0],
        [Optional()],
        choices=pairs(GRADE_HINTS[component].items()),
    )


def none_as_zero(value):
    """A count left blank on the page is 0, as when the API omits it."""
    return 0 if value is None else value


class CountForm(SubForm):
    """How many members of one type there are, and how many are dangerous."""

    total = IntegerField(_l("总数"), [DataRequired(REQUIRED), NumberRange(1, 10000)])
    dangerous = IntegerField(
        _l("危险构件数"),
        [Optional(), NumberRange(0, 10000)],
        default=0,
        filters=[none_as_zero],
    )

    def validate_dangerous(self, field):
        """Dangerous members are some of the members."""
        if self.total.data is not None and field.data > self.total.data:
            raise ValidationError(_l("危险构件数不能大于总数。"))


StoreyForm = type(
    "StoreyForm",
    (Form,),
    {key: OptionalFormField(CountForm, label=key) for key in MEMBER_WEIGHTS},
)
StoreyForm.__doc__ = "Member counts of one storey, by member type (omit absent types)."


class StoreyList(FieldList):
    """The storeys; a storey with no member counted at all is not a storey.

    The page shows blank storey blocks; like an empty object in the API's JSON
    (which flattening drops), they must not count as layers in F + B + f.
    """

    @property
    def data(self):
        """Entries with at least one member type counted."""
        entries = (entry.data for entry in self.entries)
        return [d for d in entries if any(v is not None for v in d.values())]


ComponentsForm = type(
    "ComponentsForm",
    (Form,),
    {key: grade_field(key) for key in COMPONENTS},
)
ComponentsForm.__doc__ = "Grade a–d of each part of the house; omit parts it lacks."

DefectsForm = type(
    "DefectsForm",
    (Form,),
    {
        key: StringField(COMPONENT_FIELD_LABELS[key][1], [Optional(), Length(max=500)])
        for key in COMPONENTS
    },
)
DefectsForm.__doc__ = "A note on the defects seen in each part of the house."


class HousingDataForm(SubForm):
    """The inspection: building facts, the chosen method's findings, defect notes."""

    method = SelectField(_l("鉴定方法"), [DataRequired(REQUIRED)])
    structure_type = SelectField(_l("结构类型"), [DataRequired(REQUIRED)])
    floors = IntegerField(_l("层数"), [DataRequired(REQUIRED), NumberRange(1, 10)])
    built_year = IntegerField(_l("建成年份"), [Optional(), UpToThisYear(1900)])
    site_dangerous = StrictBooleanField(_l("场地危险(需迁址)"))
    components = OptionalFormField(ComponentsForm, label=_l("各组成部分等级"))
    foundation = OptionalFormField(CountForm, label=_l("基础构件"))
    storeys = StoreyList(FormField(StoreyForm), label=_l("各层构件"), max_entries=10)
    defects = OptionalFormField(DefectsForm, label=_l("缺陷说明"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.method.choices = vocab_choices("housing_method", METHODS)
        self.structure_type.choices = vocab_choices("structure_type", STRUCTURE_TYPES)

    def validate(self, extra_validators=None):
        """The chosen method decides which findings are required."""
        ok = super().validate(extra_validators)
        if self.method.data == "rural_2019":
            graded = any((self.components.data or {}).values())
            if not graded and not self.site_dangerous.data:
                ok = self._refuse(self.components, _l("请至少评定一个组成部分。"))
        elif self.method.data == "jgj125_2016":
            if self.foundation.data is None:
                ok = self._refuse(self.foundation, _l("请填写基础构件数。"))
            if not self.storeys.data:
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

"""The bulk-printing form: which town, which houses, what kind of file."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget

from fieldapp.domain.housing import GRADES
from fieldapp.models import STATUSES
from forms import BaseForm
from forms.choices import vocab_choices


class GradesField(SelectMultipleField):
    """House grades as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PrintJobForm(BaseForm):
    """Choose households by town and by their latest records, and the output."""

    town = SelectField(_l("镇"), default="")
    kind = SelectField(_l("调查类型"), default="")
    grades = GradesField(_l("房屋等级(危房鉴定)"))
    status = SelectField(_l("记录状态"), default="")
    output = RadioField(_l("输出"), default="pdf")

    def __init__(self, *args, town_choices=(), kind_choices=(), **kwargs):
        """Towns and survey kinds come from the view, like every other form's."""
        super().__init__(*args, **kwargs)
        self.town.choices = [("", _l("我负责的全部镇")), *town_choices]
        self.kind.choices = [("", _l("不限")), *kind_choices]
        self.grades.choices = vocab_choices("house_grade", GRADES)
        self.status.choices = [
            ("", _l("不限")),
            *vocab_choices("record_status", STATUSES),
        ]
        self.output.choices = [
            ("pdf", _l("合并为一个 PDF")),
            ("zip", _l("每户一个 PDF(ZIP 压缩包)")),
        ]

    def filters(self) -> dict:
        """The chosen filter as the job stores it."""
        return {
            "kind": self.kind.data or None,
            "grades": list(self.grades.data or []),
            "status": self.status.data or None,
        }

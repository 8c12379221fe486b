"""The review queue's filter: town, kind, author and data-quality flag."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from forms import SubForm


class QueueFilterForm(SubForm):
    """A GET form: an unknown value is a field error and filters nothing."""

    town = SelectField(_l("镇"), default="")
    kind = SelectField(_l("调查类型"), default="")
    author = SelectField(_l("调查员"), default="")
    flag = SelectField(_l("数据质量提示"), default="")

    def __init__(self, *args, towns=(), kinds=(), authors=(), flags=(), **kwargs):
        """Choices come from the view: the reviewer's towns and authors."""
        super().__init__(*args, **kwargs)
        self.town.choices = [("", _l("全部镇")), *towns]
        self.kind.choices = [("", _l("全部类型")), *kinds]
        self.author.choices = [("", _l("全部调查员")), *authors]
        self.flag.choices = [("", _l("不限")), *flags]

    def chosen(self) -> dict[str, str]:
        """The valid filters, by name (an invalid one is left out)."""
        self.validate()
        return {
            name: field.data
            for name, field in self._fields.items()
            if field.data and not field.errors
        }

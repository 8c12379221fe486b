"""A supervisor's decision on a record: the page and the API validate it here."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, TextAreaField
from wtforms.validators import AnyOf, Length, ValidationError

from forms import BaseForm
from forms.choices import pairs

DECISIONS = ("approve", "return")
COMMENT_MAX = 2000


class ReviewForm(BaseForm):
    """Approve or return; returning needs a comment saying what to correct."""

    decision = SelectField(
        _l("结论"),
        [AnyOf(DECISIONS, message=_l("应为 approve 或 return。"))],
        choices=pairs([("approve", _l("通过")), ("return", _l("退回修改"))]),
        validate_choice=False,
    )
    comment = TextAreaField(
        _l("审核意见"),
        [Length(max=COMMENT_MAX, message=_l("意见应为不超过2000字的文字。"))],
    )

    def validate_comment(self, field) -> None:
        """A return without a comment leaves the worker guessing."""
        if self.decision.data == "return" and not (field.data or "").strip():
            raise ValidationError(_l("退回时请写明需要修改的地方。"))

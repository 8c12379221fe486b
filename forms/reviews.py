"""A supervisor's decision on a record: the page and the API validate it here."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import (
    AnyOf,
    InputRequired,
    Length,
    NumberRange,
    ValidationError,
)

from forms import BaseForm
from forms.choices import pairs
from forms.fields import REQUIRED

DECISIONS = ("approve", "return")
COMMENT_MAX = 2000
COMMENT_TOO_LONG = _l("意见应为不超过2000字的文字。")
# Comments a supervisor gives again and again, one tap away on the review pages.
COMMON_COMMENTS = (
    _l("照片不清楚,请补拍。"),
    _l("缺少改造前或改造后照片。"),
    _l("定位不准确,请在现场重新定位。"),
    _l("计算结果与现场情况不符,请核对各项数据。"),
    _l("调查对象信息有误,请核对家庭成员。"),
)


class ReviewForm(BaseForm):
    """Approve or return the version the reviewer read; returning needs a
    comment saying what to correct."""

    decision = SelectField(
        _l("结论"),
        [AnyOf(DECISIONS, message=_l("应为 approve 或 return。"))],
        choices=pairs([("approve", _l("通过")), ("return", _l("退回修改"))]),
        validate_choice=False,
    )
    version = IntegerField(
        _l("所审核的版本"),
        [
            InputRequired(message=REQUIRED),
            NumberRange(min=1, message=_l("版本号应为正整数。")),
        ],
    )
    comment = TextAreaField(
        _l("审核意见"), [Length(max=COMMENT_MAX, message=COMMENT_TOO_LONG)]
    )

    def validate_comment(self, field) -> None:
        """A return without a comment leaves the worker guessing."""
        if self.decision.data == "return" and not (field.data or "").strip():
            raise ValidationError(_l("退回时请写明需要修改的地方。"))


class ReopenForm(BaseForm):
    """Reopen an approved record: the reason goes to its author."""

    comment = TextAreaField(
        _l("重新打开的原因"),
        [Length(max=COMMENT_MAX, message=COMMENT_TOO_LONG)],
    )

    def validate_comment(self, field) -> None:
        """Reopening a locked record always says why."""
        if not (field.data or "").strip():
            raise ValidationError(_l("请写明重新打开的原因。"))

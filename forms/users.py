"""Admin forms: create a user, change role and towns, reset a password."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from fieldapp.models import ROLES
from forms import BaseForm
from forms.choices import vocab_choices
from forms.fields import REQUIRED


class TownsField(SelectMultipleField):
    """Towns as a list of checkboxes (large touch targets on a phone)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class UserEditForm(BaseForm):
    """Name, role and towns of an existing user."""

    display_name = StringField(_l("姓名"), [Length(max=60)])
    role = SelectField(_l("角色"), [DataRequired(REQUIRED)])
    towns = TownsField(_l("负责的镇"))

    def __init__(self, *args, town_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = vocab_choices("role", ROLES)
        self.towns.choices = list(town_choices)

    def validate_towns(self, field):
        """Field workers need at least one town."""
        from wtforms.validators import ValidationError

        if self.role.data in ("inspector", "rehab_worker") and not field.data:
            raise ValidationError(_l("现场人员至少需要负责一个镇。"))


class UserCreateForm(UserEditForm):
    """A new user with an initial password."""

    username = StringField(
        _l("用户名"),
        [
            DataRequired(REQUIRED),
            Length(min=3, max=60),
            Regexp(
                r"^[A-Za-z0-9_.-]+$",
                message=_l("只能使用字母、数字、点、横线和下划线。"),
            ),
        ],
    )
    password = PasswordField(
        _l("初始密码"),
        [DataRequired(REQUIRED), Length(min=8, message=_l("密码至少8位。"))],
    )


class PasswordResetForm(BaseForm):
    """A new password, typed twice."""

    password = PasswordField(
        _l("新密码"),
        [DataRequired(REQUIRED), Length(min=8, message=_l("密码至少8位。"))],
    )
    confirm = PasswordField(
        _l("再次输入"), [EqualTo("password", message=_l("两次输入的密码不一致。"))]
    )

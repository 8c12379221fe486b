"""The login form."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from forms import BaseForm


class LoginForm(BaseForm):
    """Username and password, with an option to stay logged in (off unless
    ticked: a phone may be shared or lost)."""

    username = StringField(
        _l("用户名"), [DataRequired(_l("请输入用户名。")), Length(max=60)]
    )
    password = PasswordField(_l("密码"), [DataRequired(_l("请输入密码。"))])
    remember = BooleanField(_l("记住我(30天)"), default=False)

"""The fields that come with an uploaded photo."""

from flask_babel import lazy_gettext as _l
from wtforms import FloatField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from forms import BaseForm
from forms.choices import pairs
from forms.fields import REQUIRED, OffsetDateTimeField, UUIDField

TAG_CHOICES = pairs(
    [
        ("", _l("现场照片")),
        ("before", _l("改造前")),
        ("after", _l("改造后")),
        ("site", _l("场地")),
        ("document", _l("证件/文书")),
    ]
)


class PhotoForm(BaseForm):
    """uuid (idempotency key), caption, tag and where and when it was taken."""

    uuid = UUIDField("uuid", [DataRequired(REQUIRED)])
    caption = StringField(_l("说明"), [Optional(), Length(max=200)])
    tag = SelectField(_l("类别"), [Optional()], choices=TAG_CHOICES, default="")
    taken_at = OffsetDateTimeField(_l("拍摄时间"), [Optional()])
    lat = FloatField(_l("纬度"), [Optional(), NumberRange(-90, 90)])
    lon = FloatField(_l("经度"), [Optional(), NumberRange(-180, 180)])
    accuracy_m = FloatField(_l("精度(米)"), [Optional(), NumberRange(0, 100000)])

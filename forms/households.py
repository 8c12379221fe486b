"""The household form with its member rows; also validates the API payload."""

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from wtforms import (
    DateField,
    FieldList,
    FloatField,
    FormField,
    SelectField,
    StringField,
)
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from fieldapp import clock
from fieldapp.domain.ids import (
    CardNumberError,
    IdNumberError,
    mask_card,
    mask_id,
    mask_phone,
    parse_card_number,
    parse_id_number,
)
from fieldapp.models import MEMBER_STATUSES, POVERTY_STATUSES, RELATIONS
from forms import BaseForm, SubForm
from forms.choices import vocab_choices
from forms.fields import REQUIRED, UUIDField
from forms.rows import drop_blank_rows

ID_MESSAGES = {
    "format": _l("身份证号应为18位:17位数字加1位数字或X。"),
    "date": _l("身份证号中的出生日期不是有效日期。"),
    "future": _l("身份证号中的出生日期晚于今天。"),
    "too_old": _l("身份证号中的出生日期早于1900年。"),
    "checksum": _l("身份证号校验位不正确,请核对。"),
}
CARD_MESSAGES = {
    "length": _l("残疾人证号应为20位(18位身份证号 + 类别 + 等级)。"),
    "id_invalid": _l("残疾人证号的前18位不是有效的身份证号。"),
    "category": _l("残疾人证号第19位(残疾类别)应为 1–7。"),
    "level": _l("残疾人证号第20位(残疾等级)应为 1–4。"),
    "id_mismatch": _l("残疾人证号的前18位与身份证号不一致。"),
}
PHONE = r"^(1\d{10}|0\d{2,3}-?\d{7,8})$"


class LocationForm(SubForm):
    """A WGS-84 position with its accuracy in metres."""

    lat = FloatField(_l("纬度"), [Optional(), NumberRange(-90, 90)])
    lon = FloatField(_l("经度"), [Optional(), NumberRange(-180, 180)])
    accuracy_m = FloatField(_l("精度(米)"), [Optional(), NumberRange(0, 100000)])

    def validate(self, extra_validators=None):
        """Latitude and longitude come together."""
        ok = super().validate(extra_validators)
        if (self.lat.data is None) != (self.lon.data is None):
            self.lon.errors = [*self.lon.errors, _l("纬度和经度需同时填写。")]
            return False
        return ok


class MemberForm(SubForm):
    """One household member; ID and card numbers are checked by the domain rules."""

    uuid = UUIDField("uuid", [DataRequired(REQUIRED)])
    name = StringField(_l("姓名"), [DataRequired(REQUIRED), Length(max=60)])
    relation = SelectField(_l("与户主关系"), [DataRequired(REQUIRED)])
    id_number = StringField(_l("身份证号"), [DataRequired(REQUIRED)])
    disability_card = StringField(_l("残疾人证号"), [Optional()])
    phone = StringField(
        _l("电话"), [Optional(), Regexp(PHONE, message=_l("电话号码格式不正确。"))]
    )
    status = SelectField(_l("在户状态"), [Optional()], default="active")
    status_on = DateField(_l("去世或迁出日期"), [Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.relation.choices = vocab_choices("relation", RELATIONS)
        self.status.choices = vocab_choices("member_status", MEMBER_STATUSES)

    def validate_status(self, field):
        """Missing means still living there."""
        field.data = field.data or "active"

    def validate_status_on(self, field):
        """The day someone died or moved out cannot be in the future."""
        if field.data and field.data > clock.today():
            raise ValidationError(_l("日期不能晚于今天。"))

    def validate(self, extra_validators=None):
        """Deceased or moved out needs the day (an empty date skips its own
        validators, so the check is made here)."""
        ok = super().validate(extra_validators)
        gone = (self.status.data or "active") != "active"
        if gone and not self.status_on.data and not self.status_on.errors:
            self.status_on.errors = [
                *self.status_on.errors,
                _l("请填写去世或迁出的日期。"),
            ]
            return False
        return ok

    def validate_id_number(self, field):
        """GB 11643: format, real date, plausible, check character."""
        try:
            info = parse_id_number(field.data or "", today=clock.today())
        except IdNumberError as exc:
            raise ValidationError(ID_MESSAGES.get(exc.code, exc.code)) from exc
        field.data = info.number

    def validate_disability_card(self, field):
        """20 characters: this member's ID, category 1–7, level 1–4."""
        value = (field.data or "").strip()
        if not value:
            field.data = None
            return
        try:
            card = parse_card_number(value, id_number=None, today=clock.today())
        except CardNumberError as exc:
            raise ValidationError(CARD_MESSAGES.get(exc.code, exc.code)) from exc
        own_id = (self.id_number.data or "").strip().upper()
        if own_id and not self.id_number.errors and card.id_number != own_id:
            raise ValidationError(CARD_MESSAGES["id_mismatch"])
        field.data = card.number


class HouseholdForm(BaseForm):
    """A household and its members, as typed on the page or sent to the API."""

    uuid = UUIDField("uuid", [DataRequired(REQUIRED)])
    town_code = SelectField(_l("镇"), [DataRequired(REQUIRED)])
    village = StringField(_l("村(居)"), [DataRequired(REQUIRED), Length(max=60)])
    address = StringField(_l("地址"), [Optional(), Length(max=200)])
    poverty_status = SelectField(_l("贫困类型"), [DataRequired(REQUIRED)])
    location = FormField(LocationForm, label=_l("住户位置"))
    members = FieldList(FormField(MemberForm), min_entries=0)

    def __init__(self, *args, town_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.town_code.choices = list(town_choices)
        self.poverty_status.choices = vocab_choices("poverty_status", POVERTY_STATUSES)

    def validate_members(self, field):
        """At least one member, exactly one head, no number or uuid twice."""
        rows = [entry.form for entry in field.entries]
        if not rows:
            raise ValidationError(_l("至少需要一名家庭成员。"))
        heads = sum(1 for row in rows if row.relation.data == "head")
        if heads != 1:
            raise ValidationError(_l("需要且只能有一名户主。"))
        typed_ids = [(row.id_number.data or "").strip().upper() for row in rows]
        ids = [number for number in typed_ids if number]  # empty: its own error
        if len(set(ids)) != len(ids):
            raise ValidationError(_l("同一身份证号在本户中出现了两次。"))
        uuids = [row.uuid.data for row in rows]
        if len(set(uuids)) != len(uuids):
            raise ValidationError(_l("成员 uuid 重复。"))


MEMBER_KEYS = (
    "uuid",
    "name",
    "relation",
    "id_number",
    "disability_card",
    "phone",
    "status",
)


REMOVE_KEY = "remove"


def compact_member_rows(formdata, stored=frozenset()):
    """Drop member rows the user left blank and renumber the rest (no-JS pages).

    On the edit page (`stored`: the uuids of the household's members) a stored
    member's row is never taken for blank, since its masked numbers are empty
    inputs: it is kept, emptied name and all (and refused as such), and dropped
    only when its remove box is ticked.
    """
    typed = ("name", "id_number", "disability_card", "phone")

    def decide(row: dict) -> bool | None:
        if row.get("uuid") in stored:
            return not row.get(REMOVE_KEY)
        return None

    return drop_blank_rows(formdata, ["members"], typed=typed, decide=decide)


def removed_members(formdata, household) -> set[str]:
    """The uuids of the stored members whose remove box is ticked."""
    stored = {person.uuid for person in household.members}
    return {
        value
        for key, value in formdata.items()
        if key.startswith("members-")
        and key.endswith("-uuid")
        and value in stored
        and formdata.get(key[: -len("uuid")] + REMOVE_KEY)
    }


def household_form_data(household, masked: bool = False) -> dict:
    """A stored household as the form's initial data; `masked` leaves the
    members' numbers out (the masked edit page shows them masked beside empty
    inputs, see `keep_stored_numbers`)."""
    location = household.location or {}
    left_out = NUMBER_KEYS if masked else ()
    return {
        "uuid": household.uuid,
        "town_code": household.town_code,
        "village": household.village,
        "address": household.address,
        "poverty_status": household.poverty_status,
        "location": location,
        "members": [
            {
                key: "" if key in left_out else getattr(person, key) or ""
                for key in MEMBER_KEYS
            }
            | {"status_on": person.status_on}
            for person in household.members
        ],
    }


# The masked edit page: a member's stored numbers are shown masked and never
# sent in full; an input left empty keeps the stored number, a full number typed
# replaces it, and an optional number is deleted with its "clear" box.
NUMBER_KEYS = ("id_number", "disability_card", "phone")
CLEARABLE_KEYS = ("disability_card", "phone")
MASKS = {"id_number": mask_id, "disability_card": mask_card, "phone": mask_phone}


def clear_key(index: int, key: str) -> str:
    """The form name of a member row's "delete this number" box."""
    return f"members-{index}-clear_{key}"


def masked_numbers(household) -> dict[str, dict[str, str]]:
    """member uuid → number field → the stored number masked ('' when none)."""
    return {
        person.uuid: {
            key: MASKS[key](getattr(person, key)) if getattr(person, key) else ""
            for key in NUMBER_KEYS
        }
        for person in household.members
    }


def keep_stored_numbers(formdata, household) -> tuple[MultiDict, set]:
    """Posted data of the masked edit page with each empty number of a stored
    member filled in from storage (unless its clear box is ticked), and the
    (row, field) pairs so filled, which `hide_kept_numbers` blanks again."""
    stored = {person.uuid: person for person in household.members}
    data = MultiDict(formdata)
    kept = set()
    index = 0
    while f"members-{index}-uuid" in data:
        person = stored.get(data.get(f"members-{index}-uuid"))
        for key in NUMBER_KEYS if person is not None else ():
            name = f"members-{index}-{key}"
            value = getattr(person, key)
            if (data.get(name) or "").strip() or not value:
                continue
            if key in CLEARABLE_KEYS and data.get(clear_key(index, key)):
                continue
            data[name] = value
            kept.add((index, key))
        index += 1
    return data, kept


def hide_kept_numbers(form: "HouseholdForm", kept: set) -> None:
    """Blank the numbers `keep_stored_numbers` filled in, so a refused masked
    page shows them masked again, not in full."""
    for index, key in kept:
        if index < len(form.members.entries):
            field = form.members.entries[index].form[key]
            field.data, field.raw_data = "", [""]

"""Resident ID and disability card numbers: parsing, checks and masking."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from stdnum.iso7064 import mod_11_2

from fieldapp.domain.errors import CardNumberError, IdNumberError
from fieldapp.domain.localtime import local_today
from fieldapp.domain.masking import mask_card, mask_id, mask_name, mask_phone

__all__ = [
    "CATEGORIES",
    "LEVELS",
    "WANNING_PREFIX",
    "CardInfo",
    "CardNumberError",
    "IdInfo",
    "IdNumberError",
    "age_on",
    "mask_card",
    "mask_id",
    "mask_name",
    "mask_phone",
    "normalise_number",
    "parse_card_number",
    "parse_id_number",
]

CATEGORIES: dict[int, tuple[str, str]] = {
    1: ("视力残疾", "visual"),
    2: ("听力残疾", "hearing"),
    3: ("言语残疾", "speech"),
    4: ("肢体残疾", "physical"),
    5: ("智力残疾", "intellectual"),
    6: ("精神残疾", "mental"),
    7: ("多重残疾", "multiple"),
}
LEVELS: dict[int, tuple[str, str]] = {
    1: ("一级", "level 1"),
    2: ("二级", "level 2"),
    3: ("三级", "level 3"),
    4: ("四级", "level 4"),
}
WANNING_PREFIX = "469006"
MAX_PLAUSIBLE_AGE = 110
# ASCII digits only: NFKC has already turned full-width digits into ASCII ones.
_ID_FORMAT = re.compile(r"[0-9]{17}[0-9X]")


@dataclass(frozen=True)
class IdInfo:
    """What a valid ID number tells: birth date, sex, issuing address code."""

    number: str
    birth_date: date
    sex: str  # "M" or "F"
    address_code: str
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class CardInfo:
    """What a valid second-generation disability card number tells."""

    number: str
    id_number: str
    category: int
    level: int


def normalise_number(value: object) -> str:
    """Canonical text of a typed number: NFKC, no whitespace, upper-case X.

    NFKC turns full-width digits and letters from Chinese input methods into ASCII.
    """
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(text.split()).upper()


def age_on(birth: date, on: date) -> int:
    """Full years from `birth` to `on`; a Feb 29 birthday counts on Mar 1 otherwise."""
    before_birthday = (on.month, on.day) < (birth.month, birth.day)
    return on.year - birth.year - int(before_birthday)


def born_by(on: date, years: int) -> date:
    """The last birth day of someone at least `years` old on `on`, the inverse
    of `age_on`: `age_on(birth, on) >= years` exactly when `birth <= born_by(on,
    years)` (a 29 February birthday counts on 1 March otherwise)."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February, and that year has none
        return on.replace(year=on.year - years, day=28)


def _birth_date(number: str, today: date) -> date:
    """The checked birth date in positions 7–14."""
    digits = number[6:14]
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise IdNumberError("date") from None
    if birth > today:
        raise IdNumberError("future")
    if birth.year < 1900:
        raise IdNumberError("too_old")
    return birth


def parse_id_number(value: str, today: date | None = None) -> IdInfo:
    """Validate an 18-character ID number (DOMAIN §6.2) and decode it.

    Checks in order: format, calendar date, not in the future, born 1900 or
    later, ISO 7064 MOD 11-2 check character. Any address code is accepted;
    `stdnum.cn.ric.validate` is deliberately not used (it rejects 469006).
    """
    today = today or local_today()
    number = normalise_number(value)
    if not _ID_FORMAT.fullmatch(number):
        raise IdNumberError("format")
    birth = _birth_date(number, today)
    if not mod_11_2.is_valid(number):
        raise IdNumberError("checksum")
    warnings = []
    if not number.startswith(WANNING_PREFIX):
        warnings.append("non_wanning_code")
    if age_on(birth, today) > MAX_PLAUSIBLE_AGE:
        warnings.append("implausible_age")
    return IdInfo(
        number=number,
        birth_date=birth,
        sex="M" if int(number[16]) % 2 else "F",
        address_code=number[:6],
        warnings=tuple(warnings),
    )


def parse_card_number(
    value: str, id_number: str | None = None, today: date | None = None
) -> CardInfo:
    """Validate a 20-character card number: ID + category 1–7 + level 1–4 (§5.3).

    When `id_number` is given, the card's first 18 characters must match it.
    An invalid ID part raises code `id_invalid` with the ID rule's code as `detail`.
    """
    number = normalise_number(value)
    if len(number) != 20:
        raise CardNumberError("length")
    try:
        info = parse_id_number(number[:18], today=today)
    except IdNumberError as exc:
        raise CardNumberError("id_invalid", detail=exc.code) from exc
    category, level = number[18], number[19]
    if category not in "1234567":
        raise CardNumberError("category")
    if level not in "1234":
        raise CardNumberError("level")
    if id_number is not None and normalise_number(id_number) != info.number:
        raise CardNumberError("id_mismatch")
    return CardInfo(
        number=number,
        id_number=info.number,
        category=int(category),
        level=int(level),
    )

"""Display masking of ID, card, name and phone values, safe on any input (§9.2)."""

import unicodedata

ID_LENGTH = 18
CARD_LENGTH = 20


def _clean(value: object) -> str:
    """Text without whitespace, NFKC-normalised, upper-cased; '' for None."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(text.split()).upper()


def mask_id(value: object) -> str:
    """`469006196005121231` → `469006********1231`.

    Input of 18 characters or more keeps the first 6 and last 4. Shorter input
    (legacy 15-digit numbers, typos) keeps at most the first third, capped at
    6, because its tail may hold birth-date digits.
    """
    text = _clean(value)
    n = len(text)
    if n >= ID_LENGTH:
        return text[:6] + "*" * (n - 10) + text[-4:]
    keep = min(6, n // 3)
    return text[:keep] + "*" * (n - keep)


def mask_card(value: object, show_category: bool = True) -> str:
    """`46900619600512123141` → `469006********123141`.

    The ID part is masked like `mask_id`; the trailing category and level digits
    stay visible only when `show_category` is true (roles that need them).
    Input shorter than a card is masked as an ID number.
    """
    text = _clean(value)
    if len(text) < CARD_LENGTH:
        return mask_id(text)
    tail = text[ID_LENGTH:]
    return mask_id(text[:ID_LENGTH]) + (tail if show_category else "*" * len(tail))


def mask_name(name: object) -> str:
    """`王明` → `王*`, `王小明` → `王*明`, `欧阳小明` → `欧**明`; `王` → `王*`."""
    text = "" if name is None else str(name).strip()
    if not text:
        return ""
    if len(text) <= 2:
        return text[0] + "*"
    return text[0] + "*" * (len(text) - 2) + text[-1]


def mask_phone(phone: object) -> str:
    """`13800001234` → `138****1234`; other numbers keep the first 3 and last 2.

    Spaces and hyphens are ignored. Numbers shorter than 8 characters are fully
    starred, so that at least 3 characters are always hidden.
    """
    text = _clean(phone).replace("-", "")
    n = len(text)
    if n == 11:
        return text[:3] + "****" + text[-4:]
    if n >= 8:
        return text[:3] + "*" * (n - 5) + text[-2:]
    return "*" * n

"""Display masking never reveals the birth date and never crashes (DOMAIN §9.2)."""

import pytest

from fieldapp.domain.ids import mask_card, mask_id, mask_name, mask_phone


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("469006196005121231", "469006********1231"),
        ("46900619600512124x", "469006********124X"),
        (" 469006 196005121231 ", "469006********1231"),
        ("46900619600512123141", "469006**********3141"),  # a card passed as an ID
        ("469006196005121", "46900**********"),  # legacy 15: first third only
        ("12345", "1****"),
        ("12", "**"),
        ("", ""),
        ("   ", ""),
        (None, ""),
    ],
)
def test_id_numbers_are_masked(value, masked):
    assert mask_id(value) == masked


@pytest.mark.parametrize(
    "value",
    ["469006196005121231", "469006196005121", "4690061960051212", "46900619600512123"],
)
def test_masked_id_hides_every_birth_date_digit(value):
    masked = mask_id(value)
    assert len(masked) == len(value)
    assert set(masked[6:14]) <= {"*"}


@pytest.mark.parametrize(
    ("value", "show_category", "masked"),
    [
        ("46900619600512123141", True, "469006********123141"),
        ("46900619600512124x52", True, "469006********124X52"),
        ("46900619600512123141", False, "469006********1231**"),
        ("130182198609215753120", True, "130182********5753120"),  # 21-digit variant
        ("4690061960051212314", True, "469006*********2314"),  # 19: masked as an ID
        ("", True, ""),
        (None, True, ""),
    ],
)
def test_card_numbers_are_masked(value, show_category, masked):
    assert mask_card(value, show_category=show_category) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("王明", "王*"),
        ("王小明", "王*明"),
        ("欧阳小明", "欧**明"),
        (" 王小明 ", "王*明"),
        ("王", "王*"),
        ("", ""),
        ("  ", ""),
        (None, ""),
    ],
)
def test_names_keep_surname_and_last_character(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13800001234", "138****1234"),
        ("138 0000 1234", "138****1234"),
        ("0898-62212345", "089*******45"),
        ("+8613800001234", "+86*********34"),
        ("62212345", "622***45"),
        ("6221234", "*******"),
        ("", ""),
        (None, ""),
    ],
)
def test_phones_are_masked(phone, masked):
    assert mask_phone(phone) == masked

"""Resident ID and disability card numbers: DOMAIN §5.3 and §6.2 vectors plus edges."""

from datetime import date

import pytest

from fieldapp.domain.ids import (
    CATEGORIES,
    LEVELS,
    CardNumberError,
    IdNumberError,
    age_on,
    parse_card_number,
    parse_id_number,
)

TODAY = date(2026, 3, 5)


@pytest.mark.parametrize(
    ("value", "number", "birth", "sex", "warnings"),
    [
        (
            "11010519491231002X",
            "11010519491231002X",
            date(1949, 12, 31),
            "F",
            ("non_wanning_code",),
        ),
        ("469006196005121231", "469006196005121231", date(1960, 5, 12), "M", ()),
        ("46900619600512124X", "46900619600512124X", date(1960, 5, 12), "F", ()),
        ("46900619600512124x", "46900619600512124X", date(1960, 5, 12), "F", ()),
        ("46900619720315002X", "46900619720315002X", date(1972, 3, 15), "F", ()),
        ("469006198501010011", "469006198501010011", date(1985, 1, 1), "M", ()),
        ("46900620120229002X", "46900620120229002X", date(2012, 2, 29), "F", ()),
        (
            "469006190001010019",
            "469006190001010019",
            date(1900, 1, 1),
            "M",
            ("implausible_age",),
        ),
        # Whitespace anywhere and full-width input-method characters are normalised.
        ("  469006 19600512 1231\n", "469006196005121231", date(1960, 5, 12), "M", ()),
        (
            "４６９００６１９６００５１２１２４ｘ",
            "46900619600512124X",
            date(1960, 5, 12),
            "F",
            (),
        ),
    ],
)
def test_valid_id_numbers_are_decoded(value, number, birth, sex, warnings):
    info = parse_id_number(value, today=TODAY)
    assert (info.number, info.birth_date, info.sex) == (number, birth, sex)
    assert info.address_code == number[:6]
    assert info.warnings == warnings


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("469006196005121230", "checksum"),  # check char should be 1
        ("110105194912310021", "checksum"),  # should be X
        ("469006196002301237", "date"),  # Feb 30, check char right
        ("46900619600512123", "format"),  # 17 chars
        ("469006209901010011", "future"),  # check-valid, born 2099
        ("440524188001010014", "too_old"),  # check-valid textbook example, 1880
        ("469006189912310011", "too_old"),
        ("469006202603060014", "future"),  # tomorrow
        ("469006201902290016", "date"),  # Feb 29 of a common year
        ("469006196013121231", "date"),  # month 13
        ("469006196005001231", "date"),  # day 0
        ("469006196005121", "format"),  # 15-digit legacy number
        ("4690061960051212310", "format"),  # 19 chars
        ("469006196005121231X", "format"),
        ("46900619600512123A", "format"),
        ("4690061960O5121231", "format"),  # letter O for zero
        ("X69006196005121231", "format"),
        ("", "format"),
        ("   ", "format"),
        (None, "format"),
    ],
)
def test_invalid_id_numbers_are_rejected_with_their_code(value, code):
    with pytest.raises(IdNumberError) as caught:
        parse_id_number(value, today=TODAY)
    assert caught.value.code == code


def test_born_today_is_accepted():
    info = parse_id_number("469006202603050013", today=TODAY)
    assert info.birth_date == TODAY


def test_checksum_is_checked_after_the_date_rules():
    # 2099 with a wrong check character: the date rule speaks first.
    with pytest.raises(IdNumberError) as caught:
        parse_id_number("469006209901010012", today=TODAY)
    assert caught.value.code == "future"


@pytest.mark.parametrize(
    ("today", "warnings"),
    [
        (date(2010, 1, 1), ()),  # exactly 110
        (date(2010, 12, 31), ()),
        (date(2011, 1, 1), ("implausible_age",)),  # 111
    ],
)
def test_age_over_110_is_only_a_warning(today, warnings):
    info = parse_id_number("469006190001010019", today=today)
    assert info.warnings == warnings


def test_non_wanning_address_code_is_accepted_with_a_warning():
    # 460006 is an older Hainan numbering that Wanning residents may carry.
    info = parse_id_number("460006196005121233", today=TODAY)
    assert info.address_code == "460006"
    assert info.warnings == ("non_wanning_code",)


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(1960, 5, 12), date(2026, 5, 11), 65),
        (date(1960, 5, 12), date(2026, 5, 12), 66),
        (date(2012, 2, 29), date(2013, 2, 28), 0),  # common year: not yet
        (date(2012, 2, 29), date(2013, 3, 1), 1),
        (date(2012, 2, 29), date(2016, 2, 28), 3),
        (date(2012, 2, 29), date(2016, 2, 29), 4),  # leap year: on the day
        (date(2000, 12, 31), date(2001, 1, 1), 0),
        (date(2000, 1, 1), date(2000, 1, 1), 0),
    ],
)
def test_age_counts_full_years(birth, on, age):
    assert age_on(birth, on) == age


@pytest.mark.parametrize(
    ("value", "category", "level"),
    [
        ("46900619600512123141", 4, 1),
        ("46900619600512124X52", 5, 2),
        ("46900619600512124x52", 5, 2),
        (" 469006196005121231 12 ", 1, 2),
        ("46900619600512123173", 7, 3),
        ("46900619600512123164", 6, 4),
    ],
)
def test_valid_card_numbers_give_category_and_level(value, category, level):
    card = parse_card_number(value, today=TODAY)
    assert (card.category, card.level) == (category, level)
    assert card.number == card.id_number + f"{category}{level}"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("46900619600512123181", "category"),  # category 8
        ("46900619600512123105", "category"),  # category 0
        ("4690061960051212314", "length"),  # 19
        ("130182198609215753120", "length"),  # 21-digit fixture variant
        ("46900619600512123041", "id_invalid"),  # ID check digit
        ("4690061960051212314A", "level"),
        ("46900619600512123140", "level"),
        ("46900619600512123145", "level"),
        ("469006196005121231X1", "category"),
        ("", "length"),
        (None, "length"),
    ],
)
def test_invalid_card_numbers_are_rejected_with_their_code(value, code):
    with pytest.raises(CardNumberError) as caught:
        parse_card_number(value, today=TODAY)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("value", "detail"),
    [
        ("46900619600512123041", "checksum"),
        ("46900620990101001141", "future"),
        ("46900619600230123741", "date"),
    ],
)
def test_card_with_bad_id_part_keeps_the_inner_code_as_detail(value, detail):
    with pytest.raises(CardNumberError) as caught:
        parse_card_number(value, today=TODAY)
    assert (caught.value.code, caught.value.detail) == ("id_invalid", detail)


@pytest.mark.parametrize(
    ("id_number", "ok"),
    [
        ("469006196005121231", True),
        (" 469006196005121231 ", True),
        ("46900619600512124X", False),
        ("46900619600512124x", False),
    ],
)
def test_card_must_match_the_given_id_number(id_number, ok):
    card = "46900619600512123141"
    if ok:
        assert parse_card_number(card, id_number=id_number, today=TODAY).level == 1
    else:
        with pytest.raises(CardNumberError) as caught:
            parse_card_number(card, id_number=id_number, today=TODAY)
        assert caught.value.code == "id_mismatch"


def test_card_match_ignores_case_of_x():
    card = parse_card_number(
        "46900619600512124X52", id_number="46900619600512124x", today=TODAY
    )
    assert card.id_number == "46900619600512124X"


def test_category_and_level_tables_follow_the_standard():
    # Some aggregator sites swap 1 and 2 (DOMAIN §5.1); the card scheme does not.
    assert CATEGORIES[1][1] == "visual" and CATEGORIES[2][1] == "hearing"
    assert sorted(CATEGORIES) == list(range(1, 8))
    assert sorted(LEVELS) == [1, 2, 3, 4]

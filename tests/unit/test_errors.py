"""Domain errors carry declared machine codes, never UI text."""

import pytest

from fieldapp.domain.errors import (
    AccessibilityError,
    CardNumberError,
    DeviceError,
    DomainError,
    HousingError,
    IdNumberError,
    RespiteError,
)

ERROR_CLASSES = [
    IdNumberError,
    CardNumberError,
    HousingError,
    AccessibilityError,
    DeviceError,
    RespiteError,
]


@pytest.mark.parametrize("cls", ERROR_CLASSES)
def test_every_declared_code_can_be_raised_and_caught_as_value_error(cls):
    for code in cls.CODES:
        with pytest.raises(ValueError) as caught:
            raise cls(code, field="f", detail="d")
        error = caught.value
        assert isinstance(error, DomainError)
        assert (error.code, error.field, error.detail) == (code, "f", "d")
        assert str(error) == code


@pytest.mark.parametrize("cls", ERROR_CLASSES)
def test_an_undeclared_code_fails_loudly(cls):
    with pytest.raises(ValueError, match="has no code"):
        cls("no_such_code")


def test_repr_shows_code_field_and_detail():
    error = CardNumberError("id_invalid", detail="checksum")
    assert repr(error) == "CardNumberError('id_invalid', field=None, detail='checksum')"

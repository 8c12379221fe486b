"""`born_by` is the inverse of `age_on`, 29 February included."""

from datetime import date, timedelta

import pytest

from fieldapp.domain.ids import age_on, born_by


@pytest.mark.parametrize("on", [date(2027, 2, 28), date(2028, 2, 29), date(2026, 3, 1)])
@pytest.mark.parametrize("years", [16, 59, 60])
def test_born_by_is_the_last_birth_day_of_that_age(on, years):
    last = born_by(on, years)
    assert age_on(last, on) >= years
    assert age_on(last + timedelta(days=1), on) < years
    for birth in (date(2008, 2, 29), date(1968, 2, 29), date(1967, 3, 1)):
        assert (age_on(birth, on) >= years) == (birth <= last)

"""Days as the rules read them: a date, or the `YYYY-MM-DD` text JSON carries."""

import re
from datetime import date, datetime

from fieldapp.domain.errors import DomainError

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The days a survey time or an office page may name: nothing was surveyed
# before 2000 (the plan began in 2016), and the pages' day arithmetic (the
# next midnight, a year of month ends, UTC) must stay within Python's dates.
EARLIEST_YEAR = 2000
FIRST_DAY = date(EARLIEST_YEAR, 1, 1)
LAST_DAY = date(2099, 12, 31)


def parse_day(
    value: object, field: str, error: type[DomainError] = DomainError
) -> date | None:
    """The day `value` names; None when empty. Anything else (another format,
    a day that does not exist, a number) raises `error("date", field=field)`,
    the rule's own error class, so the 422 names the field."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise error("date", field=field)

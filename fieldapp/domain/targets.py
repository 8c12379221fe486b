"""The action plan's targets: where a measure should stand on a day, and a flag.

DOMAIN §8: show each value against a linear trajectory from the plan's start to
its deadline, with a red / amber / green flag.
"""

import calendar
from dataclasses import dataclass
from datetime import date

# At or above the expected value: green; at or above this share of it: amber.
AMBER_SHARE = 0.8


@dataclass(frozen=True)
class Target:
    """A target value due by a deadline, counted from the plan's start."""

    value: float
    start: date
    deadline: date

    def expected_on(self, day: date) -> float:
        """The value a straight line from 0 at the start to the target gives."""
        if day >= self.deadline:
            return self.value
        if day <= self.start:
            return 0.0
        elapsed = (day - self.start).days
        return self.value * elapsed / (self.deadline - self.start).days


def flag(value: float | None, expected: float) -> str:
    """`green`, `amber` or `red` for a value against the expected one.

    Nothing expected yet is green; no value at all (coverage with nobody
    eligible) is `none`.
    """
    if value is None:
        return "none"
    if expected <= 0 or value >= expected:
        return "green"
    return "amber" if value >= AMBER_SHARE * expected else "red"


def share(value: float | None, of: float | None) -> float | None:
    """value / of, or None when there is nothing to divide by."""
    if value is None or not of:
        return None
    return value / of


def month_ends(day: date, count: int = 12) -> list[date]:
    """The last day of each of the `count - 1` months before `day`'s month,
    then `day` itself: the points of a monthly trend ending today."""
    points = [day]
    year, month = day.year, day.month
    for _ in range(count - 1):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        points.append(date(year, month, calendar.monthrange(year, month)[1]))
    return points[::-1]

"""What a kind's rule may know besides the survey body: household, person, settings."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from fieldapp.domain.housing import HousingRules
from fieldapp.domain.ids import age_on
from fieldapp.domain.respite import EligibilityRule


def no_renovation() -> dict | None:
    """The default look-up: no renovation known (rules and tests without a database)."""
    return None


def no_inspection(uuid: str | None) -> dict | None:
    """The default look-up: no inspection known (rules and tests without a database)."""
    return None


def no_assessment(uuid: str) -> dict | None:
    """The default look-up: no respite assessment known (rules without a database)."""
    return None


@dataclass(frozen=True)
class SurveyContext:
    """The household and person a survey is about, and the configured rules."""

    household_size: int
    poverty_status: str
    captured_on: date
    category: int | None = None
    level: int | None = None
    birth_date: date | None = None
    accessibility_cap: float = 6000.0
    housing_rules: HousingRules = field(default_factory=HousingRules)
    eligibility_rule: EligibilityRule = field(default_factory=EligibilityRule)
    # Finds the household's C/D inspection, which barrier-free works join (DOMAIN
    # §1.7); a query, so it runs only for the rules that ask (`renovation`).
    find_renovation: Callable[[], dict | None] = no_renovation
    # Finds a housing inspection of this household by uuid (a renovation's link):
    # {"uuid", "grade", "renovation_mode"} or None.
    find_inspection: Callable[[str | None], dict | None] = no_inspection
    # Today in China time (the app's clock): what "active" and "overdue" mean.
    today: date | None = None
    # Finds one of the person's respite assessments by uuid (respite services).
    find_assessment: Callable[[str], dict | None] = no_assessment

    @cached_property
    def renovation(self) -> dict | None:
        """The household's latest C/D inspection, looked up on first use."""
        return self.find_renovation()

    @property
    def as_of(self) -> date:
        """The day day-dependent values are computed for: today, else the survey's."""
        return self.today or self.captured_on

    @property
    def age(self) -> int | None:
        """The person's age on the day of the survey."""
        return age_on(self.birth_date, self.captured_on) if self.birth_date else None

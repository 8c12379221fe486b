"""Policy figures read from configuration: caps, subsidy floors, eligibility ages.

They are local policy choices (DOMAIN §1.7, §2.3, §4.2), not constants: each
deployment sets them in the environment, and the server's rules and the phone's
preview both use them.
"""

from collections.abc import Mapping

from fieldapp.domain.housing import HousingRules
from fieldapp.domain.respite import EligibilityRule


def area_range(text: str) -> tuple[float, float]:
    """`"20-30"` as (20.0, 30.0)."""
    low, high = text.split("-")
    return (float(low), float(high))


def area_caps(text: str | None, default: dict) -> dict[int, tuple[float, float]]:
    """`"1:20-30,2:30-40"` as {1: (20.0, 30.0), 2: (30.0, 40.0)}; default if unset."""
    if not text:
        return default
    caps = {}
    for part in text.split(","):
        size, areas = part.split(":")
        caps[int(size)] = area_range(areas.strip())
    return caps


def housing_rules(config: Mapping) -> HousingRules:
    """Subsidy floors by grade and new-build area caps by household size (Hainan
    2018 defaults) from the configuration."""
    defaults = HousingRules()
    per_person = config.get("HOUSING_AREA_PER_PERSON")
    return HousingRules(
        subsidy_floor={
            "C": config.get("HOUSING_SUBSIDY_FLOOR_C", defaults.subsidy_floor["C"]),
            "D": config.get("HOUSING_SUBSIDY_FLOOR_D", defaults.subsidy_floor["D"]),
        },
        area_caps=area_caps(config.get("HOUSING_AREA_CAPS"), defaults.area_caps),
        per_person_area=(
            area_range(per_person) if per_person else defaults.per_person_area
        ),
    )


def eligibility_rule(config: Mapping) -> EligibilityRule:
    """托养 eligibility ages and whether a household that has left poverty still
    counts (脱贫不脱政策) from the configuration; max age 0 means no upper limit."""
    defaults = EligibilityRule()
    max_age = config.get("RESPITE_MAX_AGE", defaults.max_age)
    return EligibilityRule(
        min_age=config.get("RESPITE_MIN_AGE", defaults.min_age),
        max_age=None if max_age in (0, None) else max_age,
        categories=defaults.categories,
        poverty_statuses=defaults.poverty_statuses,
        exited_eligible=bool(
            config.get("RESPITE_EXITED_ELIGIBLE", defaults.exited_eligible)
        ),
    )

"""Rules and labels the survey pages give their live preview, from the server's
own configuration, so the phone shows the numbers the server will compute."""

from dataclasses import asdict

from flask import current_app

from fieldapp.domain.accessibility import load_items
from fieldapp.domain.barthel import BARTHEL_ITEMS
from fieldapp.domain.devices import DEFAULT_SERVICE_LIFE_YEARS, load_devices
from fieldapp.domain.jgj125 import FOUNDATION_WEIGHT, MEMBER_WEIGHTS
from fieldapp.domain.labels import VOCABULARIES
from fieldapp.services.rules import eligibility_rule, housing_rules


def vocabularies(lang: str) -> dict[str, dict[str, str]]:
    """Every vocabulary as {key: label} in one language."""
    index = 1 if lang.startswith("en") else 0
    return {
        name: {k: v[index] for k, v in labels.items()}
        for name, labels in VOCABULARIES.items()
    }


def client_config(lang: str) -> dict:
    """Everything the preview needs: rule parameters, catalogues, labels."""
    rule = eligibility_rule(current_app.config)
    housing = housing_rules(current_app.config)
    return {
        "labels": vocabularies(lang),
        "barthel": {k: list(v) for k, v in BARTHEL_ITEMS.items()},
        "eligibility": {
            "min_age": rule.min_age,
            "max_age": rule.max_age,
            "categories": {str(k): sorted(v) for k, v in rule.categories.items()},
            "poverty_statuses": sorted(rule.poverty_statuses),
        },
        "housing": {
            "subsidy_floor": housing.subsidy_floor,
            "area_caps": {str(k): list(v) for k, v in housing.area_caps.items()},
            "per_person_area": list(housing.per_person_area),
            "member_weights": MEMBER_WEIGHTS,
            "foundation_weight": FOUNDATION_WEIGHT,
        },
        "accessibility": {
            "cap": current_app.config["ACCESSIBILITY_CAP_YUAN"],
            "items": {code: asdict(item) for code, item in load_items().items()},
        },
        "devices": {
            "default_service_life": DEFAULT_SERVICE_LIFE_YEARS,
            "items": {code: asdict(d) for code, d in load_devices().items()},
        },
        "gps": {
            "inaccurate_m": current_app.config["GPS_INACCURATE_M"],
            "far_m": current_app.config["GPS_FAR_M"],
        },
    }

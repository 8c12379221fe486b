"""Test data builders: valid ID numbers, household payloads, users."""

import uuid
from datetime import date

from stdnum.iso7064 import mod_11_2

_counter = iter(range(1, 10**6))


def make_id(
    birth: date = date(1960, 5, 12), seq: int | None = None, prefix="469006"
) -> str:
    """A valid ID number; each call gives a new sequence number unless told."""
    seq = next(_counter) % 1000 if seq is None else seq
    body = f"{prefix}{birth:%Y%m%d}{seq:03d}"
    return body + mod_11_2.calc_check_digit(body)


def new_uuid() -> str:
    """A fresh UUID v4 as text."""
    return str(uuid.uuid4())


def member_payload(**overrides) -> dict:
    """One valid member (head of household, physical disability level 1)."""
    idn = overrides.pop("id_number") if "id_number" in overrides else make_id()
    body = {
        "uuid": new_uuid(),
        "name": "王大明",
        "relation": "head",
        "id_number": idn,
        "disability_card": (idn or "") + "41",
        "phone": "13800000000",
    }
    body.update(overrides)
    return body


# Of an age 托养 covers (16–59) in the tests' years.
ELIGIBLE_BIRTH = date(1985, 5, 12)


def eligible_member(**overrides) -> dict:
    """A member the 托养 rule covers from the register alone: 41 in 2026, with a
    severe physical disability card (category 4, level 1)."""
    idn = make_id(ELIGIBLE_BIRTH)
    return member_payload(id_number=idn, disability_card=idn + "41", **overrides)


def household_payload(town_code: str = "469006100", members=None, **overrides) -> dict:
    """A valid household payload as the contract describes it."""
    body = {
        "uuid": new_uuid(),
        "town_code": town_code,
        "village": "东岭村",
        "address": "万城镇东岭村12号",
        "poverty_status": "registered_poor",
        "location": {"lat": 18.80, "lon": 110.39, "accuracy_m": 12.0},
        "members": members if members is not None else [member_payload()],
    }
    body.update(overrides)
    return body


def count(model, **filters) -> int:
    """Rows of a model matching equality filters."""
    from sqlalchemy import func, select

    from fieldapp.extensions import db

    stmt = select(func.count()).select_from(model).filter_by(**filters)
    return db.session.scalar(stmt)


def only(model, **filters):
    """The single row of a model matching the filters."""
    from sqlalchemy import select

    from fieldapp.extensions import db

    return db.session.scalars(select(model).filter_by(**filters)).one()


SAMPLE_DATA = {
    "housing_inspection": {
        "method": "rural_2019",
        "structure_type": "brick_wood",
        "floors": 1,
        "built_year": 1995,
        "site_dangerous": False,
        "components": {"foundation": "a", "walls": "b", "frame": "a", "roof": "c"},
    },
    "accessibility_assessment": {
        "items": [
            {"code": "ENT-RAMP", "quantity": 1, "unit_cost": 1500.0},
            {"code": "RAIL", "quantity": 3, "unit_cost": 200.0},
        ],
        "ramp": {"rise_m": 0.45, "run_m": 6.0},
        "stage": "need_reported",
    },
    "device_fitting": {
        "device_code": "12 22 03",
        "device_name": "普通轮椅",
        "stage": "fitted",
        "assessed_on": "2026-03-01",
        "fitted_on": "2026-03-05",
        "service_life_years": 3,
        "serial": "WC-0001",
        "trained": True,
    },
    "respite_assessment": {
        "barthel": {
            "feeding": 5,
            "bathing": 0,
            "grooming": 0,
            "dressing": 5,
            "bowels": 10,
            "bladder": 5,
            "toilet": 5,
            "transfer": 10,
            "mobility": 10,
            "stairs": 5,
        },
        "mode_requested": "home",
        "caregiver": "王小红",
        "psychiatric_stable": True,
    },
}
PERSON_KINDS = {"device_fitting", "respite_assessment"}
# The role expected to write each kind (the rule, stated independently).
WRITER = {
    "housing_inspection": "inspector",
    "accessibility_assessment": "inspector",
    "device_fitting": "rehab_worker",
    "respite_assessment": "rehab_worker",
}


def record_payload(kind: str, household, person=None, **overrides) -> dict:
    """A valid record body of a kind for a household (and its first member)."""
    import copy

    body = {
        "uuid": new_uuid(),
        "kind": kind,
        "household_uuid": household.uuid,
        "captured_at": "2026-03-05T09:12:00+08:00",
        "location": {"lat": household.lat, "lon": household.lon, "accuracy_m": 8.5},
        "data": copy.deepcopy(SAMPLE_DATA[kind]),
    }
    if kind in PERSON_KINDS:
        body["person_uuid"] = (person or household.members[0]).uuid
    body.update(overrides)
    return body

"""Demo survey records of every kind, with a drawn photo on each inspection and
renovations of some C/D houses at each stage (so the dashboard shows progress)."""

import io
import random
import uuid
from datetime import UTC, datetime, timedelta

from PIL import Image, ImageDraw
from sqlalchemy import select

from fieldapp.extensions import db
from fieldapp.models import Household, User
from fieldapp.registry import KINDS
from fieldapp.services.errors import Invalid
from fieldapp.services.photos import attach_photo
from fieldapp.services.records import submit

AUTHORS = {
    "housing_inspection": "inspector",
    "housing_renovation": "inspector",
    "accessibility_assessment": "inspector",
    "device_fitting": "rehab",
    "respite_assessment": "rehab",
    "respite_service": "rehab",
}
PROVIDERS = ("万宁市托养中心", "万城镇日间照料中心", "家庭照料(居家托养补贴)")


def demo_photo(rng: random.Random) -> bytes:
    """A small drawn picture of a house, so case files show a real image."""
    image = Image.new("RGB", (800, 600), (150 + rng.randrange(60), 190, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 420, 800, 600), fill=(110, 150, 90))
    draw.rectangle(
        (220, 260, 580, 470), fill=(200, 170, 140), outline=(90, 60, 40), width=4
    )
    draw.polygon([(190, 270), (400, 120), (610, 270)], fill=(150, 70, 50))
    draw.rectangle((370, 360, 430, 470), fill=(90, 60, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def sample_data(kind: str, rng: random.Random) -> dict:
    """Plausible survey content of a kind."""
    if kind == "housing_inspection":
        grades = rng.choice(["aaaa", "abab", "abca", "bcbc", "acdb", "bbcd"])
        return {
            "method": "rural_2019",
            "structure_type": rng.choice(
                ["brick_wood", "earth_wood", "brick_concrete"]
            ),
            "floors": 1,
            "built_year": rng.randrange(1975, 2010),
            "site_dangerous": False,
            "components": dict(
                zip(("foundation", "walls", "roof", "enclosure"), grades, strict=True)
            ),
            "defects": {"walls": "墙体有裂缝"}
            if "c" in grades or "d" in grades
            else {},
        }
    if kind == "accessibility_assessment":
        return {
            "items": [
                {"code": "RAIL", "quantity": rng.randrange(1, 4)},
                {
                    "code": rng.choice(["ENT-RAMP", "WC-SEAT", "DOOR-WIDEN"]),
                    "quantity": 1,
                },
            ],
            "ramp": {"rise_m": 0.3, "run_m": 3.6, "standard": "gb55019_2021"},
            "stage": "need_reported",
        }
    if kind == "device_fitting":
        return {
            "device_code": rng.choice(["12 22 03", "12 03 03", "12 06 03"]),
            "stage": "fitted",
            "assessed_on": "2026-09-01",
            "fitted_on": "2026-09-15",
            "trained": True,
        }
    scores = {
        "feeding": 5,
        "bathing": 0,
        "grooming": 5,
        "dressing": 5,
        "bowels": 10,
        "bladder": 10,
        "toilet": 5,
        "transfer": rng.choice([5, 10]),
        "mobility": rng.choice([5, 10]),
        "stairs": 0,
    }
    return {
        "barthel": scores,
        "mode_requested": rng.choice(["home", "day"]),
        "caregiver": "家属",
    }


# The renovation stages demo C/D houses reach in turn, with their facts.
RENOVATION_STEPS = (
    ("planned", {}),
    ("in_works", {"started_on": "2026-05-06"}),
    ("completed", {"started_on": "2026-04-01", "completed_on": "2026-07-20"}),
    (
        "accepted",
        {
            "started_on": "2026-03-10",
            "completed_on": "2026-06-18",
            "accepted_on": "2026-06-30",
            "accepted_by": "符验收",
        },
    ),
    (
        "paid",
        {
            "started_on": "2026-02-16",
            "completed_on": "2026-05-28",
            "accepted_on": "2026-06-09",
            "accepted_by": "符验收",
            "subsidy_paid": 35000.0,
        },
    ),
)


def renovation_data(inspection, step: int) -> dict:
    """A renovation of a C/D house at the step-th demo stage, with its money."""
    stage, facts = RENOVATION_STEPS[step % len(RENOVATION_STEPS)]
    mode = inspection.computed.get("renovation_mode") or "repair"
    floor = 35000.0 if inspection.grade == "D" else 8000.0
    data = {"inspection_uuid": inspection.uuid, "mode": mode, "stage": stage, **facts}
    if "subsidy_paid" in data:
        data["subsidy_paid"] = floor
    if stage != "planned":
        data["funding"] = [
            {"source": "central", "amount": floor * 0.6},
            {"source": "county", "amount": floor * 0.4},
        ]
    return data


def add_record(
    kind: str,
    household: Household,
    rng: random.Random,
    when: datetime,
    data: dict | None = None,
):
    """Validate and submit one demo record through the same pipeline as the API;
    the stored record, or None when the demo data does not pass."""
    author = db.session.scalar(select(User).where(User.username == AUTHORS[kind]))
    if household.town_code not in author.town_codes:
        author = db.session.scalar(select(User).where(User.username == "admin"))
    person = next(
        (p for p in household.members if p.disability_category), household.members[0]
    )
    body = {
        "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "kind": kind,
        "household_uuid": household.uuid,
        "captured_at": when.isoformat(),
        "location": {
            "lat": household.lat + rng.uniform(-2e-4, 2e-4),
            "lon": household.lon + rng.uniform(-2e-4, 2e-4),
            "accuracy_m": round(rng.uniform(4, 30), 1),
        },
        "data": data if data is not None else sample_data(kind, rng),
    }
    if KINDS[kind].person_required:
        body["person_uuid"] = person.uuid
    try:
        record, _created = submit(body, author)
    except Invalid:
        return None
    if kind == "housing_inspection":
        meta = {
            "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "caption": "房屋外观",
            "taken_at": when,
            "lat": record.lat,
            "lon": record.lon,
            "accuracy_m": record.accuracy_m,
        }
        attach_photo(record, demo_photo(rng), meta, author)
    return record


def eligible(assessment) -> bool:
    """The assessment was stored and found the person eligible."""
    return bool(assessment and (assessment.computed or {}).get("eligible"))


def add_service(assessment, household: Household, index: int, when) -> bool:
    """Respite care for the `index`-th eligible person on their assessment,
    except every fourth (left for the quality list), every third one ended;
    its own random numbers, so the other demo data stays as it was."""
    if index % 4 == 3:
        return False
    rng = random.Random(f"respite-service-{index}")
    mode = rng.choice(["home", "day", "residential"])
    data = {
        "assessment_uuid": assessment.uuid,
        "mode": mode,
        "provider": PROVIDERS[("residential", "day", "home").index(mode)],
        "started_on": (when + timedelta(days=3)).date().isoformat(),
        "monthly_subsidy": {"home": 300.0, "day": 500.0, "residential": 800.0}[mode],
    }
    if index % 3 == 1:
        data["ended_on"] = (when + timedelta(days=20)).date().isoformat()
    later = when + timedelta(hours=1)
    return add_record("respite_service", household, rng, later, data) is not None


def seed_records(towns: list[str]) -> int:
    """Records for the households of the demo workers' towns."""
    rng = random.Random(2018)
    households = db.session.scalars(
        select(Household).where(Household.town_code.in_(towns)).order_by(Household.id)
    ).all()
    added = renovations = served = 0
    start = datetime(2026, 10, 8, 1, 30, tzinfo=UTC)
    for index, household in enumerate(households):
        when = start + timedelta(days=index, hours=rng.randrange(0, 6))
        kinds = ["housing_inspection", "respite_assessment"]
        kinds += ["accessibility_assessment"] if index % 2 == 0 else ["device_fitting"]
        stored = {kind: add_record(kind, household, rng, when) for kind in kinds}
        added += sum(record is not None for record in stored.values())
        inspection = stored["housing_inspection"]
        if inspection is not None and inspection.grade in ("C", "D"):
            data = renovation_data(inspection, renovations)
            later = when + timedelta(hours=2)
            if add_record("housing_renovation", household, rng, later, data):
                added += 1
                renovations += 1
        if eligible(stored["respite_assessment"]):
            added += add_service(stored["respite_assessment"], household, served, when)
            served += 1
    return added

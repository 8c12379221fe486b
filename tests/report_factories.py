"""Builders for records, reviews and photos stored directly (tests, benchmarks)."""

import io
import random
from datetime import UTC, date, datetime, timedelta

from PIL import Image

from fieldapp.extensions import db
from fieldapp.models import Household, Photo, Record, Review, User, new_uuid
from fieldapp.registry import KINDS, SurveyContext
from fieldapp.services.photo_store import store_image

HOUSING = {
    "method": "rural_2019",
    "structure_type": "brick_wood",
    "floors": 1,
    "built_year": 1995,
    "site_dangerous": False,
    "components": {"foundation": "a", "walls": "d", "frame": "b", "roof": "c"},
}
JGJ125 = {
    "method": "jgj125_2016",
    "structure_type": "brick_concrete",
    "floors": 1,
    "built_year": 1988,
    "site_dangerous": False,
    "foundation": {"total": 8, "dangerous": 0},
    "storeys": [
        {
            "wall": {"total": 10, "dangerous": 3},
            "roof_truss": {"total": 4, "dangerous": 0},
        }
    ],
}
ACCESSIBILITY = {
    "items": [
        {"code": "ENT-RAMP", "quantity": 1, "unit_cost": 1500.0},
        {"code": "RAIL", "quantity": 3, "unit_cost": 200.0},
    ],
    "ramp": {"rise_m": 0.45, "run_m": 6.0},
    "stage": "need_reported",
}
DEVICE = {
    "device_code": "12 22 03",
    "device_name": "普通轮椅",
    "stage": "followup",
    "assessed_on": "2026-03-01",
    "fitted_on": "2026-03-05",
    "service_life_years": 3,
    "serial": "WC-2026-0042",
    "trained": True,
    "followups": [{"date": "2026-04-06", "outcome": "使用良好"}],
}
RESPITE = {
    "barthel": {
        "feeding": 5,
        "bathing": 0,
        "grooming": 0,
        "dressing": 5,
        "bowels": 10,
        "bladder": 5,
        "toilet": 5,
        "transfer": 10,
        "mobility": 5,
        "stairs": 0,
    },
    "mode_requested": "home",
    "caregiver": "李秀英",
    "psychiatric_stable": True,
}
SAMPLE_DATA = {
    "housing_inspection": HOUSING,
    "accessibility_assessment": ACCESSIBILITY,
    "device_fitting": DEVICE,
    "respite_assessment": RESPITE,
}
PERSON_KINDS = tuple(name for name, kind in KINDS.items() if kind.person_required)
# The day the stored computed values are worked out for (device dates, ages).
TODAY = date(2026, 11, 1)


def compute(kind: str, data: dict, household: Household, person) -> dict:
    """The computed values the record pipeline would store (rules via the registry)."""
    context = SurveyContext(
        household_size=len(household.members),
        poverty_status=household.poverty_status,
        captured_on=TODAY,
        category=person.disability_category if person else None,
        level=person.disability_level if person else None,
        birth_date=person.birth_date if person else None,
    )
    return KINDS[kind].compute(data, context) if kind in KINDS else {}


def make_record(
    household: Household,
    kind: str = "housing_inspection",
    data: dict | None = None,
    *,
    author: User | None = None,
    captured_at: datetime | None = None,
    status: str = "submitted",
    flags: list | None = None,
    computed: dict | None = None,
    location=(18.801, 110.391, 8.5),
    person=None,
) -> Record:
    """Store one record (version 1) with computed values from the domain rules.

    Person-level kinds are about the head unless `person` is given (kinds the
    registry does not know yet need it, and `computed`, given explicitly)."""
    data = SAMPLE_DATA.get(kind, {}) if data is None else data
    if person is None and kind in PERSON_KINDS:
        person = household.head
    if computed is None:
        computed = compute(kind, data, household, person)
    lat, lon, acc = location if location else (None, None, None)
    record = Record(
        uuid=new_uuid(),
        kind=kind,
        household_id=household.id,
        person_id=person.id if person else None,
        author_id=author.id if author else None,
        status=status,
        version=1,
        captured_at=captured_at or datetime(2026, 3, 5, 1, 12, tzinfo=UTC),
        lat=lat,
        lon=lon,
        accuracy_m=acc,
        data=data,
        computed=computed,
        flags=flags or [],
        grade=computed.get("grade"),
        stage=data.get("stage"),
    )
    db.session.add(record)
    db.session.commit()
    return record


def add_review(
    record: Record, reviewer: User, decision="approve", comment=""
) -> Review:
    """A supervisor's decision on the record's current version."""
    review = Review(
        record_id=record.id,
        record_version=record.version,
        reviewer_id=reviewer.id,
        decision=decision,
        comment=comment,
    )
    record.status = "approved" if decision == "approve" else "returned"
    db.session.add(review)
    db.session.commit()
    return review


def jpeg_bytes(width=4000, height=3000, seed=1, quality=85) -> bytes:
    """A phone-sized JPEG with some texture, so it compresses like a photo."""
    rng = random.Random(seed)
    small = Image.new("RGB", (64, 48))
    small.putdata(
        [
            (rng.randrange(256), rng.randrange(256), rng.randrange(256))
            for _ in range(64 * 48)
        ]
    )
    image = small.resize((width, height), Image.Resampling.BICUBIC)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def add_photo(
    record: Record, upload_dir, data: bytes | None = None, caption="正面照片", **kw
) -> Photo:
    """Store a real image in the photo store and attach it to the record."""
    stored = store_image(upload_dir, data or jpeg_bytes(800, 600))
    photo = Photo(
        uuid=new_uuid(),
        record_id=record.id,
        sha256=stored.sha256,
        content_type=stored.content_type,
        size_bytes=stored.size_bytes,
        width=stored.width,
        height=stored.height,
        caption=caption,
        tag=kw.get("tag", ""),
        taken_at=kw.get("taken_at", record.captured_at - timedelta(minutes=3)),
        lat=kw.get("lat", 18.8012),
        lon=kw.get("lon", 110.3915),
        accuracy_m=kw.get("accuracy_m", 6.0),
    )
    db.session.add(photo)
    db.session.commit()
    return photo

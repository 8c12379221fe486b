"""The dashboard of the whole city: 10,000 households and 50,000 records.

    python -m bench.dashboard [--households 10000] [--database-url URL]

Households (two members each) spread over the 12 towns, five records each of
the six kinds the dashboard counts, inserted with bulk INSERTs. Timed side by
side in the same run: the dashboard service, `GET /api/v1/dashboard` through
the test client, and two baselines: a bare `SELECT count(*)` over the same
tables and a bare API call (`GET /api/v1/towns`). Wall times depend on the load
of this shared machine (printed before and after); the CPU time of this process
does not, and on SQLite it is nearly all of the work (on PostgreSQL the server
process does the query work, so only wall times say anything there).
"""

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.common import bench_app

TOWNS = [f"4690061{n:02d}" for n in range(12)]
RUNS = 9
START = datetime(2025, 1, 1, tzinfo=UTC)


def record_rows(hid: int, pids: list[int], rng: random.Random, now) -> list[dict]:
    """Five records of one household: inspection, renovation or accessibility,
    a device fitting, a respite assessment and (when eligible) a service."""
    from fieldapp.models import new_uuid

    def row(kind, data, computed, person=None, grade=None, stage=None):
        captured = START + timedelta(days=rng.randrange(690), hours=rng.randrange(9))
        return {
            "uuid": new_uuid(),
            "kind": kind,
            "household_id": hid,
            "person_id": person,
            "status": rng.choice(("submitted", "approved", "approved", "returned")),
            "version": 1,
            "captured_at": captured,
            "lat": 18.8 + rng.random() / 10,
            "lon": 110.3 + rng.random() / 10,
            "accuracy_m": rng.choice((8.0, 12.0, 80.0)),
            "data": data,
            "computed": computed,
            "flags": rng.choice(([], [], ["gps_inaccurate"])),
            "grade": grade,
            "stage": stage,
            "create_digest": "",
            "created_at": now,
            "updated_at": now,
        }

    grade = rng.choice("ABCD")
    fitted = date(2024, 1, 1) + timedelta(days=rng.randrange(900))
    eligible = rng.random() < 0.6
    stage = rng.choice(("planned", "in_works", "completed", "accepted", "paid"))
    rows = [
        row("housing_inspection", {}, {"grade": grade}, grade=grade),
        row(
            "device_fitting",
            {"stage": "followup", "fitted_on": fitted.isoformat()},
            {
                "next_followup_due": (fitted + timedelta(days=90)).isoformat(),
                "replacement_due": (fitted + timedelta(days=1095)).isoformat(),
            },
            person=pids[0],
            stage="followup",
        ),
        row("respite_assessment", {}, {"eligible": eligible}, person=pids[1]),
    ]
    if grade in "CD":
        accepted = "2026-03-01" if stage in ("accepted", "paid") else None
        data = {"stage": stage, "accepted_on": accepted}
        rows.append(row("housing_renovation", data, {}, stage=stage))
    else:
        data = {"stage": "verified"}
        rows.append(
            row(
                "accessibility_assessment",
                data,
                {"estimated_total": 2100.0},
                stage="verified",
            )
        )
    if eligible:
        data = {"started_on": "2025-06-01", "ended_on": None}
        rows.append(row("respite_service", data, {}, person=pids[1]))
    else:
        rows.append(row("housing_inspection", {}, {"grade": "B"}, grade="B"))
    return rows


def born(person: int) -> tuple[date, int]:
    """The birth day and sequence number of the n-th person: unique IDs."""
    return date(1950, 1, 1) + timedelta(days=person // 1000), person % 1000


def fill(households: int) -> int:
    """Insert the households, their members and records; returns the record count."""
    from sqlalchemy import insert, select

    from fieldapp.extensions import db
    from fieldapp.models import Household, Person, Record, new_uuid
    from fieldapp.services.accounts import create_user
    from tests.factories import make_id

    create_user("dash-admin", "bench-pass-1", "admin", [])
    rng = random.Random(12)
    now = datetime.now(UTC) - timedelta(days=400)
    total = 0
    for first in range(0, households, 1000):
        batch = range(first, min(first + 1000, households))
        homes = [
            {
                "uuid": new_uuid(),
                "town_code": TOWNS[n % len(TOWNS)],
                "village": f"{n % 40}村",
                "address": "",
                "poverty_status": "dibao",
                "lat": None if n % 50 == 0 else 18.8,
                "lon": None if n % 50 == 0 else 110.39,
                "version": 1,
                "create_digest": "",
                "created_at": now,
                "updated_at": now,
            }
            for n in batch
        ]
        ids = db.session.scalars(insert(Household).returning(Household.id), homes).all()
        people = [
            {
                "uuid": new_uuid(),
                "household_id": hid,
                "position": k,
                "name": "王大明",
                "relation": "head" if k == 0 else "spouse",
                # A person is registered once: 1,000 sequence numbers a birth day.
                "id_number": make_id(birth, seq),
                "disability_card": None,
                "phone": "",
                "birth_date": birth,
                "sex": "M",
            }
            for i, hid in enumerate(ids)
            for k in (0, 1)
            for birth, seq in [born(2 * (first + i) + k)]
        ]
        db.session.execute(insert(Person), people)
        members: dict[int, list[int]] = {}
        for hid, pid in db.session.execute(
            select(Person.household_id, Person.id)
            .where(Person.household_id.in_(ids))
            .order_by(Person.id)
        ):
            members.setdefault(hid, []).append(pid)
        rows = [r for hid in ids for r in record_rows(hid, members[hid], rng, now)]
        db.session.execute(insert(Record), rows)
        db.session.commit()
        total += len(rows)
    return total


def analyse() -> None:
    """Refresh the planner's statistics after the bulk load, as autovacuum would."""
    from sqlalchemy import text

    from fieldapp.extensions import db

    db.session.execute(text("ANALYZE"))
    db.session.commit()


def main(argv=None) -> None:
    """Fill a database, then time the dashboard against the baselines."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        app = bench_app(Path(workdir), args.database_url)
        with app.app_context():
            started = time.perf_counter()
            records = fill(args.households)
            analyse()
            print(
                f"{app.extensions['sqlalchemy'].engine.dialect.name}: inserted "
                f"{args.households} households, {records} records in "
                f"{time.perf_counter() - started:.0f} s"
            )
            report(app)


def report(app) -> None:
    """Time each call RUNS times after a warm-up; print medians side by side."""
    from sqlalchemy import func, select

    from fieldapp.extensions import db
    from fieldapp.models import Household, Person, Record, User
    from fieldapp.services.accounts import issue_token
    from fieldapp.services.dashboard import dashboard
    from fieldapp.services.readside import make_scope
    from tests.factories import only

    admin = only(User, username="dash-admin")
    token, _ = issue_token(admin)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}

    def bare_count():
        for model in (Household, Person, Record):
            db.session.scalar(select(func.count()).select_from(model))

    def api(path):
        def call():
            response = client.get(path, headers=headers)
            assert response.status_code == 200, response.status_code

        return call

    timed = {
        "bare SELECT count(*) x3": bare_count,
        "dashboard service (no trends)": lambda: dashboard(
            make_scope(admin), with_trends=False
        ),
        "dashboard service": lambda: dashboard(make_scope(admin)),
        "bare API call GET /api/v1/towns": api("/api/v1/towns"),
        "GET /api/v1/dashboard": api("/api/v1/dashboard"),
        "GET /dashboard (the page)": api("/dashboard"),
        "GET /api/v1/households.geojson": api("/api/v1/households.geojson"),
        "GET /api/v1/quality": api("/api/v1/quality"),
    }
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    for name, call in timed.items():
        call()
        wall, cpu = [], []
        for _ in range(RUNS):
            started, used = time.perf_counter(), time.process_time()
            call()
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - used)
        print(
            f"{name:34} wall median {statistics.median(wall) * 1000:7.1f} ms"
            f"  min {min(wall) * 1000:7.1f} ms"
            f"  | this process's CPU median {statistics.median(cpu) * 1000:7.1f} ms"
        )
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

"""The ledger export of 100,000 records: time and peak memory, CSV and XLSX.

    python -m bench.ledger [--records 100000] [--database-url URL]

Rows are inserted with bulk INSERTs (10 % in one town, 90 % in another). Each
export runs in a fresh process; exporting the small town (10 %) and the whole
city (100 %) shows whether memory grows with the row count.
"""

import argparse
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.common import (
    bench_app,
    in_child,
    peak_rss_since_reset_mb,
    reset_peak_rss,
)

TOWNS = ("469006100", "469006101")
PER_HOUSEHOLD = 20


def fill(app, records: int) -> None:
    """Insert households, one member each, and `records` records."""
    from sqlalchemy import insert

    from fieldapp.extensions import db
    from fieldapp.models import Household, Person, Record, new_uuid
    from fieldapp.services.accounts import create_user
    from tests.factories import make_id
    from tests.report_factories import SAMPLE_DATA

    create_user("ledger-admin", "bench-pass-1", "admin", [])
    households = records // PER_HOUSEHOLD
    now = datetime.now(UTC)
    kinds = list(SAMPLE_DATA)
    computed = {
        "housing_inspection": {"grade": "D", "renovation_mode": "rebuild"},
        "accessibility_assessment": {"estimated_total": 2100.0, "over_cap": False},
        "device_fitting": {"next_followup_due": "2026-04-05"},
        "respite_assessment": {"barthel_total": 45, "dependency": "moderate"},
    }
    for first in range(0, households, 1000):
        batch = range(first, min(first + 1000, households))
        rows = [
            {
                "uuid": new_uuid(),
                "town_code": TOWNS[0 if n % 10 == 0 else 1],
                "village": f"{n % 50}村",
                "address": "",
                "poverty_status": "dibao",
                "version": 1,
                "create_digest": "",
                "created_at": now,
                "updated_at": now,
            }
            for n in batch
        ]
        db.session.execute(insert(Household), rows)
        ids = (
            db.session.query(Household.id)
            .order_by(Household.id.desc())
            .limit(len(rows))
            .all()
        )
        people = [
            {
                "uuid": new_uuid(),
                "household_id": hid,
                "position": 0,
                "name": "王大明",
                "relation": "head",
                # One person once (a unique index): a birth date per thousand.
                "id_number": make_id(
                    date(1960, 1, 1) + timedelta(hid // 1000), hid % 1000
                ),
                "phone": "",
                "birth_date": date(1960, 5, 12),
                "sex": "M",
            }
            for (hid,) in ids
        ]
        db.session.execute(insert(Person), people)
        persons = dict(
            db.session.query(Person.household_id, Person.id)
            .filter(Person.household_id.in_([hid for (hid,) in ids]))
            .all()
        )
        records_rows = []
        for (hid,) in ids:
            for k in range(PER_HOUSEHOLD):
                kind = kinds[k % 4]
                records_rows.append(
                    {
                        "uuid": new_uuid(),
                        "kind": kind,
                        "household_id": hid,
                        "person_id": persons[hid] if k % 4 >= 2 else None,
                        "status": "submitted",
                        "version": 1,
                        "captured_at": now - timedelta(days=k),
                        "lat": 18.8,
                        "lon": 110.39,
                        "accuracy_m": 8.0,
                        "data": SAMPLE_DATA[kind],
                        "computed": computed[kind],
                        "flags": ["gps_inaccurate"],
                        "grade": computed[kind].get("grade"),
                        "create_digest": "",
                        "created_at": now,
                        "updated_at": now,
                    }
                )
        db.session.execute(insert(Record), records_rows)
        db.session.commit()


def export(config: dict, fmt: str, town, queue) -> None:
    """Child process: one export to a temporary file; time, rows, peak RSS."""
    from fieldapp import create_app
    from fieldapp.models import User
    from fieldapp.services.ledger import csv_chunks, ledger_rows, write_xlsx
    from tests.factories import only

    app = create_app(config)
    with app.app_context(), tempfile.TemporaryFile() as target:
        user = only(User, username="ledger-admin")
        reset_peak_rss()
        before = peak_rss_since_reset_mb()
        start = time.perf_counter()
        if fmt == "csv":
            for chunk in csv_chunks(ledger_rows(user, town), "zh"):
                target.write(chunk)
            rows = None
        else:
            rows = write_xlsx(ledger_rows(user, town), target, "zh")
        seconds = time.perf_counter() - start
        queue.put(
            {
                "seconds": seconds,
                "rows": rows,
                "bytes": target.tell(),
                "peak_rss_mb": peak_rss_since_reset_mb(),
                "rss_before_mb": before,
            }
        )


def main(argv=None) -> None:
    """Fill a database, then export the small town and the whole city."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        app = bench_app(Path(workdir), args.database_url)
        with app.app_context():
            start = time.perf_counter()
            fill(app, args.records)
            print(
                f"inserted {args.records} records in {time.perf_counter() - start:.0f}s"
            )
        config = {
            k: app.config[k] for k in ("DATABASE_URL", "SECRET_KEY", "UPLOAD_DIR")
        }
        for fmt in ("csv", "xlsx"):
            for town, share in ((TOWNS[0], "10 %"), (None, "100 %")):
                r = in_child(export, config, fmt, town)
                print(
                    f"{fmt:4} {share:>5}: {r['seconds']:.1f} s, "
                    f"{r['bytes'] / 2**20:.1f} MiB, peak RSS {r['peak_rss_mb']:.0f} MB "
                    f"(RSS before export {r['rss_before_mb']:.0f} MB)"
                )


if __name__ == "__main__":
    main()

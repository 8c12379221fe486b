"""Shared set-up for benchmarks: a throw-away app, database and photo store."""

import multiprocessing
import os
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask_migrate import upgrade

from fieldapp import create_app
from fieldapp.extensions import db
from fieldapp.models import Photo, new_uuid
from fieldapp.services.accounts import create_user
from fieldapp.services.households import create_household
from fieldapp.services.photo_store import store_image
from fieldapp.services.reference import sync_towns
from tests.factories import household_payload, member_payload
from tests.report_factories import SAMPLE_DATA, add_review, jpeg_bytes, make_record

TOWN = "469006100"
KINDS = tuple(SAMPLE_DATA)


def empty_database(url: str) -> None:
    """Drop every table of a PostgreSQL database given for the run."""
    from sqlalchemy import create_engine, text

    from fieldapp.config import database_uri

    engine = create_engine(database_uri(url, ""))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def bench_app(workdir: Path, database_url: str | None = None):
    """An app on a fresh SQLite file, or on the given database emptied first (a
    benchmark's database is its own: every run starts from nothing), with towns
    loaded."""
    workdir.mkdir(parents=True, exist_ok=True)
    if database_url:
        empty_database(database_url)
    app = create_app(
        {
            "DATABASE_URL": database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
            "SECRET_KEY": "bench",
            "UPLOAD_DIR": str(workdir / "uploads"),
            "JOB_DIR": str(workdir / "jobs"),
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    with app.app_context():
        upgrade()
        sync_towns()
    return app


def bench_users():
    """A supervisor and an inspector for the town (call inside an app context)."""
    boss = create_user("bench-boss", "bench-pass-1", "supervisor", [TOWN])
    field = create_user("bench-field", "bench-pass-1", "inspector", [TOWN])
    return boss, field


def store_photos(app, count: int = 6, seed: int = 0) -> list:
    """`count` phone-sized JPEGs (4000 x 3000) in the photo store."""
    return [
        store_image(app.config["UPLOAD_DIR"], jpeg_bytes(4000, 3000, seed=seed + i))
        for i in range(count)
    ]


def attach(record, stored, caption: str) -> None:
    """A Photo row for an image already in the store."""
    db.session.add(
        Photo(
            uuid=new_uuid(),
            record_id=record.id,
            sha256=stored.sha256,
            content_type=stored.content_type,
            size_bytes=stored.size_bytes,
            width=stored.width,
            height=stored.height,
            caption=caption,
            taken_at=record.captured_at,
            lat=18.8012,
            lon=110.3915,
            accuracy_m=6.0,
        )
    )


def sample_household(app, boss, field, photos=6, village="东岭村"):
    """A household of three with one record of each of the four kinds.

    `photos` is a count (new phone-sized JPEGs are stored) or a list of images
    already stored; they are spread over the records.
    """
    members = [
        member_payload(name="王大明"),
        member_payload(name="李秀英", relation="spouse", disability_card=None),
        member_payload(name="王小军", relation="child", disability_card=None),
    ]
    household, _created = create_household(
        household_payload(TOWN, members=members, village=village), field
    )
    start = datetime(2026, 3, 5, 1, 0, tzinfo=UTC)
    records = []
    for index, kind in enumerate(KINDS):
        captured = start + timedelta(days=index)
        record = make_record(household, kind, author=field, captured_at=captured)
        add_review(record, boss, "approve", "情况属实")
        records.append(record)
    images = store_photos(app, photos) if isinstance(photos, int) else photos
    for index, stored in enumerate(images):
        attach(records[index % len(records)], stored, f"现场照片 {index + 1}")
    db.session.commit()
    return household


def median_seconds(func, runs: int) -> tuple[float, list[float]]:
    """Median wall time of `runs` calls of func, and every time measured."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def reset_peak_rss() -> None:
    """Restart this process's peak-RSS count (Linux: VmHWM) from the current RSS."""
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")


def peak_rss_since_reset_mb() -> float:
    """Peak resident memory since the last reset_peak_rss(), in MB."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def cores() -> int:
    """CPU cores this process may use."""
    return len(os.sched_getaffinity(0))


def in_child(target, *args):
    """Run target(*args, queue) in a fresh spawned process; return what it reports."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result

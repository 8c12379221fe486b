"""A field day under load: 50 field workers syncing records with photos while 5
supervisors open the dashboard and the review queue, for 60 s (issue 15).

    python -m bench.load --database-url postgresql://postgres@127.0.0.1:5432/DB \
        [--workers 50] [--supervisors 5] [--seconds 60]

(`python -m bench` runs it only when BENCH_DATABASE_URL names a PostgreSQL.)

The app runs under gunicorn as `make run` does (2 workers × 4 threads) on the given
PostgreSQL database (emptied first). Each field worker is a thread with its own
bearer token and keep-alive connection that sends what its phone's outbox would:
a record (a housing inspection with a fresh uuid) and then its photo (a distinct
1600 × 1200 JPEG), and every tenth record once more (a replay, which must answer
200 and store nothing). Each supervisor loads `GET /api/v1/dashboard` and the
queue page `GET /review` in turn. At the end the database must hold exactly the
records and photos that were answered 201: nothing lost, nothing doubled.
"""

import argparse
import io
import json
import os
import random
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

from bench.common import bench_app
from bench.dashboard import TOWNS
from bench.pwa import gunicorn
from tests.ports import free_port

PHOTOS = 120


def jpeg_set(count: int) -> list[bytes]:
    """Distinct 1600 × 1200 JPEGs of about 150 KB, as the phone sends them."""
    from PIL import Image, ImageDraw

    rng = random.Random(7)
    out = []
    for i in range(count):
        image = Image.new("RGB", (1600, 1200), (rng.randrange(256), 90, 140))
        pen = ImageDraw.Draw(image)
        for _ in range(400):
            x, y = rng.randrange(1600), rng.randrange(1200)
            colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
            pen.rectangle(
                (x, y, x + rng.randrange(8, 90), y + rng.randrange(6, 70)), colour
            )
        data = io.BytesIO()
        image.save(data, "JPEG", quality=80)
        out.append(data.getvalue())
        if i % 40 == 0:
            print(f"  photos made: {i}/{count}", flush=True)
    return out


def prepare(app, workers: int, supervisors: int) -> dict:
    """Households (20 per worker), the workers and supervisors with tokens."""
    from fieldapp.extensions import db
    from fieldapp.services.accounts import create_user, issue_token
    from fieldapp.services.households import create_household
    from tests.factories import household_payload, member_payload
    from tests.report_factories import SAMPLE_DATA

    state = {
        "workers": [],
        "supervisors": [],
        "data": SAMPLE_DATA["housing_inspection"],
    }
    with app.app_context():
        for w in range(workers):
            town = TOWNS[w % len(TOWNS)]
            user = create_user(f"load-w{w}", "bench-pass-1", "inspector", [town])
            homes = []
            for h in range(20):
                payload = household_payload(
                    town, members=[member_payload(name=f"户主{w}-{h}")]
                )
                create_household(payload, user)
                homes.append(payload["uuid"])
            state["workers"].append((issue_token(user)[0], homes))
        for s in range(supervisors):
            user = create_user(f"load-s{s}", "bench-pass-1", "supervisor", TOWNS)
            state["supervisors"].append(issue_token(user)[0])
        db.session.commit()
        db.session.remove()
    return state


class Stats:
    """Latencies and outcomes per kind of request, shared by the threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {}
        self.status: dict[str, dict[int, int]] = {}
        self.created = {"record": set(), "photo": set()}

    def add(self, kind: str, seconds: float, status: int) -> None:
        """Note one answer."""
        with self.lock:
            self.times.setdefault(kind, []).append(seconds)
            counts = self.status.setdefault(kind, {})
            counts[status] = counts.get(status, 0) + 1


def call(conn_box, port, method, path, body=None, headers=None):
    """One request on the thread's keep-alive connection: (status, body bytes)."""
    import http.client

    for attempt in (1, 2):
        conn = conn_box.get("c") or http.client.HTTPConnection(
            "127.0.0.1", port, timeout=120
        )
        conn_box["c"] = conn
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            data = response.read()
            return response.status, data
        except (OSError, http.client.HTTPException):
            conn.close()
            conn_box["c"] = None
            if attempt == 2:
                return 0, b""
    return 0, b""


def multipart(fields: dict, file_bytes: bytes) -> tuple[bytes, str]:
    """A multipart/form-data body with the fields and one JPEG."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
        + file_bytes
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def field_worker(n, port, token, homes, state, photos, stats, stop):
    """Send record, photo, record, photo … until told to stop."""
    box = {}
    auth = {"Authorization": f"Bearer {token}"}
    i = 0
    while not stop.is_set():
        record = {
            "uuid": str(uuid.uuid4()),
            "kind": "housing_inspection",
            "household_uuid": homes[i % len(homes)],
            "captured_at": "2026-03-05T09:12:00+08:00",
            "location": {"lat": 18.8, "lon": 110.39, "accuracy_m": 8.5},
            "data": state["data"],
        }
        body = json.dumps(record)
        headers = {**auth, "Content-Type": "application/json"}
        for replay in (False, True) if i % 10 == 0 else (False,):
            started = time.perf_counter()
            status, _ = call(box, port, "POST", "/api/v1/records", body, headers)
            kind = "record replay" if replay else "record"
            stats.add(kind, time.perf_counter() - started, status)
            if status == 201:
                with stats.lock:
                    stats.created["record"].add(record["uuid"])
        if status in (200, 201):
            photo_id = str(uuid.uuid4())
            data, content_type = multipart(
                {"uuid": photo_id, "caption": f"照片 {n}-{i}"},
                photos[(n * 31 + i) % len(photos)],
            )
            started = time.perf_counter()
            status, _ = call(
                box,
                port,
                "POST",
                f"/api/v1/records/{record['uuid']}/photos",
                data,
                {**auth, "Content-Type": content_type},
            )
            stats.add("photo", time.perf_counter() - started, status)
            if status == 201:
                with stats.lock:
                    stats.created["photo"].add(photo_id)
        i += 1


def supervisor(port, token, stats, stop):
    """Open the dashboard and the review queue in turn."""
    box = {}
    auth = {"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"}
    while not stop.is_set():
        for kind, path in (("dashboard", "/api/v1/dashboard"), ("queue", "/review")):
            started = time.perf_counter()
            status, _ = call(box, port, "GET", path, None, auth)
            stats.add(kind, time.perf_counter() - started, status)


def report(stats: Stats, seconds: float) -> int:
    """Print throughput and latency per kind; the number of errors."""
    errors = 0
    total = 0
    for kind, times in stats.times.items():
        times = sorted(times)
        bad = sum(c for s, c in stats.status[kind].items() if s not in (200, 201))
        errors += bad
        total += len(times)
        print(
            f"{kind:14s} {len(times):6d} answers, {len(times) / seconds:6.1f}/s, "
            f"p50 {statistics.median(times) * 1000:7.0f} ms, "
            f"p95 {times[int(len(times) * 0.95)] * 1000:7.0f} ms, "
            f"statuses {dict(sorted(stats.status[kind].items()))}"
        )
    print(f"all: {total} requests, {total / seconds:.1f}/s, {errors} errors")
    return errors


def main(argv=None) -> None:
    """Fill, serve, load for `--seconds`, then check nothing is lost or doubled."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL"), help="a PG URL"
    )
    parser.add_argument("--workers", type=int, default=50)
    parser.add_argument("--supervisors", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args(argv)
    if not args.database_url:
        print("skipped: give --database-url (or BENCH_DATABASE_URL), a PostgreSQL")
        return
    with tempfile.TemporaryDirectory() as workdir:
        app = bench_app(Path(workdir), args.database_url)
        state = prepare(app, args.workers, args.supervisors)
        photos = jpeg_set(PHOTOS)
        port = free_port()
        server = gunicorn(app, port)
        stats = Stats()
        stop = threading.Event()
        threads = [
            threading.Thread(
                target=field_worker,
                args=(n, port, token, homes, state, photos, stats, stop),
            )
            for n, (token, homes) in enumerate(state["workers"])
        ] + [
            threading.Thread(target=supervisor, args=(port, token, stats, stop))
            for token in state["supervisors"]
        ]
        print(f"load average before: {os.getloadavg()}", flush=True)
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        print(f"load average after: {os.getloadavg()}")
        server.terminate()
        server.wait(timeout=60)
        report(stats, elapsed)
        check(app, stats)


def check(app, stats: Stats) -> None:
    """The database holds exactly what was answered 201, once each."""
    from sqlalchemy import func, select

    from fieldapp.extensions import db
    from fieldapp.models import Photo, Record
    from fieldapp.services.photo_store import variant_key
    from fieldapp.services.storage import photo_storage

    with app.app_context():
        records = db.session.scalar(select(func.count(Record.id)))
        uuids = set(db.session.scalars(select(Record.uuid)))
        photos = db.session.execute(select(Photo.uuid, Photo.sha256)).all()
        store = photo_storage(app)
        missing = sum(
            not store.exists(variant_key(sha, v))
            for _u, sha in photos
            for v in ("display", "thumb")
        )
    created = stats.created
    print(
        f"stored: {records} records ({len(created['record'])} answered 201, "
        f"{len(uuids ^ created['record'])} differ), {len(photos)} photos "
        f"({len(created['photo'])} answered 201, "
        f"{len({u for u, _s in photos} ^ created['photo'])} differ), "
        f"{missing} display copies or thumbnails missing"
    )


if __name__ == "__main__":
    main()

"""The household list and record ingest against a hello-world Flask app (issue 15).

    python -m bench.api [--households 10000] [--seconds 8] [--rounds 1]
                        [--database-url URL] [--before DIR]

Fills a database with 10,000 households (two members each, spread over the 12
towns, with bench.dashboard's records), then, side by side in one run:

* per request in the test client (no HTTP): `GET /api/v1/households` (page of 20,
  bearer token of a supervisor of all 12 towns) and `POST /api/v1/records` (a
  housing inspection with a fresh uuid, so every call creates a record), with the
  number of SQL statements each runs;
* over HTTP: the bare Flask app (`bench/bare.py`) and the app, each under gunicorn
  with 2 workers × 4 threads (as `make run`), loaded by `bench/loadgen.py`
  (4 keep-alive connections); requests per second and the ratio to bare Flask;
  with `--before DIR`, also the code of an earlier commit on the same data.
"""

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

from bench import loadgen
from bench.common import bench_app
from bench.dashboard import TOWNS, analyse
from bench.pwa import gunicorn, serve
from tests.ports import free_port

RUNS = 200
# Set in main() before the load processes fork.
STATE: dict = {}


def list_request(_client: int, _n: int) -> tuple:
    """One page of 20 households with the supervisor's token."""
    headers = {"Authorization": f"Bearer {STATE['token']}"}
    return "GET", "/api/v1/households?per_page=20&page=3", None, headers


def bare_request(_client: int, _n: int) -> tuple:
    """The hello-world view."""
    return "GET", "/hello", None, {}


def record_request(client: int, n: int) -> tuple:
    """A new housing inspection (fresh uuid) of one of the households."""
    import uuid

    body = dict(STATE["record"])
    body["uuid"] = str(uuid.uuid4())
    body["household_uuid"] = STATE["households"][(client * 7919 + n) % 500]
    headers = {
        "Authorization": f"Bearer {STATE['writer_token']}",
        "Content-Type": "application/json",
    }
    return "POST", "/api/v1/records", json.dumps(body), headers


def count_statements(engine) -> list[int]:
    """A one-item list counting the statements run on `engine`."""
    counter = [0]

    @event.listens_for(engine, "before_cursor_execute")
    def count(*_args):
        counter[0] += 1

    return counter


def in_test_client(app) -> None:
    """Median time and statements of one list request and one record POST."""
    client = app.test_client()
    with app.app_context():
        from fieldapp.extensions import db

        counter = count_statements(db.engine)
    calls = {
        "GET /api/v1/households (20 of 10,000)": lambda n: client.get(
            list_request(0, n)[1], headers=list_request(0, n)[3]
        ),
        "POST /api/v1/records (new uuid)": lambda n: client.post(
            "/api/v1/records",
            data=record_request(9, n)[2],
            headers=record_request(9, n)[3],
        ),
    }
    for name, call in calls.items():
        assert call(0).status_code in (200, 201), name
        times = []
        before = counter[0]
        for n in range(1, RUNS + 1):
            started = time.perf_counter()
            response = call(n)
            times.append(time.perf_counter() - started)
            assert response.status_code in (200, 201), response.get_data(as_text=True)
        statements = (counter[0] - before) / RUNS
        print(
            f"test client, {name}: median {statistics.median(times) * 1000:.2f} ms, "
            f"min {min(times) * 1000:.2f} ms, {statements:.1f} statements"
        )


def bare_server(port: int):
    """gunicorn serving bench/bare.py with the app's settings."""
    return serve("bench.bare:app", port)


def over_http(app, seconds: float, before: Path | None = None, rounds: int = 1) -> None:
    """Requests per second of bare Flask, the list and the ingest, same run (and
    of the code in `before`, a checkout of an earlier commit, on the same data).

    With `rounds` > 1 every run is repeated in turn (bare, app, before, bare, app,
    before, ...) and each figure is the median of its rounds: on a shared machine
    the load moves within one run, and interleaving spreads it over all of them."""
    port_bare, port_app, port_before = free_port(), free_port(), free_port()
    servers = [bare_server(port_bare), gunicorn(app, port_app)]
    runs = [
        ("bare Flask GET /hello", port_bare, bare_request),
        ("GET /api/v1/households", port_app, list_request),
        ("POST /api/v1/records", port_app, record_request),
    ]
    if before is not None:
        servers.append(gunicorn(app, port_before, cwd=before))
        runs += [
            ("before: GET /api/v1/households", port_before, list_request),
            ("before: POST /api/v1/records", port_before, record_request),
        ]
    runs.append(("bare Flask GET /hello (again)", port_bare, bare_request))
    try:
        results: dict[str, list[dict]] = {name: [] for name, _port, _make in runs}
        for round_ in range(1, rounds + 1):
            for name, port, make in runs:
                loadgen.run(port, make, seconds=1.0)  # warm-up
                r = loadgen.run(port, make, seconds=seconds)
                results[name].append(r)
                tag = f" (round {round_})" if rounds > 1 else ""
                print(
                    f"HTTP{tag}, {name}: {r['rps']:.0f} req/s, p50 "
                    f"{r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, "
                    f"{r['errors']} errors"
                )
        failed = {
            name: sum(r["errors"] for r in runs_of)
            for name, runs_of in results.items()
            if any(r["errors"] for r in runs_of)
        }
        if failed:
            # A run whose requests failed measures the failure, not the code.
            raise SystemExit(f"errors in {failed}: no ratio reported")
        rps = {
            name: statistics.median(r["rps"] for r in runs_of)
            for name, runs_of in results.items()
        }
        bare = statistics.mean(rps[k] for k in rps if k.startswith("bare"))
        if rounds > 1:
            for name, value in rps.items():
                print(f"median of {rounds} rounds, {name}: {value:.0f} req/s")
        for name, value in rps.items():
            if not name.startswith("bare"):
                print(f"ratio {name} / bare Flask: {value / bare:.3f}")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def fill(households: int) -> None:
    """Households of two members over the 12 towns, by bulk INSERTs."""
    from datetime import UTC, date, datetime, timedelta

    from sqlalchemy import insert

    from fieldapp.extensions import db
    from fieldapp.models import Household, Person, new_uuid
    from tests.factories import make_id

    now = datetime.now(UTC)
    for first in range(0, households, 1000):
        batch = range(first, min(first + 1000, households))
        homes = [
            {
                "uuid": new_uuid(),
                "town_code": TOWNS[n % len(TOWNS)],
                "village": f"{n % 40}村",
                "address": f"{n}号",
                "poverty_status": "dibao",
                "lat": 18.8,
                "lon": 110.39,
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
                "id_number": make_id(birth, seq=k),
                "disability_card": None,
                "phone": "13800001234",
                "birth_date": birth,
                "sex": "M",
            }
            for i, hid in enumerate(ids)
            for birth in [date(1940, 1, 1) + timedelta(days=first + i)]
            for k in (0, 1)
        ]
        db.session.execute(insert(Person), people)
        db.session.commit()


def vacuum() -> None:
    """On PostgreSQL, VACUUM ANALYZE after the bulk load, as autovacuum does after
    that many inserts: without it no page is marked all-visible and every count
    reads the table instead of the town index (1.5 against 0.4 ms here)."""
    from sqlalchemy import text

    from fieldapp.extensions import db

    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))


def prepare(app, households: int, vacuumed: bool = True) -> None:
    """Fill the database; tokens for a supervisor and an inspector of every town."""
    from sqlalchemy import select

    from fieldapp.extensions import db
    from fieldapp.models import Household
    from fieldapp.services.accounts import create_user, issue_token
    from tests.report_factories import SAMPLE_DATA

    with app.app_context():
        started = time.perf_counter()
        fill(households)
        analyse()
        if vacuumed:
            vacuum()
        boss = create_user("api-boss", "bench-pass-1", "supervisor", TOWNS)
        writer = create_user("api-writer", "bench-pass-1", "inspector", TOWNS)
        STATE["token"] = issue_token(boss)[0]
        STATE["writer_token"] = issue_token(writer)[0]
        db.session.commit()
        STATE["households"] = list(
            db.session.scalars(select(Household.uuid).order_by(Household.id).limit(500))
        )
        STATE["record"] = {
            "kind": "housing_inspection",
            "captured_at": "2026-03-05T09:12:00+08:00",
            "location": {"lat": 18.8, "lon": 110.39, "accuracy_m": 8.5},
            "data": SAMPLE_DATA["housing_inspection"],
        }
        print(f"filled in {time.perf_counter() - started:.0f} s")


def main(argv=None) -> None:
    """Fill, then measure in the test client and over HTTP."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="repeat every HTTP run in turn and report medians (interleaved)",
    )
    parser.add_argument(
        "--no-vacuum",
        action="store_true",
        help="PostgreSQL: leave the table unvacuumed (the figures before 2026-12-02)",
    )
    parser.add_argument(
        "--before",
        type=Path,
        default=None,
        help="a checkout of earlier code (git archive COMMIT | tar -x -C DIR)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        app = bench_app(Path(workdir), args.database_url)
        prepare(app, args.households, vacuumed=not args.no_vacuum)
        print(f"load average before: {os.getloadavg()}")
        in_test_client(app)
        if not args.skip_http:
            over_http(app, args.seconds, args.before, args.rounds)
        print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()

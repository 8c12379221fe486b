"""The household list request against an earlier commit's, in one process.

    python -m bench.list_ab [--before DIR] [--requests 3000] [--database-url URL]

Over HTTP (bench.api) a change of a few per cent is lost in the noise of a
shared machine. Here one app serves `GET /api/v1/households?per_page=20&page=3`
(10,000 households, the token of a supervisor of all 12 towns) in the test
client, and the request alternates between this checkout's code and the code
of DIR (`git archive COMMIT | tar -x -C DIR`) for the two parts of the list
that change: the token's statement (`services/accounts.TOKEN_WITH_USER`) and
the page (`services/household_list.list_page`), both loaded from DIR and
swapped in before each request. The order flips every request, so drift in
the machine's speed falls on both alike. Without --before, only this code.
"""

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import api
from bench.common import bench_app

WARM_UP = 300


def module_from(path: Path, name: str):
    """A module of an earlier checkout, loaded beside this one's (it imports
    the rest of the app from this checkout)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def variants(before: Path | None) -> dict:
    """name → (token statement, list_page) to serve the list with."""
    from fieldapp.services import accounts, household_list

    found = {"now": (accounts.TOKEN_WITH_USER, household_list.list_page)}
    if before is not None:
        services = before / "fieldapp" / "services"
        old_accounts = module_from(services / "accounts.py", "before_accounts")
        old_list = module_from(services / "household_list.py", "before_list")
        found["before"] = (old_accounts.TOKEN_WITH_USER, old_list.list_page)
    return found


def main(argv=None) -> None:
    """Fill, then time the list request, alternating the variants."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", type=Path, default=None)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        app = bench_app(Path(workdir), args.database_url)
        api.prepare(app, args.households)
        import fieldapp.api.households as views
        from fieldapp.services import accounts

        served = variants(args.before)
        client = app.test_client()
        times: dict[str, list[float]] = {name: [] for name in served}
        for n in range(args.requests + WARM_UP):
            names = list(served) if n % 2 else list(reversed(served))
            for name in names:
                accounts.TOKEN_WITH_USER, views.list_page = served[name]
                _method, path, _body, headers = api.list_request(0, n)
                started = time.perf_counter()
                response = client.get(path, headers=headers)
                elapsed = time.perf_counter() - started
                assert response.status_code == 200, response.status_code
                if n >= WARM_UP:
                    times[name].append(elapsed)
        database = "PostgreSQL" if args.database_url else "SQLite"
        for name, taken in times.items():
            quartiles = statistics.quantiles(taken, n=4)
            print(
                f"{database}, list request, {name}: median "
                f"{statistics.median(taken) * 1000:.2f} ms, quartiles "
                f"{quartiles[0] * 1000:.2f}–{quartiles[2] * 1000:.2f} ms "
                f"({len(taken)} requests)"
            )


if __name__ == "__main__":
    main(sys.argv[1:])

"""Household import of 1,000 and 10,000 rows: time and peak memory.

    python -m bench.imports [--rows 1000 10000] [--database-url URL]

Each size runs in a fresh process on an empty database (a PostgreSQL database
given here is emptied first: use one kept for benchmarks): a dry run, the import,
and the same file again (which changes nothing). The peak is VmHWM reset just
before each step, next to the RSS at that moment. The baseline, in the same
run, is what reading the same file costs with openpyxl's ordinary (not
read-only) mode, which loads the whole workbook.
"""

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.common import bench_app, in_child, peak_rss_since_reset_mb, reset_peak_rss

PER_HOUSEHOLD = 3
RELATIONS = ("户主", "配偶", "子女")


def id_number(n: int) -> str:
    """The n-th distinct valid ID number (a birth date per thousand)."""
    from tests.factories import make_id

    return make_id(date(1950, 1, 1) + timedelta(days=n // 1000), n % 1000)


def write_file(path: Path, rows: int) -> None:
    """A county list of `rows` persons, PER_HOUSEHOLD to a household."""
    from openpyxl import Workbook

    from fieldapp.importing.columns import HEADERS

    book = Workbook(write_only=True)
    sheet = book.create_sheet("住户名单")
    sheet.append(list(HEADERS))
    for n in range(rows):
        household, position = divmod(n, PER_HOUSEHOLD)
        number = id_number(n)
        sheet.append(
            [
                f"WN-{household:06d}",
                "万城镇",
                f"{household % 40}村",
                f"{household % 40}村{household}号",
                "建档立卡贫困户",
                f"王{n}",
                RELATIONS[position],
                number,
                number + "41" if position == 0 else "",
                "13800000000" if position == 0 else "",
                18.8 + household % 100 / 10000,
                110.39,
            ]
        )
    book.save(path)


def timed_import(app, path: Path, user, dry_run: bool) -> tuple:
    """One import through the job path: (result, wall s, CPU s, peak RSS MB)."""
    from fieldapp.importing import service
    from fieldapp.importing.runner import execute_import_job
    from fieldapp.services import jobs

    reset_peak_rss()
    start, cpu = time.perf_counter(), time.process_time()
    with open(path, "rb") as stream:
        job = service.start(user, stream, path.name, dry_run)
    jobs.execute(job, execute_import_job, app.config, None)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return job.result, seconds, cpu, peak_rss_since_reset_mb()


def measure(workdir: str, rows: int, database_url: str | None, queue) -> None:
    """In a fresh process: dry run, import, import again."""
    workdir = Path(workdir)
    path = workdir / f"list-{rows}.xlsx"
    write_file(path, rows)
    app = bench_app(workdir / f"app-{rows}", database_url)
    with app.app_context():
        from fieldapp.services.accounts import create_user

        user = create_user(f"import-{rows}", "bench-pass-1", "admin", [])
        before = peak_rss_since_reset_mb()
        found = {}
        for step, dry_run in (("dry run", True), ("import", False), ("again", False)):
            result, seconds, cpu, peak = timed_import(app, path, user, dry_run)
            assert result["error_count"] == 0, result["errors"][:3]
            found[step] = (seconds, cpu, peak, result["households_created"])
    queue.put((path.stat().st_size, before, found))


def baseline(workdir: str, rows: int, queue) -> None:
    """Reading the same file with openpyxl's ordinary mode (whole workbook)."""
    from openpyxl import load_workbook

    path = Path(workdir) / f"list-{rows}.xlsx"
    reset_peak_rss()
    before = peak_rss_since_reset_mb()
    start, cpu = time.perf_counter(), time.process_time()
    book = load_workbook(path)
    count = sum(1 for _row in book.worksheets[0].iter_rows(values_only=True))
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    queue.put((took, cpu, peak_rss_since_reset_mb(), before, count))


def main(argv=None) -> None:
    """Print one line per size and step, and the baseline."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        print("rows | file | step | wall time | CPU time | peak RSS (RSS before)")
        for rows in args.rows:
            size, before, found = in_child(measure, workdir, rows, args.database_url)
            for step, (seconds, cpu, peak, created) in found.items():
                print(
                    f"{rows} | {size / 1024:.0f} KiB | {step} | {seconds:.1f} s |"
                    f" {cpu:.1f} s | {peak:.0f} MB ({before:.0f} MB) |"
                    f" created {created}",
                    flush=True,
                )
            took, cpu, peak, start, count = in_child(baseline, workdir, rows)
            print(
                f"{rows} | baseline: openpyxl load_workbook (not read-only) |"
                f" {took:.1f} s | {cpu:.1f} s | {peak:.0f} MB ({start:.0f} MB) |"
                f" {count} rows",
                flush=True,
            )


if __name__ == "__main__":
    main()

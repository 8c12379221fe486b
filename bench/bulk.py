"""200 case files printed in bulk against one render x 200 / cores.

    python -m bench.bulk [--households 200] [--output pdf|zip]

Every household has 4 records and 6 phone-sized photos (the same 6 images are
attached to every household, so setting up does not take an hour; each case
file still embeds its own copies).
"""

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import bench_app, bench_users, cores, sample_household, store_photos


def main(argv=None) -> None:
    """Set up, measure one render, run the job, print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=200)
    parser.add_argument("--output", choices=("pdf", "zip"), default="pdf")
    args = parser.parse_args(argv)
    from fieldapp.extensions import db
    from fieldapp.printing import runner as print_runner
    from fieldapp.printing.bulk import create_print_job
    from fieldapp.printing.casefile import render_case_file
    from fieldapp.printing.runner import pool_size
    from fieldapp.services.jobs import job_dir
    from fieldapp.worker import execute_job

    with tempfile.TemporaryDirectory() as workdir:
        app = bench_app(Path(workdir))
        with app.app_context():
            boss, field = bench_users()
            images = store_photos(app, 6)
            households = [
                sample_household(app, boss, field, images, village=f"{n:03d}村")
                for n in range(args.households)
            ]
            render_case_file(households[0])  # warm-up; makes the print copies
            times = []
            for household in households[1:8]:
                start = time.perf_counter()
                render_case_file(household)
                times.append(time.perf_counter() - start)
            single = statistics.median(times)
            job = create_print_job(boss, "469006100", {}, args.output)
            db.session.commit()
            assembling = []
            original = print_runner.write_result

            def timed_write_result(*args_, **kwargs):
                """write_result, timed: merging or zipping the parts."""
                begin = time.perf_counter()
                try:
                    return original(*args_, **kwargs)
                finally:
                    assembling.append(time.perf_counter() - begin)

            print_runner.write_result = timed_write_result
            load = os.getloadavg()[0]
            start = time.perf_counter()
            job = execute_job(job.uuid, app.config)
            wall = time.perf_counter() - start
            print_runner.write_result = original
            size = (job_dir(app.config, job) / job.file_name).stat().st_size
            workers = pool_size(app.config, job.total)
            expected = single * job.total / workers
            print(f"single render: median {single:.3f} s over {len(times)} households")
            print(
                f"bulk: {job.total} households, {job.status}, "
                f"{len(job.failures)} failures, {workers} processes, {cores()} cores, "
                f"{args.output} {size / 2**20:.1f} MiB"
            )
            print(
                f"of which merging/zipping {assembling[0]:.1f} s; load average "
                f"{load:.1f} at start, {os.getloadavg()[0]:.1f} at end"
            )
            print(
                f"wall {wall:.1f} s vs single x {job.total} / {workers} = "
                f"{expected:.1f} s: {wall / expected:.2f}x (target <= 1.2x)"
            )


if __name__ == "__main__":
    main()

"""One case file (4 records, 6 phone photos) against a bare CJK document of equal pages.

    python -m bench.casefile [--runs 9]

Wall and CPU times are taken in one process, alternating the two documents so
that load from other work on the machine hits both alike. Peak memory is measured
in two fresh processes, one per document, after a warm-up and three renders.
"""

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import (
    bench_app,
    bench_users,
    in_child,
    peak_rss_since_reset_mb,
    sample_household,
)

BARE_PARAGRAPH = "万宁市困难残疾人家庭入户调查,房屋安全鉴定与无障碍改造评估。" * 6
BARE_STYLE = (
    '@page { size: A4; margin: 22mm 16mm; font-family: "Noto Sans CJK SC";'
    ' @top-center { content: "内部资料 注意保密" }'
    ' @bottom-right { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页" } }'
    ' html { font-family: "Noto Sans CJK SC"; font-size: 10pt }'
    " section { break-after: page }"
)


def bare_html(pages: int) -> str:
    """A plain CJK document: header, footer and `pages` pages of paragraphs."""
    page = (
        "<section><h2>第 {n} 部分</h2>" + f"<p>{BARE_PARAGRAPH}</p>" * 8 + "</section>"
    )
    body = "".join(page.format(n=n + 1) for n in range(pages))
    return f'<html lang="zh-Hans"><style>{BARE_STYLE}</style><body>{body}</body></html>'


def page_count(pdf: bytes) -> int:
    """Pages of a PDF."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def renderers(workdir: str):
    """(app, render the case file, render the bare document, pages, sizes)."""
    from weasyprint import HTML

    from fieldapp.printing.casefile import font_config, render_case_file

    app = bench_app(Path(workdir))
    context = app.app_context()
    context.push()
    boss, field = bench_users()
    household = sample_household(app, boss, field, photos=6)
    case_pdf = render_case_file(household)  # warm-up; makes the print-size copies
    pages = page_count(case_pdf)
    html = bare_html(pages)
    bare_pdf = HTML(string=html).write_pdf(font_config=font_config())
    assert page_count(bare_pdf) == pages, "bare document must match the page count"
    return (
        lambda: render_case_file(household),
        lambda: HTML(string=html).write_pdf(font_config=font_config()),
        pages,
        (len(case_pdf), len(bare_pdf)),
    )


def memory_side(workdir: str, which: int, pages: int, queue) -> None:
    """Child process: peak RSS after a warm-up and three renders of one document."""
    if which == 0:
        render = renderers(workdir)[0]
    else:
        from weasyprint import HTML

        from fieldapp.printing.casefile import font_config

        html = bare_html(pages)

        def render():
            """One render of the bare document."""
            return HTML(string=html).write_pdf(font_config=font_config())

    for _ in range(4):
        render()
    queue.put(peak_rss_since_reset_mb())  # VmHWM: this process only, since exec


def main(argv=None) -> None:
    """Measure, then print both sides and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        case, bare, pages, sizes = renderers(workdir)
        times = {"case": [], "bare": []}
        cpu = {"case": [], "bare": []}
        for _ in range(args.runs):
            for name, render in (("case", case), ("bare", bare)):
                start, start_cpu = time.perf_counter(), time.process_time()
                render()
                times[name].append(time.perf_counter() - start)
                cpu[name].append(time.process_time() - start_cpu)
        rss = [
            in_child(memory_side, str(Path(workdir) / f"memory-{which}"), which, pages)
            for which in (0, 1)
        ]
    for (name, runs), size, peak in zip(times.items(), sizes, rss, strict=True):
        print(
            f"{name:5}: {pages} pages, {size / 1024:.0f} KiB, median "
            f"{statistics.median(runs):.3f} s, min {min(runs):.3f} s, CPU median "
            f"{statistics.median(cpu[name]):.3f} s, peak RSS {peak:.0f} MB"
        )
    ratio = statistics.median(times["case"]) / statistics.median(times["bare"])
    best = min(times["case"]) / min(times["bare"])
    on_cpu = statistics.median(cpu["case"]) / statistics.median(cpu["bare"])
    print(
        f"ratio: {ratio:.2f}x on wall medians, {best:.2f}x on minima, "
        f"{on_cpu:.2f}x on CPU medians (target <= 1.5x)"
    )


if __name__ == "__main__":
    main()

"""A print job's result: one combined PDF with a bookmark per household, or a ZIP."""

import re
import zipfile
from pathlib import Path

from pypdf import PdfWriter

from fieldapp.domain.localtime import LOCAL_TZ
from fieldapp.models import Job

FAILURES_NAME = "未能生成的档案.txt"


def safe_name(text: str) -> str:
    """Text usable in a file name inside a ZIP (no separators or control chars)."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" .") or "档案"


def result_stem(job: Job) -> str:
    """`casefiles-469006100-20261129-1a2b3c4d`: the day the job was asked for,
    in China time like every other export's name (not UTC's day)."""
    town = job.params.get("town_code") or "all"
    day = job.created_at.astimezone(LOCAL_TZ)
    return f"casefiles-{town}-{day:%Y%m%d}-{job.uuid[:8]}"


def failures_text(job: Job) -> str:
    """One line per household that could not be printed."""
    lines = [f"{entry['household']}\t{entry['message']}" for entry in job.failures]
    return "\n".join(lines) + "\n"


def write_zip(job: Job, rendered: list[tuple], target: Path) -> None:
    """One PDF per household, numbered in print order, plus the failures."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as archive:
        for index, label, path in rendered:
            archive.write(path, f"{index + 1:04d}-{safe_name(label)}.pdf")
        if job.failures:
            archive.writestr(FAILURES_NAME, failures_text(job))


def write_pdf(rendered: list[tuple], target: Path) -> None:
    """All case files in one PDF; each keeps its own page numbers and a bookmark."""
    writer = PdfWriter()
    for index, label, path in rendered:
        writer.append(str(path), outline_item=f"{index + 1}. {label}")
    with open(target, "wb") as handle:
        writer.write(handle)
    writer.close()


def write_result(job: Job, rendered: list[tuple], folder: Path) -> str:
    """Write the job's result file into `folder`; its name, or "" when empty."""
    if not rendered and not job.failures:
        return ""
    if job.params.get("output") == "zip":
        name = f"{result_stem(job)}.zip"
        write_zip(job, rendered, folder / name)
        return name
    if not rendered:
        return ""
    name = f"{result_stem(job)}.pdf"
    write_pdf(rendered, folder / name)
    return name

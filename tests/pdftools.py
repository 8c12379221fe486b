"""Read PDFs in tests with poppler-utils: text, fonts, images, page count."""

import re
import subprocess
import tempfile
from pathlib import Path


def _run(tool: str, data: bytes, *args: str) -> str:
    """Run a poppler tool on PDF bytes and return its standard output."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(data)
        done = subprocess.run(
            [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
            capture_output=True,
            check=True,
            timeout=60,
        )
    return done.stdout.decode("utf-8")


def pdf_text(data: bytes) -> str:
    """The document's text with all whitespace removed (CJK has no spaces)."""
    return re.sub(r"\s+", "", _run("pdftotext", data))


def pdf_pages(data: bytes) -> int:
    """How many pages the document has."""
    info = _run("pdfinfo", data)
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_fonts(data: bytes) -> list[dict]:
    """One entry per font: name, type and whether it is embedded."""
    lines = _run("pdffonts", data).splitlines()[2:]
    fonts = []
    for line in lines:
        parts = line.split()
        if len(parts) < 6:
            continue
        emb = parts[-5]
        fonts.append({"name": parts[0], "embedded": emb == "yes", "line": line})
    return fonts


def pdf_images(data: bytes) -> list[dict]:
    """One entry per image placement: page, width, height, encoding."""
    lines = _run("pdfimages", data, "-list").splitlines()[2:]
    images = []
    for line in lines:
        parts = line.split()
        images.append(
            {
                "page": int(parts[0]),
                "width": int(parts[3]),
                "height": int(parts[4]),
                "enc": parts[8],
            }
        )
    return images

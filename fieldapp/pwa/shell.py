"""The offline shell: its content-hash version and the files the worker precaches.

As Enketo does, the version is a hash of every client file and of the templates
the cached pages come from, computed once at app start: any change to them gives
a new /sw.js, which the browser installs and the page offers to load.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

# Files a page may load; licences and notes under static/ are not precached.
ASSET_SUFFIXES = (".js", ".css", ".png", ".svg", ".webp", ".woff2")
# The worker script is served at /sw.js with the version in front of it.
WORKER = "sw.js"
# The office map's libraries (about 200 KB) are not precached: field workers on
# cheap phones and metered data never open the map. The worker still keeps them
# (cache first) once a supervisor's browser has loaded the map page.
NOT_PRECACHED = ("vendor/leaflet/", "vendor/leaflet.markercluster/", "js/office-map.js")
# PDF templates never reach the phone, so they do not make a new version.
SKIPPED_TEMPLATE_DIRS = ("pdf",)


@dataclass
class Shell:
    """What /sw.js tells the worker: the version and the static files to precache."""

    version: str
    assets: list[str]
    worker_source: str


def static_assets(static_dir: Path) -> list[str]:
    """Paths (relative to static/) of the files pages load."""
    paths = (
        p.relative_to(static_dir).as_posix()
        for p in static_dir.rglob("*")
        if p.is_file() and p.suffix in ASSET_SUFFIXES and p.name != WORKER
    )
    return sorted(p for p in paths if not p.startswith(NOT_PRECACHED))


def shell_files(static_dir: Path, template_dir: Path) -> list[Path]:
    """Every file whose change must reach the phones."""
    files = [p for p in static_dir.rglob("*") if p.is_file()]
    for path in template_dir.rglob("*.html"):
        if path.relative_to(template_dir).parts[0] not in SKIPPED_TEMPLATE_DIRS:
            files.append(path)
    return files


def content_version(files: list[Path], root: Path) -> str:
    """A short hash of the files' paths and bytes, independent of listing order."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def build_shell(static_dir: Path, template_dir: Path, root: Path) -> Shell:
    """Hash and list the shell now; the result lives as long as the process."""
    files = shell_files(static_dir, template_dir)
    worker = (static_dir / WORKER).read_text(encoding="utf-8")
    return Shell(content_version(files, root), static_assets(static_dir), worker)

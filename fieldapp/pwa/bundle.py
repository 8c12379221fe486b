"""The ES modules bundled at build time (esbuild), hashed and cached for a year.

`python -m fieldapp.pwa.bundle` (run by `make setup`) bundles each of the pages'
entry modules into one file under `static/dist/` (the modules it imports, also
with `import()`, included: one request instead of a dozen, each with its own
headers), every file named by its content hash, and writes `static/dist/manifest.json`:
which bundle stands for which entry, and a digest of the sources it was built
from. At app start the manifest is used only when that digest still matches the
sources, so an edited module is never hidden behind a stale bundle: pages then
load the plain modules, as they do when nothing was built. The plain modules stay
(the service worker imports them, and tests import them one by one).
"""

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from flask import Flask, request, url_for

DIST = "dist"
MANIFEST = "manifest.json"
# Modules pages name in a <script type="module"> or data-preview-module.
ENTRY_GLOBS = ("js/app.js", "js/rows.js", "js/surveys/*.js", "css/base.css")
SOURCE_GLOBS = ("js/**/*.js", "vendor/idb/*.js", "css/*.css")
# Hashed names never change content: kept a year, never revalidated.
IMMUTABLE = "public, max-age=31536000, immutable"


def entries(static_dir: Path) -> list[str]:
    """The entry modules, relative to static/."""
    found = {p for pattern in ENTRY_GLOBS for p in static_dir.glob(pattern)}
    return sorted(p.relative_to(static_dir).as_posix() for p in found)


def sources_digest(static_dir: Path) -> str:
    """A hash of every module a bundle may contain (paths and bytes)."""
    digest = hashlib.sha256()
    files = {p for pattern in SOURCE_GLOBS for p in static_dir.glob(pattern)}
    for path in sorted(files):
        digest.update(path.relative_to(static_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build(static_dir: Path, esbuild: Path) -> dict:
    """Bundle the entries into static/dist/ and write the manifest; returns it."""
    out = static_dir / DIST
    shutil.rmtree(out, ignore_errors=True)
    meta = out / "meta.json"
    subprocess.run(
        [
            str(esbuild),
            *entries(static_dir),
            "--bundle",
            "--format=esm",
            "--minify",
            "--target=es2020",
            "--legal-comments=none",
            f"--outdir={DIST}",
            "--outbase=.",
            "--entry-names=[dir]/[name]-[hash]",
            f"--metafile={meta.relative_to(static_dir)}",
            "--log-level=warning",
        ],
        cwd=static_dir,
        check=True,
    )
    outputs = json.loads(meta.read_text(encoding="utf-8"))["outputs"]
    meta.unlink()
    wanted = set(entries(static_dir))
    bundles = {
        info["entryPoint"]: Path(name).relative_to(DIST).as_posix()
        for name, info in outputs.items()
        if info.get("entryPoint") in wanted
    }
    manifest = {
        "sources": sources_digest(static_dir),
        "entries": {src: f"{DIST}/{dst}" for src, dst in sorted(bundles.items())},
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def load(static_dir: Path) -> dict[str, str]:
    """Entry → bundle, when a bundle built from the current sources exists."""
    path = static_dir / DIST / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if manifest.get("sources") != sources_digest(static_dir):
        return {}
    return dict(manifest.get("entries", {}))


def init_bundle(app: Flask) -> None:
    """The `asset(path)` template global, and a year's caching of hashed files."""
    bundles = load(Path(app.static_folder)) if app.config.get("ASSET_BUNDLE", 1) else {}
    app.extensions["bundles"] = bundles
    prefix = f"{app.static_url_path}/{DIST}/"

    def asset(path: str) -> str:
        """The URL of a static module: its bundle when there is a fresh one."""
        return url_for("static", filename=bundles.get(path, path))

    def asset_bundled(path: str) -> bool:
        """Whether `path` is served from a fresh bundle."""
        return path in bundles

    app.add_template_global(asset)
    app.add_template_global(asset_bundled)

    @app.after_request
    def cache_hashed(response):
        """Bundles and chunks are named by their content: keep them a year."""
        if response.status_code == 200 and request.path.startswith(prefix):
            response.headers["Cache-Control"] = IMMUTABLE
            # Never revalidated: the name is the version.
            for header in ("Content-Disposition", "Last-Modified", "ETag"):
                response.headers.pop(header, None)
        return response


def main() -> None:
    """Build the bundles with the esbuild installed by npm (`make bundle`)."""
    root = Path(__file__).resolve().parents[2]
    manifest = build(root / "static", root / "node_modules" / ".bin" / "esbuild")
    print(f"bundled {len(manifest['entries'])} entries into static/{DIST}/")


if __name__ == "__main__":
    sys.exit(main())

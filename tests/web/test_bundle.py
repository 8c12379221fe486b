"""Bundled modules: used only when built from the current sources, cached a year."""

import json
from pathlib import Path

import pytest

from fieldapp.pwa import bundle

ROOT = Path(__file__).resolve().parents[2]
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"


def small_static(tmp_path: Path) -> Path:
    """A static/ folder with two modules and the base stylesheet."""
    static = tmp_path / "static"
    (static / "js").mkdir(parents=True)
    (static / "css").mkdir()
    (static / "js" / "app.js").write_text(
        'import { hello } from "./lib.js";\n'
        'const lazy = () => import("./lazy.js");\n'
        "hello(); lazy();\n"
    )
    (static / "js" / "lib.js").write_text("export function hello() { return 1; }\n")
    (static / "js" / "lazy.js").write_text("export const later = 2;\n")
    (static / "css" / "base.css").write_text("body { color: red }\n")
    return static


def test_a_manifest_counts_only_while_the_sources_are_unchanged(tmp_path):
    static = small_static(tmp_path)
    (static / "dist").mkdir()
    manifest = {
        "sources": bundle.sources_digest(static),
        "entries": {"js/app.js": "dist/js/app-ABC.js"},
    }
    (static / "dist" / "manifest.json").write_text(json.dumps(manifest))
    assert bundle.load(static) == {"js/app.js": "dist/js/app-ABC.js"}
    (static / "js" / "lib.js").write_text("export function hello() { return 3; }\n")
    assert bundle.load(static) == {}


def test_no_manifest_means_the_plain_modules(tmp_path):
    assert bundle.load(small_static(tmp_path)) == {}


@pytest.mark.skipif(not ESBUILD.exists(), reason="esbuild not installed (make bundle)")
def test_each_entry_becomes_one_hashed_file_with_its_dynamic_imports(tmp_path):
    static = small_static(tmp_path)
    manifest = bundle.build(static, ESBUILD)
    app_bundle = manifest["entries"]["js/app.js"]
    assert app_bundle.startswith("dist/js/app-") and app_bundle.endswith(".js")
    text = (static / app_bundle).read_text()
    assert "import(" not in text and "later" in text
    assert manifest["entries"]["css/base.css"].startswith("dist/css/base-")
    assert bundle.load(static) == manifest["entries"]
    assert sorted(p.name for p in (static / "dist").rglob("*.js")) == [
        Path(app_bundle).name
    ]


def test_pages_load_the_bundle_which_is_kept_a_year(app, client):
    static = Path(app.static_folder)
    bundles = app.extensions["bundles"]
    if not bundles:
        pytest.skip("no fresh bundle in static/dist (make bundle)")
    page = client.get("/login").get_data(as_text=True)
    url = f"/static/{bundles['js/app.js']}"
    assert f'src="{url}"' in page
    assert "/static/js/app.js" not in page
    with client.get(url) as response:
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == bundle.IMMUTABLE
    assert (static / bundles["js/app.js"]).exists()
    with client.get("/static/js/app.js") as plain:
        assert "immutable" not in plain.headers.get("Cache-Control", "")


def test_a_bundle_carries_nosniff_but_not_the_document_policies(app, client):
    bundles = app.extensions["bundles"]
    if not bundles:
        pytest.skip("no fresh bundle in static/dist (make bundle)")
    for source in ("js/app.js", "css/base.css"):
        with client.get(f"/static/{bundles[source]}") as response:
            assert response.status_code == 200
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            for name in ("Content-Security-Policy", "X-Frame-Options", "ETag"):
                assert name not in response.headers
    with client.get("/static/js/app.js") as plain:  # plain files keep them all
        assert "Content-Security-Policy" in plain.headers

"""The installable app's server side: worker script, manifest, offline page, gzip."""

import gzip
import json
import re

from fieldapp.pwa.shell import build_shell, content_version, static_assets


def test_worker_carries_version_and_precache_lists(client, app):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["Service-Worker-Allowed"] == "/"
    text = response.get_data(as_text=True)
    version = app.extensions["pwa"].version
    assert text.startswith(f'const VERSION = "{version}";')
    assets = json.loads(text.split("const ASSETS = ", 1)[1].split(";\n", 1)[0])
    assert "/static/js/outbox.js" in assets and "/static/vendor/idb/idb.js" in assets
    assert "/static/sw.js" not in assets
    assert not [a for a in assets if a.endswith(("LICENSE", ".md"))]
    pages = json.loads(text.split("const PAGES = ", 1)[1].split(";\n", 1)[0])
    assert pages[:3] == ["/", "/offline", "/households/new"]
    assert "/surveys/respite_assessment/new" in pages
    assert 'self.addEventListener("fetch"' in text


def test_unchanged_worker_answers_304(client):
    etag = client.get("/sw.js").headers["ETag"]
    assert client.get("/sw.js", headers={"If-None-Match": etag}).status_code == 304


def test_version_changes_with_any_shell_file(tmp_path):
    static, templates = tmp_path / "static", tmp_path / "templates"
    (static / "js").mkdir(parents=True)
    (templates / "pdf").mkdir(parents=True)
    (static / "sw.js").write_text("// worker")
    (static / "js" / "a.js").write_text("one")
    (templates / "page.html").write_text("<p>")
    (templates / "pdf" / "case.html").write_text("<p>")
    first = build_shell(static, templates, tmp_path)
    assert first.assets == ["js/a.js"]
    (templates / "pdf" / "case.html").write_text("<p>changed")
    assert build_shell(static, templates, tmp_path).version == first.version
    (templates / "page.html").write_text("<p>changed")
    assert build_shell(static, templates, tmp_path).version != first.version


def test_version_does_not_depend_on_listing_order(tmp_path):
    a, b = tmp_path / "a.js", tmp_path / "b.js"
    a.write_text("a")
    b.write_text("b")
    assert content_version([a, b], tmp_path) == content_version([b, a], tmp_path)


def test_static_assets_skip_notes_and_licences(tmp_path):
    (tmp_path / "vendor").mkdir()
    for name in ("vendor/x.js", "vendor/LICENSE", "README.md", "app.css", "i.png"):
        (tmp_path / name).write_text("x")
    assert static_assets(tmp_path) == ["app.css", "i.png", "vendor/x.js"]


def test_manifest_makes_the_app_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    body = response.get_json(force=True)
    assert body["name"] == "万宁入户服务"
    assert body["display"] == "standalone"
    assert body["theme_color"] == "#0b5394"
    sizes = {icon["sizes"] for icon in body["icons"]}
    assert sizes == {"192x192", "512x512"}
    for icon in body["icons"]:
        with client.get(icon["src"]) as image:
            assert image.status_code == 200


def test_offline_page_needs_login_and_lists_the_roles_kinds(client, make_user, login):
    assert client.get("/offline").status_code == 302
    login(make_user("rehab_worker"))
    page = client.get("/offline").get_data(as_text=True)
    labels = json.loads(
        page.split('id="offline-labels">', 1)[1].split("</script>", 1)[0]
    )
    assert [k["kind"] for k in labels["kinds"]] == [
        "device_fitting",
        "respite_assessment",
        "respite_service",
    ]
    assert all(k["person"] for k in labels["kinds"])
    assert labels["relation"]["head"] == "户主"


def test_text_is_gzipped_for_clients_that_accept_it(client, make_user, login):
    login(make_user("inspector"))
    plain = client.get("/")
    assert "Content-Encoding" not in plain.headers
    zipped = client.get("/", headers={"Accept-Encoding": "gzip, br"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    # The CSRF token is signed with the second it was made in, so two pages
    # a second apart differ there and nowhere else.
    assert without_csrf_token(gzip.decompress(zipped.data)) == without_csrf_token(
        plain.data
    )


def without_csrf_token(page):
    token = re.search(rb'<meta name="csrf-token" content="([^"]+)">', page).group(1)
    return page.replace(token, b"CSRF")


def test_static_files_are_gzipped_and_still_revalidate(client):
    first = client.get("/static/js/outbox.js", headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip"
    assert first.headers["ETag"].startswith('W/"')
    with client.get(
        "/static/js/outbox.js",
        headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]},
    ) as again:
        assert again.status_code == 304


def test_images_are_not_gzipped(client):
    with client.get(
        "/static/icons/icon-192.png", headers={"Accept-Encoding": "gzip"}
    ) as icon:
        assert "Content-Encoding" not in icon.headers
        assert icon.data.startswith(b"\x89PNG")


def test_the_office_maps_libraries_are_not_precached(tmp_path):
    for name in (
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/images/layers.png",
        "vendor/leaflet.markercluster/MarkerCluster.css",
        "js/office-map.js",
        "js/outbox.js",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert static_assets(tmp_path) == ["js/outbox.js"]

"""The office pages in a browser: at 360 px and on a desk screen, axe-core, the map
without a tile server, and the dashboard printed on one A4 page."""

import io
import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import LIVE_USER_SEQ, PASSWORD
from tests.e2e.helpers import log_in
from tests.e2e.test_accessibility import serious_violations
from tests.factories import household_payload

PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 800}
A = "469006100"


@pytest.fixture(scope="module")
def office(live_app):
    """An admin, a town supervisor and households that need something doing."""
    from fieldapp.extensions import db
    from fieldapp.services.accounts import create_user
    from fieldapp.services.households import create_household
    from tests.report_factories import make_record

    seq = next(LIVE_USER_SEQ)
    names = {"admin": f"office-admin-{seq}", "supervisor": f"office-boss-{seq}"}
    with live_app.app_context():
        admin = create_user(names["admin"], PASSWORD, "admin", [])
        create_user(names["supervisor"], PASSWORD, "supervisor", [A])
        homes = []
        for index in range(4):
            location = {"lat": 18.79 + index / 100, "lon": 110.38, "accuracy_m": 9.0}
            home, _ = create_household(household_payload(A, location=location), admin)
            homes.append(home)
        when = datetime(2026, 3, 5, 1, tzinfo=UTC)
        make_record(homes[0], "housing_inspection", computed={"grade": "D"})
        make_record(homes[1], "housing_inspection", computed={"grade": "C"})
        data = {"stage": "in_works", "mode": "repair"}
        make_record(homes[1], "housing_renovation", data, computed={}, captured_at=when)
        make_record(homes[2], "device_fitting")  # follow-up long overdue
        # Works paid for: a sum of seven digits the table must not break.
        paid = {"stage": "paid"}
        big = {"estimated_total": 1234567.0}
        make_record(homes[3], "accessibility_assessment", paid, computed=big)
        db.session.remove()
    return names


def context(browser, live_server, viewport):
    """A browser context of the given size; any request off this server fails."""
    made = browser.new_context(base_url=live_server, viewport=viewport, locale="zh-CN")
    outside = []

    def only_local(route):
        if route.request.url.startswith(live_server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    made.route("**/*", only_local)
    made.outside = outside
    return made


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["360px", "desk"])
def test_office_pages_pass_axe_for_the_admin(browser, live_server, office, viewport):
    made = context(browser, live_server, viewport)
    page = made.new_page()
    log_in(page, office["admin"])
    for path in (
        "/",
        "/dashboard",
        f"/dashboard?town={A}",
        "/dashboard/list/housing/grade_D",
        "/quality",
        "/quality/never_visited",
        "/admin/audit",
        "/map",
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert serious_violations(page) == [], (path, viewport)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], (path, width)
        assert page.evaluate(BROKEN_NUMBERS_JS) == [], (path, viewport)
    made.close()


# Table cells holding a number (1,234 or 40% or 12) laid out on more than one line.
BROKEN_NUMBERS_JS = """() => [...document.querySelectorAll("table.grid td")]
  .filter((cell) => /^[\\d,.%—-]+$/.test(cell.textContent.trim()))
  .filter((cell) => {
    const lines = new Set();
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) lines.add(Math.round(rect.top));
    }
    return lines.size > 1;
  })
  .map((cell) => cell.textContent.trim())"""


def test_supervisor_starts_on_the_queue_and_the_dashboard(browser, live_server, office):
    made = context(browser, live_server, PHONE)
    page = made.new_page()
    log_in(page, office["supervisor"])
    expect(page.locator("#queue-title")).to_be_visible()
    page.get_by_role("link", name="查看概况").click()
    expect(page.locator("h1")).to_have_text("脱贫攻坚行动计划进展")
    assert serious_violations(page) == []
    made.close()


def map_points(page) -> int:
    """Wait for the map to load its households (this module's four at least:
    the live database is shared with other browser tests); how many markers
    and clusters it drew."""
    expect(page.locator("#map")).to_have_attribute("data-points", re.compile(r"\d+"))
    assert int(page.locator("#map").get_attribute("data-points")) >= 4
    return page.locator("#map path.need, #map .marker-cluster").count()


def test_map_draws_the_points_without_tiles(browser, live_server, office):
    made = context(browser, live_server, PHONE)
    page = made.new_page()
    log_in(page, office["supervisor"])
    page.goto("/map")
    assert map_points(page) >= 1
    expect(page.locator(".town-seat", has_text="万城镇")).to_be_visible()
    assert made.outside == []
    made.close()


def test_map_still_draws_when_the_tile_server_is_down(
    browser, live_server, live_app, office
):
    live_app.config["MAP_TILES_URL"] = "http://tiles.invalid/{z}/{x}/{y}.png"
    live_app.config["MAP_TILES_CRS"] = "gcj02"
    try:
        made = context(browser, live_server, DESK)
        page = made.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        log_in(page, office["admin"])
        page.goto("/map")
        assert map_points(page) >= 1
        # The tile layer asked for its tiles and got none.
        assert page.locator("#map img.leaflet-tile").count() > 0
        assert page.locator("#map img.leaflet-tile-loaded").count() == 0
        page.locator("#map path.need").first.click(force=True)
        expect(page.locator(".leaflet-popup-content a")).to_have_text("查看住户")
        assert errors == []
        made.close()
    finally:
        live_app.config["MAP_TILES_URL"] = ""
        live_app.config["MAP_TILES_CRS"] = "wgs84"


def test_dashboard_prints_on_one_a4_page(browser, live_server, office):
    made = context(browser, live_server, DESK)
    page = made.new_page()
    log_in(page, office["admin"])
    page.goto("/dashboard")
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    made.close()

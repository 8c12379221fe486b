"""The office's pages: dashboard, lists, XLSX, map, quality, audit, start page."""

import io
import json
import re

import pytest
from openpyxl import load_workbook

from fieldapp.models import AuditLog
from tests.factories import count, only
from tests.report_factories import make_record

A = "469006100"


@pytest.fixture
def boss(make_user, login):
    user = make_user("supervisor", towns=(A,))
    login(user)
    return user


def page(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def test_dashboard_shows_targets_and_links_each_number(client, boss, household):
    make_record(household, "housing_inspection", computed={"grade": "D"})
    html = page(client, "/dashboard")
    assert "危房改造(验收+拨付)" in html
    assert "/ 200" in html
    links = re.findall(r'href="(/dashboard/list/[^"]+)"', html)
    assert any(h.startswith("/dashboard/list/housing/grade_D?") for h in links)
    for href in set(links):
        assert client.get(href.replace("&amp;", "&")).status_code == 200, href


def test_list_behind_a_number_names_the_household(client, boss, household):
    make_record(household, "housing_inspection", computed={"grade": "D"})
    html = page(client, "/dashboard/list/housing/grade_D")
    assert household.uuid in html
    assert "共 1 条" in html
    assert "共 0 条" in page(client, "/dashboard/list/housing/grade_A")
    page(client, "/dashboard/list/housing/nonsense", 404)
    page(client, "/dashboard/list/nonsense/all", 404)


def test_a_future_day_is_said_to_be_a_projection(client, boss):
    assert 'id="future-day"' not in page(client, "/dashboard")
    html = page(client, "/dashboard?as_of=2099-12-31")
    assert 'id="future-day"' in html and "不是已经发生的事实" in html


def test_lists_give_stages_in_words(client, boss, household):
    data = {"mode": "rebuild", "stage": "paid", "accepted_on": "2026-06-01"}
    make_record(household, "housing_renovation", data, computed={})
    make_record(household, "accessibility_assessment", {"stage": "need_reported"})
    html = page(client, "/dashboard/list/renovations/stage_paid")
    assert "危房改造 · 已拨付" in html and "· paid" not in html
    html = page(client, "/dashboard/list/accessibility/all")
    assert "· need_reported" not in html


def test_field_workers_are_refused_the_office_pages(client, make_user, login):
    login(make_user("inspector"))
    for path in (
        "/dashboard",
        "/quality",
        "/dashboard.xlsx",
        "/dashboard/list/households/all",
    ):
        assert client.get(path).status_code == 403, path


def test_dashboard_xlsx_has_the_same_lines_and_is_audited(client, boss, household):
    make_record(household, "housing_inspection", computed={"grade": "C"})
    response = client.get("/dashboard.xlsx")
    assert response.status_code == 200
    response.get_data()
    response.close()  # the workbook is a temporary file
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = {
        row[0].strip(): row[1:] for row in sheet.iter_rows(values_only=True) if row[0]
    }
    assert rows["已鉴定住户"] == (1, 1)  # the whole scope, then 万城镇
    assert rows["C级(局部危房)"] == (1, 1)
    assert sheet["B2"].value == "合计" and sheet["C2"].value == "万城镇"
    entry = only(AuditLog, action="export", object_type="dashboard")
    assert entry.detail["as_of"] == sheet["A1"].value[-10:]


def test_dashboard_xlsx_carries_the_plans_targets(client, boss):
    response = client.get("/dashboard.xlsx")
    assert "dashboard-my-towns-" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.get_data()))
    response.close()
    targets = book["计划目标"]
    rows = {r[0]: r[1:] for r in targets.iter_rows(min_row=3, values_only=True)}
    renovated, target, deadline, _expected, flag = rows["危房改造(验收+拨付,户)"]
    assert (renovated, target, deadline) == (0, 200, "2018-12-31")
    assert flag == "目标为全市合计"  # a town supervisor's count is not the city's
    coverage = rows["托养服务覆盖率"]
    assert coverage[1:3] == (1, "2018-12-31") and coverage[4] == "无数据"
    assert targets["C4"].number_format == "0%"
    town = client.get(f"/dashboard.xlsx?town={A}")
    assert f"dashboard-{A}-" in town.headers["Content-Disposition"]
    town.close()


def test_the_citys_dashboard_xlsx_flags_the_housing_target(client, admin):
    city = client.get("/dashboard.xlsx")
    assert "dashboard-city-" in city.headers["Content-Disposition"]
    rows = {
        r[0]: r[1:]
        for r in load_workbook(io.BytesIO(city.get_data()))["计划目标"].iter_rows(
            min_row=3, values_only=True
        )
    }
    city.close()
    assert rows["危房改造(验收+拨付,户)"][4] == "明显落后"  # 0 of 200, past the day


def test_map_page_embeds_its_settings_as_json_and_no_inline_script(client, boss):
    html = page(client, "/map")
    block = re.search(
        r'<script type="application/json" id="map-config">(.*?)</script>', html, re.S
    )
    config = json.loads(block.group(1))
    assert config["tiles"] is None
    assert config["geojson"].startswith("/api/v1/households.geojson")
    assert [t["name"] for t in config["towns"]] == ["万城镇"]
    scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    assert scripts == []
    assert "vendor/leaflet/leaflet.js" in html


def test_map_uses_configured_tiles_and_shifts_for_gcj02(app, client, boss):
    app.config.update(
        MAP_TILES_URL="https://tiles.example/{z}/{x}/{y}.png",
        MAP_TILES_ATTRIBUTION="© example",
        MAP_TILES_CRS="gcj02",
    )
    try:
        html = page(client, "/map")
    finally:
        app.config.update(
            MAP_TILES_URL="", MAP_TILES_ATTRIBUTION="", MAP_TILES_CRS="wgs84"
        )
    block = re.search(r'id="map-config">(.*?)</script>', html, re.S).group(1)
    config = json.loads(block)
    assert config["tiles"]["url"] == "https://tiles.example/{z}/{x}/{y}.png"
    assert "crs=gcj02" in config["geojson"]
    seat = config["towns"][0]
    assert (round(seat["lat"], 3), round(seat["lon"], 3)) != (18.796, 110.389)


def test_quality_page_explains_each_check_and_links_the_full_list(
    client, boss, make_household
):
    homes = [make_household() for _ in range(7)]
    html = page(client, "/quality")
    assert "已登记但还没有任何调查记录的住户。" in html
    assert "/quality/never_visited" in html  # 7 found, 5 shown
    full = page(client, "/quality/never_visited")
    assert all(home.uuid in full for home in homes)
    page(client, "/quality/nonsense", 404)


def test_quality_lists_say_why_and_put_the_longest_overdue_first(
    client, boss, household
):
    make_record(household, flags=["gps_inaccurate", "gps_far_from_household"])
    html = page(client, "/quality/gps_flagged")
    assert "定位精度差" in html and "距住户超过500米" in html
    for due in ("2026-10-13", "2026-10-09", "2026-10-11"):
        make_record(
            household,
            "device_fitting",
            {"stage": "fitted", "fitted_on": "2026-09-01"},
            computed={"next_followup_due": due},
        )
    html = page(client, "/quality/followup_overdue")
    days = re.findall(r"应于 (\d{4}-\d{2}-\d{2}) 回访", html)
    assert days == ["2026-10-09", "2026-10-11", "2026-10-13"]


@pytest.mark.parametrize("path", ["/dashboard", "/quality", "/map"])
def test_office_town_filters_offer_the_users_towns(
    client, make_user, login, make_household, path
):
    """The quality page's filter once offered only 全部镇."""
    login(make_user("supervisor", towns=(A, "469006102")))
    html = page(client, path)
    options = re.findall(r'<option value="(\d+)" ?([^>]*)>', html)
    assert [code for code, _ in options] == [A, "469006102"]
    chosen = page(client, f"{path}?town=469006102")
    assert re.search(r'<option value="469006102" selected>', chosen)


def test_supervisor_start_page_shows_the_queue_and_the_plan(client, boss, household):
    make_record(household)
    html = page(client, "/")
    assert "待审核" in html and "计划进展" in html
    assert html.index("待审核") < html.index("计划进展")
    assert "我的住户" in html


def test_a_town_supervisors_start_page_does_not_judge_the_city_target(client, boss):
    """The city's 200 houses are no town's target: the start page said 无数据
    beside a supervisor's own renovated houses; the dashboard says why."""
    html = page(client, "/")
    line = html[html.index("危房改造(验收+拨付)") :]
    line = line[: line.index("</li>")]
    assert "目标为全市合计" in line and "无数据" not in line


def test_admin_start_page_leads_with_the_plan(client, make_user, login):
    login(make_user("admin", towns=()))
    html = page(client, "/")
    assert html.index("计划进展") < html.index("待审核")
    line = html[html.index("危房改造(验收+拨付)") :]
    assert "目标为全市合计" not in line[: line.index("</li>")]


def test_field_worker_start_page_is_unchanged(client, make_user, login):
    login(make_user("inspector"))
    html = page(client, "/")
    assert "计划进展" not in html and "今日走访" in html


@pytest.fixture
def admin(make_user, login):
    user = make_user("admin", towns=(), username="chief")
    login(user)
    return user


def test_audit_page_is_for_admins_only(client, make_user, login):
    login(make_user("supervisor"))
    assert client.get("/admin/audit").status_code == 403
    assert client.get("/admin/audit.csv").status_code == 403


def test_audit_page_filters_by_action_user_and_town(
    client, admin, make_user, household, make_household
):
    other = make_household("469006101")
    client.get(f"/households/{household.uuid}/casefile.pdf")
    client.get(f"/households/{other.uuid}/casefile.pdf?unmasked=1")
    html = page(client, "/admin/audit?action=view_unmasked")
    assert other.uuid in html and household.uuid not in html
    html = page(client, f"/admin/audit?action=print&town={A}&user=chief")
    assert household.uuid in html and "共 1 条" in html
    assert "共 0 条" in page(client, "/admin/audit?action=print&user=nobody")
    assert "共 0 条" in page(client, "/admin/audit?action=print&town=469006101")


def test_audit_filters_by_day_and_shows_failed_logins(client, admin):
    client.post("/logout")
    client.post("/login", data={"username": "chief", "password": "wrong"})
    client.post("/login", data={"username": "chief", "password": "correct-horse-9"})
    html = page(client, "/admin/audit?action=login_failed")
    assert "登录失败" in html and "共 1 条" in html
    assert "共 0 条" in page(
        client, "/admin/audit?action=login_failed&until=2020-01-01"
    )


def test_audit_days_outside_the_office_days_are_ignored(client, admin):
    """until=9999-12-31 and since=0001-01-01 once made a 500 (the next
    midnight, and midnight in UTC, left Python's dates); now they filter
    nothing, like any other day the page cannot read."""
    every = re.findall(r"共 \d+ 条", page(client, "/admin/audit?action=login"))
    assert every and every != ["共 0 条"]
    for query in ("until=9999-12-31", "since=0001-01-01"):
        html = page(client, f"/admin/audit?action=login&{query}")
        assert re.findall(r"共 \d+ 条", html) == every
        response = client.get(f"/admin/audit.csv?action=login&{query}")
        assert response.status_code == 200
        response.close()


def test_audit_export_is_csv_and_is_itself_audited(client, admin):
    before = count(AuditLog)
    response = client.get("/admin/audit.csv?action=login")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    response.close()
    assert text.startswith("\ufeff时间,用户,操作,对象类型,对象,镇,IP,详情\r\n")
    assert "登录" in text and "途径: 网页" in text
    entry = only(AuditLog, action="export", object_type="audit_log")
    assert entry.detail == {"document": "audit.csv", "action": "login"}
    assert count(AuditLog) == before + 1


def test_audit_page_finds_reviews_and_reopenings_by_town(
    client, api, login, make_user, household
):
    record = make_record(household)
    boss = make_user("supervisor", towns=(A,))
    body = {"decision": "approve", "comment": "", "version": record.version}
    review = api(boss).post(f"/api/v1/records/{record.uuid}/review", json=body)
    assert review.status_code == 200, review.get_data(as_text=True)
    reopen = api(boss).post(
        f"/api/v1/records/{record.uuid}/reopen", json={"comment": "面积填错"}
    )
    assert reopen.status_code == 200, reopen.get_data(as_text=True)
    login(make_user("admin", towns=()))
    html = page(client, f"/admin/audit?action=review&town={A}")
    assert "共 1 条" in html and record.uuid in html
    html = page(client, f"/admin/audit?action=reopen&user={boss.username}")
    assert "共 1 条" in html
    assert "共 0 条" in page(client, "/admin/audit?action=review&town=469006101")

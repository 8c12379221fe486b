"""Accessibility-assessment pages: the form without JavaScript, the record page,
before/after photos and the stage workflow on correction."""

import io
import re

import pytest
from PIL import Image

from fieldapp.models import Record
from forms.json import flatten
from tests.factories import count, new_uuid, only, record_payload

KIND = "accessibility_assessment"


@pytest.fixture
def household(make_household):
    return make_household()


@pytest.fixture
def inspector(make_user, login):
    user = make_user("inspector")
    login(user)
    return user


def envelope(household, **data_fields) -> dict:
    """The flattened fields of a no-JS post: envelope plus the given data fields."""
    form = {
        "uuid": new_uuid(),
        "kind": KIND,
        "household_uuid": household.uuid,
        "captured_at": "2026-03-05T09:12",
        "location-lat": "18.8",
        "location-lon": "110.39",
        "location-accuracy_m": "9",
        "data-stage": "need_reported",
    }
    form.update({f"data-{k}": v for k, v in data_fields.items()})
    return form


def row(index, code="", quantity="", unit_cost="", note="") -> dict:
    """One item row as the page posts it (blank strings when untouched)."""
    return {
        f"items-{index}-code": code,
        f"items-{index}-quantity": quantity,
        f"items-{index}-unit_cost": unit_cost,
        f"items-{index}-note": note,
    }


def post_new(client, form):
    return client.post(f"/surveys/{KIND}/new", data=form)


def test_form_lists_the_catalogue_with_whom_items_serve_and_two_spare_rows(
    client, inspector, household
):
    html = client.get(f"/surveys/{KIND}/new?household={household.uuid}").get_data(
        as_text=True
    )
    assert 'name="data-items-0-code"' in html and 'name="data-items-1-code"' in html
    assert 'name="data-items-2-code"' not in html
    assert "扶手、安全抓杆 · 视力残疾、肢体残疾" in html
    assert "煤气泄漏声光报警器 · 各类残疾" in html
    assert '<option value="">请选择改造项目</option>' in html
    assert 'data-add-row="item-rows"' in html
    assert 'name="data-ramp-rise_m"' in html and 'name="data-stage"' in html


def test_no_js_post_stores_items_ignores_blank_rows_and_shows_costs(
    client, inspector, household
):
    form = envelope(
        household,
        **row(0, "ENT-RAMP", "1"),  # unit cost left blank: catalogue 1500
        **row(1),
        **row(2, "RAIL", "3", "200", "卫生间"),
        **row(3),
        **{"ramp-rise_m": "0.45", "ramp-run_m": "6"},
    )
    response = post_new(client, form)
    assert response.status_code == 302, response.get_data(as_text=True)
    record = only(Record)
    assert [line["code"] for line in record.data["items"]] == ["ENT-RAMP", "RAIL"]
    assert "unit_cost" not in record.data["items"][0]
    assert record.computed["estimated_total"] == 2100.0
    assert record.computed["over_cap"] is False
    assert (record.computed["ramp_slope"], record.computed["ramp_ok"]) == (0.075, True)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2,100.00 元" in page and "1,500.00" in page and "600.00" in page
    assert "目录默认" in page and "卫生间" in page
    assert "需求已上报" in page


def test_a_row_with_anything_typed_is_validated_not_dropped(
    client, inspector, household
):
    form = envelope(household, **row(0, "RAIL", "2"), **row(1, note="门口要扶手"))
    response = post_new(client, form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "此项必填" in html
    assert 'value="门口要扶手"' in html
    assert count(Record) == 0


def test_refused_post_keeps_everything_typed(client, inspector, household):
    form = envelope(
        household,
        **row(0, "BATH", "0", "999"),
        **{"ramp-rise_m": "0.3", "ramp-run_m": "", "notes": "老人坐轮椅"},
    )
    response = post_new(client, form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(r'<option selected value="BATH">', html)
    assert 'value="999"' in html and 'value="0.3"' in html
    assert "老人坐轮椅" in html
    assert count(Record) == 0


def test_over_cap_and_a_steep_ramp_are_highlighted_on_the_record_page(
    client, inspector, household
):
    form = envelope(
        household,
        **row(0, "SMART", "3"),
        **row(1, "RAIL", "1", "0.01"),
        **{"ramp-rise_m": "0.31", "ramp-run_m": "2.4"},
    )
    response = post_new(client, form)
    assert response.status_code == 302, response.get_data(as_text=True)
    record = only(Record)
    assert record.computed["estimated_total"] == 6000.01
    assert record.computed["over_cap"] is True
    assert record.computed["ramp_suggestion"] == "too_steep"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert re.search(r'class="error">超出上限', page)
    assert "坡度陡于所依据标准允许的最大坡度" in page and "不合规" in page


def test_edit_page_shows_the_stored_rows_and_two_spare_ones(
    client, api, inspector, household
):
    body = record_payload(KIND, household)
    assert api(inspector).post("/api/v1/records", json=body).status_code == 201
    html = client.get(f"/records/{body['uuid']}/edit").get_data(as_text=True)
    assert re.search(r'<option selected value="RAIL">', html)
    assert 'name="data-items-3-code"' in html
    assert 'name="data-items-4-code"' not in html
    assert "当前进度: 需求已上报" in html


# Every stage's facts (API.md "Stages and dates"): the sample has items.
DATES = {
    "started_on": "2026-04-01",
    "accepted_on": "2026-05-01",
    "paid_on": "2026-05-20",
}


def create_at_stage(api, user, household, stage) -> dict:
    body = record_payload(KIND, household)
    body["data"].update(stage=stage, **DATES)
    response = api(user).post("/api/v1/records", json=body)
    assert response.status_code == 201, response.json
    return body


@pytest.mark.parametrize(
    ("old", "new", "status"),
    [
        ("need_reported", "need_reported", 200),
        ("need_reported", "verified", 200),
        ("verified", "plan_signed", 200),
        ("plan_signed", "in_works", 200),
        ("in_works", "accepted", 200),
        ("in_works", "rejected", 200),
        ("rejected", "in_works", 200),
        ("accepted", "paid", 200),
        ("paid", "paid", 200),
        ("need_reported", "plan_signed", 422),  # skips the home visit
        ("verified", "need_reported", 422),
        ("in_works", "paid", 422),
        ("rejected", "accepted", 422),
        ("paid", "accepted", 422),
    ],
)
def test_put_follows_the_stage_workflow(api, make_user, household, old, new, status):
    inspector = make_user("inspector")
    body = create_at_stage(api, inspector, household, old)
    body["data"]["stage"] = new
    response = api(inspector).put(
        f"/api/v1/records/{body['uuid']}", json={**body, "version": 1}
    )
    assert response.status_code == status, response.json
    record = only(Record)
    if status == 422:
        assert response.json["errors"] == {"data-stage": ["进度不能倒退或跳过步骤。"]}
        assert (record.version, record.stage) == (1, old)
    else:
        assert (record.version, record.stage) == (2, new)


def test_html_correction_cannot_move_the_stage_back(client, api, inspector, household):
    body = create_at_stage(api, inspector, household, "verified")
    form = flatten(body)
    form.update({"captured_at": "2026-03-05T09:12", "version": "1"})
    form["data-stage"] = "need_reported"
    form["data-notes"] = "改回上报"
    response = client.post(f"/records/{body['uuid']}/edit", data=form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "进度不能倒退或跳过步骤。" in html and "改回上报" in html
    assert only(Record).version == 1
    form["data-stage"] = "plan_signed"
    assert client.post(f"/records/{body['uuid']}/edit", data=form).status_code == 302
    assert (only(Record).version, only(Record).stage) == (2, "plan_signed")


def test_record_page_shows_who_first_reached_each_stage(
    client, api, make_user, login, household
):
    first = make_user("inspector", username="zhang")
    second = make_user("inspector", username="li")
    body = create_at_stage(api, first, household, "need_reported")
    steps = [(second, "verified"), (first, "verified"), (first, "plan_signed")]
    for version, (user, stage) in enumerate(steps, start=1):
        body["data"]["stage"] = stage
        body["data"]["notes"] = f"第{version}次修改"
        response = api(user).put(
            f"/api/v1/records/{body['uuid']}", json={**body, "version": version}
        )
        assert response.status_code == 200, response.json
    login(first)
    page = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    history = re.search(r"data-stage-history>(.*?)</ol>", page, re.S).group(1)
    entries = [
        " ".join(li.split()) for li in re.findall(r"<li>(.*?)</li>", history, re.S)
    ]
    assert len(entries) == 3
    assert entries[0].startswith("需求已上报 · zhang ·") and entries[0].endswith(
        "第 1 版"
    )
    assert entries[1].startswith("已入户核实 · li ·") and entries[1].endswith("第 2 版")
    assert entries[2].startswith("方案已签字 · zhang ·") and entries[2].endswith(
        "第 4 版"
    )


def png_bytes(color) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buffer, "PNG")
    return buffer.getvalue()


def test_photos_chosen_as_before_and_after_are_grouped(
    client, api, inspector, household
):
    body = create_at_stage(api, inspector, household, "in_works")
    page = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    assert '<select id="photo-tag" name="tag">' in page
    for tag, color in (("before", "red"), ("after", "green"), ("", "blue")):
        response = client.post(
            f"/records/{body['uuid']}/photos",
            data={
                "uuid": new_uuid(),
                "tag": tag,
                "caption": f"照片{tag}",
                "file": (io.BytesIO(png_bytes(color)), "p.png"),
            },
            content_type="multipart/form-data",
        )
        assert response.status_code == 302
    assert sorted(p.tag for p in only(Record).photos) == ["", "after", "before"]
    page = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    groups = dict(re.findall(r'data-photo-tag="(\w+)">(.*?)</ul>', page, re.S))
    assert groups["before"].count("<img") == 1 and "照片before" in groups["before"]
    assert groups["after"].count("<img") == 1 and "照片after" in groups["after"]
    assert "改造前 · 照片before" in page  # the tag is named in the full photo list
    client.post(
        f"/records/{body['uuid']}/photos",
        data={
            "uuid": new_uuid(),
            "taken_at": "2026-03-05T09:12",
            "file": (io.BytesIO(png_bytes("white")), "p.png"),
        },
        content_type="multipart/form-data",
    )
    page = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    lines = re.findall(r'<span class="muted">([^<]*)</span></li>', page)
    # No category, no caption: the time alone, not " · 2026-03-05 09:12".
    assert "2026-03-05 09:12" in lines and not [x for x in lines if x.startswith(" ·")]


@pytest.mark.parametrize(
    ("stage", "data", "field"),
    [
        ("paid", {"items": []}, "data-items"),
        ("plan_signed", {"items": []}, "data-items"),
        ("in_works", {}, "data-started_on"),
        ("accepted", {"started_on": "2026-04-01"}, "data-accepted_on"),
        ("rejected", {"started_on": "2026-04-01"}, "data-accepted_on"),
        (
            "paid",
            {"started_on": "2026-04-01", "accepted_on": "2026-05-01"},
            "data-paid_on",
        ),
    ],
)
def test_a_job_starts_at_a_later_stage_only_with_its_facts(
    api, inspector, household, stage, data, field
):
    body = record_payload(KIND, household)
    body["data"].update(stage=stage, **data)
    if not body["data"]["items"]:
        del body["data"]["items"]
    response = api(inspector).post("/api/v1/records", json=body)
    assert response.status_code == 422, response.json
    assert response.json["errors"] == {field: ["该进度需要填写此项。"]}
    assert count(Record) == 0


def test_a_job_accepted_before_it_started_is_refused(api, inspector, household):
    body = record_payload(KIND, household)
    body["data"].update(
        stage="accepted", started_on="2026-04-01", accepted_on="2026-03-01"
    )
    response = api(inspector).post("/api/v1/records", json=body)
    assert response.status_code == 422
    assert response.json["errors"] == {
        "data-accepted_on": ["日期不能早于前一阶段的日期。"]
    }

"""Housing inspection pages: both methods without JavaScript, refusals, record page."""

import re

import pytest

from fieldapp.models import Record
from tests.factories import count, member_payload, only, record_payload
from tests.html_forms import posted_fields as form_fields

URL = "/surveys/housing_inspection/new"


def posted_fields(html: str) -> dict[str, str]:
    """What a browser without JavaScript would post from #survey-form."""
    return form_fields(html, "survey-form")


@pytest.fixture
def household(make_household):
    return make_household()


@pytest.fixture
def inspector(login, make_user):
    user = make_user("inspector")
    login(user)
    return user


def fill(client, household, values: dict) -> dict:
    """The page's own fields, as a phone without JavaScript posts them, plus ours."""
    html = client.get(f"{URL}?household={household.uuid}").get_data(as_text=True)
    fields = posted_fields(html)
    fields.update(
        {
            "captured_at": "2026-03-05T09:12",
            "location-lat": "18.8",
            "location-lon": "110.39",
            "location-accuracy_m": "9",
        }
    )
    fields.update(values)
    return fields


RURAL = {
    "data-method": "rural_2019",
    "data-structure_type": "brick_wood",
    "data-floors": "1",
    "data-built_year": "1995",
    "data-components-walls": "c",
    "data-components-roof": "b",
    "data-defects-walls": "后墙贯通裂缝",
}
JGJ = {
    "data-method": "jgj125_2016",
    "data-structure_type": "brick_concrete",
    "data-floors": "1",
    "data-built_year": "1988",
    "data-foundation-total": "8",
    "data-foundation-dangerous": "0",
    "data-storeys-0-wall-total": "10",
    "data-storeys-0-wall-dangerous": "1",
    "data-storeys-0-roof_truss-total": "4",
}


def test_page_offers_both_methods_with_every_section_visible(
    client, inspector, household
):
    html = client.get(f"{URL}?household={household.uuid}").get_data(as_text=True)
    assert 'value="rural_2019"' in html and 'value="jgj125_2016"' in html
    assert 'data-method-section="rural_2019"' in html
    assert 'data-method-section="jgj125_2016"' in html
    assert "hidden" not in html.split('id="section-rural_2019"')[1][:40]
    assert "基础埋深过浅,有明显不均匀沉降" in html  # the grade descriptors as hints
    assert "未评定(无此部分)" in html
    assert 'data-household-size="1"' in html
    fields = posted_fields(html)
    assert fields["data-method"] == "rural_2019"
    for part in ("foundation", "walls", "frame", "roof", "enclosure"):
        assert fields[f"data-components-{part}"] == ""
        assert f"data-defects-{part}" in fields
    # Without JavaScript and without a floor count: three blank storey blocks.
    storeys = {
        name.split("-")[2] for name in fields if name.startswith("data-storeys-")
    }
    assert storeys == {"0", "1", "2"}
    assert fields["data-storeys-2-enclosure_member-total"] == ""
    assert fields["data-storeys-0-wall-dangerous"] == ""
    assert fields["data-foundation-dangerous"] == ""
    assert "围护结构承重构件" in html and 'inputmode="numeric"' in html
    assert "data-storeys-__index__-wall-total" in html  # the template JS clones


def test_no_js_post_of_the_rural_method_stores_its_grade(client, inspector, household):
    response = client.post(URL, data=fill(client, household, RURAL))
    assert response.status_code == 302, response.get_data(as_text=True)
    record = only(Record)
    assert record.computed["grade"] == "C"
    assert record.computed["renovation_mode"] == "repair"
    assert record.data["components"] == {"walls": "c", "roof": "b"}
    assert record.data["defects"] == {"walls": "后墙贯通裂缝"}
    assert "storeys" not in record.data and "foundation" not in record.data
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "C级(局部危房)" in page and "后墙贯通裂缝" in page


def test_no_js_post_of_the_jgj_method_ignores_blank_storey_blocks(
    client, inspector, household
):
    response = client.post(URL, data=fill(client, household, JGJ))
    assert response.status_code == 302, response.get_data(as_text=True)
    computed = only(Record).computed
    assert computed["ratio"] == 0.0431
    assert computed["storey_grades"] == ["C_u"]  # not three layers
    assert computed["grade"] == "B"
    assert only(Record).data["storeys"] == [
        {
            "wall": {"total": 10, "dangerous": 1},
            "roof_truss": {"total": 4, "dangerous": 0},
        }
    ]


def test_blank_storey_blocks_do_not_count_as_layers(client, inspector, household):
    # One D_u storey, R = 1/18 (band C): over f + 1 = 2 layers 3 x 1 > 2 gives D;
    # the two blank blocks, if counted as layers, would make it 3 <= 4, i.e. C.
    values = {
        **JGJ,
        "data-foundation-total": "4",
        "data-storeys-0-wall-total": "",
        "data-storeys-0-wall-dangerous": "",
        "data-storeys-0-roof_truss-total": "",
        "data-storeys-0-slab-total": "4",
        "data-storeys-0-slab-dangerous": "1",
    }
    response = client.post(URL, data=fill(client, household, values))
    assert response.status_code == 302, response.get_data(as_text=True)
    computed = only(Record).computed
    assert computed["ratio"] == 0.0556
    assert computed["storey_grades"] == ["D_u"]
    assert computed["grade"] == "D"


def test_refused_post_keeps_every_typed_value(client, inspector, household):
    values = {
        **JGJ,
        "data-floors": "2",
        "data-storeys-0-wall-dangerous": "12",
        "data-storeys-1-slab-total": "6",
        "data-components-walls": "b",
        "data-defects-roof": "瓦片松动",
    }
    response = client.post(URL, data=fill(client, household, values))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert count(Record) == 0
    error = html.split('id="data-storeys-0-wall-dangerous-error"')[1][:40]
    assert "危险构件数不能大于总数" in error
    fields = posted_fields(html)
    for name, value in values.items():
        assert fields[name] == value, name
    assert fields["data-storeys-1-slab-dangerous"] == ""
    assert fields["data-storeys-2-wall-total"] == ""  # every posted block comes back


def test_refused_rural_post_says_what_is_missing(client, inspector, household):
    values = {
        **RURAL,
        "data-components-walls": "",
        "data-components-roof": "",
        "data-floors": "two",
    }
    response = client.post(URL, data=fill(client, household, values))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "请至少评定一个组成部分。" in html
    assert 'id="data-floors-error"' in html
    fields = posted_fields(html)
    assert fields["data-floors"] == "two"
    assert fields["data-defects-walls"] == "后墙贯通裂缝"
    assert fields["data-structure_type"] == "brick_wood"


def test_refused_jgj_post_without_foundation_counts(client, inspector, household):
    values = {**JGJ, "data-foundation-total": "", "data-foundation-dangerous": ""}
    response = client.post(URL, data=fill(client, household, values))
    assert response.status_code == 422
    assert "请填写基础构件数。" in response.get_data(as_text=True)


def test_record_page_shows_grade_components_and_notes(
    client, api, make_user, household
):
    body = record_payload("housing_inspection", household)
    body["data"]["defects"] = {"roof": "屋面大面积漏雨"}
    assert (
        api(make_user("inspector")).post("/api/v1/records", json=body).status_code
        == 201
    )
    login_as_supervisor(client, make_user)
    page = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    assert 'data-grade="C"' in page and "C级(局部危房)" in page
    assert "修缮加固" in page and "不低于 8000 元/户" in page
    assert "建村函〔2019〕200号" in page
    for part in ("地基基础", "承重墙", "木柱、梁、檩", "屋面及楼屋盖", "围护结构"):
        assert part in page
    assert "屋面大面积漏雨" in page
    assert "<td>未评定</td>" in page  # enclosure was left out
    assert re.search(r"<td>[abcd]级</td>", page)  # components a–d, the house A–D
    assert not re.search(r"<td>[ABCD]</td>", page)


def test_record_page_of_jgj_shows_ratio_layers_and_counts(
    client, api, make_user, make_household
):
    household = make_household(
        members=[member_payload(), member_payload(relation="spouse")]
    )
    body = record_payload("housing_inspection", household)
    body["data"] = {
        "method": "jgj125_2016",
        "structure_type": "brick_concrete",
        "floors": 1,
        "site_dangerous": False,
        "foundation": {"total": 8, "dangerous": 1},
        "storeys": [
            {
                "wall": {"total": 10, "dangerous": 4},
                "roof_truss": {"total": 4, "dangerous": 2},
            }
        ],
    }
    assert (
        api(make_user("inspector")).post("/api/v1/records", json=body).status_code
        == 201
    )
    login_as_supervisor(client, make_user)
    page = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    assert "D级(整幢危房)" in page and "拆除重建" in page
    assert "28.91 %" in page  # DOMAIN §1.5: R = 28.9 %
    assert "<td>Cu级</td>" in page and "<td>Du级</td>" in page
    assert "_u<" not in page  # the data's code is not shown
    assert "不低于 35000 元/户" in page and "30–40 m²" in page  # two persons
    assert "基础构件:共 8 个,其中危险 1 个" in page
    assert "墙体" in page and "屋架" in page


def test_edit_page_has_one_storey_block_per_floor(client, api, make_user, household):
    body = record_payload("housing_inspection", household)
    storey = {"slab": {"total": 6, "dangerous": 0}}
    body["data"] = {
        "method": "jgj125_2016",
        "structure_type": "concrete",
        "floors": 2,
        "foundation": {"total": 6},
        "storeys": [storey, storey],
    }
    writer = make_user("inspector")
    assert api(writer).post("/api/v1/records", json=body).status_code == 201
    from tests.conftest import PASSWORD

    client.post("/login", data={"username": writer.username, "password": PASSWORD})
    fields = posted_fields(
        client.get(f"/records/{body['uuid']}/edit").get_data(as_text=True)
    )
    assert fields["data-method"] == "jgj125_2016"
    assert fields["data-storeys-1-slab-total"] == "6"
    assert "data-storeys-2-slab-total" not in fields


def login_as_supervisor(client, make_user):
    from tests.conftest import PASSWORD

    user = make_user("supervisor")
    response = client.post(
        "/login", data={"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302

"""Every problem an import reports, by row and column, and bad files refused whole."""

import io
from datetime import date

import pytest

from fieldapp.models import Household, Job, Person
from tests.factories import count, make_id, member_payload
from tests.import_factories import household_rows, person_row, xlsx

TOWN, OTHER_TOWN = "469006100", "469006101"
URL = "/api/v1/imports/households"


@pytest.fixture
def boss(make_user):
    return make_user("supervisor", towns=[TOWN])


def send(api, user, data: bytes, name="名单.xlsx"):
    """Post a file as a dry run."""
    form = {"file": (io.BytesIO(data), name), "dry_run": "1"}
    return api(user).post(URL, data=form, content_type="multipart/form-data")


def wrong_check_digit(number: str) -> str:
    """The same ID number with another check character."""
    return number[:-1] + ("1" if number[-1] != "1" else "2")


def other_person_card(row: dict) -> dict:
    return {"disability_card": make_id(date(1970, 1, 1)) + "41"}


# (what to change in row 3 (the second person), column, a part of the message)
ROW_PROBLEMS = [
    (lambda r: {"id_number": wrong_check_digit(r["id_number"])}, "身份证号", "校验位"),
    (other_person_card, "残疾人证号", "不一致"),
    (lambda r: {"town": "不存在镇"}, "镇", "未知的镇"),
    (lambda r: {"lat": "北纬18度"}, "纬度", "坐标无法识别"),
    (lambda r: {"lon": 250.0}, "经度", ""),
    (lambda r: {"phone": "12345"}, "联系电话", "电话号码格式不正确"),
    (lambda r: {"relation": "表亲"}, "与户主关系", "应为以下之一"),
    (lambda r: {"poverty_status": "富裕户"}, "贫困类型", "应为以下之一"),
    (lambda r: {"village": "别的村"}, "村", "不一致"),
    (lambda r: {"name": ""}, "姓名", ""),
    (lambda r: {"register_no": ""}, "户编号", "必须填写户编号"),
]


@pytest.mark.parametrize(("change", "column", "words"), ROW_PROBLEMS)
def test_a_row_problem_is_named_by_row_and_column(api, boss, change, column, words):
    rows = household_rows("WN-1", members=2)
    rows[1] |= change(rows[1])
    response = send(api, boss, xlsx(rows))
    assert response.status_code == 200
    body = response.get_json()
    assert body["error_count"] == 1, body["errors"]
    problem = body["errors"][0]
    assert (problem["row"], problem["column"]) == (3, column)
    assert words in problem["message"]
    assert rows[1]["id_number"] not in response.get_data(as_text=True)


def test_a_town_outside_the_users_is_refused(api, boss):
    rows = household_rows("WN-1", members=2, town="龙滚镇")
    problem = send(api, boss, xlsx(rows)).get_json()["errors"][0]
    assert (problem["row"], problem["column"], problem["value"]) == (2, "镇", "龙滚镇")
    assert problem["message"] == "不是您负责的镇。"


def test_two_heads_are_refused_on_the_household_first_row(api, boss):
    rows = household_rows("WN-1", members=2)
    rows[1]["relation"] = "户主"
    problem = send(api, boss, xlsx(rows)).get_json()["errors"][0]
    assert (problem["row"], problem["column"]) == (2, "与户主关系")
    assert problem["message"] == "需要且只能有一名户主。"


def test_an_id_stored_as_a_number_is_caught(api, boss):
    # All digits: an ID ending in X (one in eleven of make_id's) stays text.
    rows = household_rows("WN-1", members=1, id_number="469006196103041235")
    data = xlsx(rows, as_number=("id_number",))
    problem = send(api, boss, data).get_json()["errors"][0]
    assert (problem["row"], problem["column"]) == (2, "身份证号")
    assert "存成了数字" in problem["message"]


def test_the_same_person_twice_in_the_file(api, boss):
    first = household_rows("WN-1", members=1)
    twin = household_rows("WN-2", members=1, id_number=first[0]["id_number"])
    body = send(api, boss, xlsx(first + twin)).get_json()
    assert body["errors"] == [
        {
            "row": 3,
            "column": "身份证号",
            "message": "同一身份证号已在第 2 行出现。",
            "value": first[0]["id_number"][:6]
            + "********"
            + first[0]["id_number"][-4:],
        }
    ]


def test_a_person_of_another_household_is_refused(api, boss, make_household):
    mine = make_household(TOWN)
    far = make_household(OTHER_TOWN)
    rows = [
        person_row("WN-1", id_number=mine.members[0].id_number),
        person_row("WN-1", id_number=far.members[0].id_number, relation="子女"),
    ]
    mine_no = {"register_no": "H-1"}
    from fieldapp.extensions import db

    mine.register_no = mine_no["register_no"]  # already on the county's list
    db.session.commit()
    body = send(api, boss, xlsx(rows)).get_json()
    messages = {(e["row"], e["column"]): e["message"] for e in body["errors"]}
    assert messages[(2, "身份证号")].startswith("此人已登记在另一住户中,不能重复登记。")
    assert messages[(3, "身份证号")] == "此人已在本市其他住户登记,不能重复登记。"
    assert far.uuid not in str(body)


def test_a_household_of_another_town_cannot_be_changed(api, boss, make_household):
    far = make_household(OTHER_TOWN)
    rows = [person_row(far.uuid, id_number=far.members[0].id_number)]
    body = send(api, boss, xlsx(rows)).get_json()
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(2, "户编号")]


def test_a_city_wide_supervisor_imports_into_any_town(api, make_user):
    city = make_user("supervisor", towns=[])
    rows = household_rows("WN-1", town="龙滚镇") + household_rows("WN-2", town=TOWN)
    body = send(api, city, xlsx(rows)).get_json()
    assert body["error_count"] == 0 and body["households_created"] == 2


def test_two_keys_for_one_stored_household_are_refused(api, boss, make_household):
    field = make_household(
        TOWN, members=[member_payload(), member_payload(relation="spouse")]
    )
    a, b = (m.id_number for m in field.members)
    rows = [
        person_row("WN-1", id_number=a),
        person_row("WN-2", id_number=b, relation="配偶"),
    ]
    problem = send(api, boss, xlsx(rows)).get_json()["errors"][0]
    assert (problem["row"], problem["column"]) == (3, "户编号")
    assert "WN-1" in problem["message"]


BAD_FILES = [
    (b"name,id\n1,2\n", "名单.xlsx", "not_xlsx", "不是 Excel 工作簿"),
    (b"\xd0\xcf\x11\xe0" + b"\0" * 600, "old.xls", "not_xlsx", ".xls"),
    (xlsx([], headers=()), "empty.xlsx", "empty_sheet", "空的"),
    (xlsx([]), "header-only.xlsx", "no_rows", "没有数据行"),
]


@pytest.mark.parametrize(("data", "name", "code", "words"), BAD_FILES)
def test_a_bad_file_is_refused_and_nothing_is_stored(
    api, boss, data, name, code, words
):
    response = send(api, boss, data, name)
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"] == code and words in body["errors"]["file"][0]
    assert count(Job) == 0 and count(Household) == 0


@pytest.mark.parametrize(
    ("rename", "words"),
    [
        ({"身份证号": "身份证号码"}, "缺少列:身份证号(表中有未知的列:身份证号码"),
        ({"经度": None}, "缺少列:经度"),
        ({"村": "镇"}, "列名重复:镇"),
    ],
)
def test_missing_or_renamed_columns_are_named(api, boss, rename, words):
    from fieldapp.importing.columns import HEADERS, KEYS

    pairs = [(rename.get(h, h), k) for h, k in zip(HEADERS, KEYS, strict=True)]
    pairs = [(h, k) for h, k in pairs if h is not None]
    data = xlsx(
        household_rows("WN-1"),
        headers=[h for h, _ in pairs],
        keys=[k for _, k in pairs],
    )
    response = send(api, boss, data)
    assert response.status_code == 422
    assert response.get_json()["error"] in ("missing_columns", "repeated_columns")
    assert words in response.get_json()["errors"]["file"][0]


def test_a_50_mb_upload_is_413_with_the_limit(api, boss):
    # The multipart body is built here, so the test client keeps it in memory.
    body = (
        b'--B\r\nContent-Disposition: form-data; name="file"; filename="big.xlsx"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n"
        + b"0" * (50 * 1024 * 1024)
        + b"\r\n--B--\r\n"
    )
    response = api(boss).post(
        URL, data=body, content_type="multipart/form-data; boundary=B"
    )
    assert response.status_code == 413
    assert "10 MB" in response.get_json()["message"]
    assert count(Job) == 0


def test_an_upload_without_a_file_is_422(api, boss):
    response = api(boss).post(
        URL, data={"dry_run": "1"}, content_type="multipart/form-data"
    )
    assert response.status_code == 422
    assert "file" in response.get_json()["errors"]


def test_too_many_rows_are_refused(api, boss, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_ROWS", 3)
    rows = household_rows("WN-1", members=2) + household_rows("WN-2", members=2)
    body = send(api, boss, xlsx(rows)).get_json()
    assert body["error_count"] == 1 and "最多导入 3 行" in body["errors"][0]["message"]
    assert count(Person) == 0


def test_problems_are_reported_in_the_uploaders_language(api, boss):
    rows = household_rows("WN-1", members=1, town="不存在镇")
    form = {"file": (io.BytesIO(xlsx(rows)), "list.xlsx"), "dry_run": "1"}
    response = api(boss).post(
        URL + "?lang=en", data=form, content_type="multipart/form-data"
    )
    message = response.get_json()["errors"][0]["message"]
    assert message == "Unknown town: use the name or 9-digit code of a town of Wanning."


def test_a_person_of_a_household_in_another_town_is_not_matched(
    api, boss, make_household
):
    far = make_household(OTHER_TOWN)  # no 户编号: would be matched by ID if in scope
    rows = [person_row("WN-1", id_number=far.members[0].id_number)]
    body = send(api, boss, xlsx(rows)).get_json()
    assert [(e["row"], e["column"], e["message"]) for e in body["errors"]] == [
        (2, "身份证号", "此人已在本市其他住户登记,不能重复登记。")
    ]

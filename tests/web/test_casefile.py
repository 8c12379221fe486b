"""The household case file: content, fonts, photos, rights and the audit trail."""

import re
from datetime import UTC, datetime

import pytest

from fieldapp.domain.ids import mask_card, mask_id
from fieldapp.models import AuditLog
from tests.factories import count
from tests.pdftools import pdf_fonts, pdf_images, pdf_pages, pdf_text
from tests.report_factories import JGJ125, add_photo, add_review, make_record

TOWN = "469006100"
OTHER_TOWN = "469006101"


@pytest.fixture
def case(app, make_household, make_user):
    """A household with one record of every kind, a photo, a review and flags."""
    household = make_household(TOWN)
    inspector = make_user("inspector", towns=[TOWN], username="zhang")
    boss = make_user("supervisor", towns=[TOWN], username="chen")
    housing = make_record(
        household,
        "housing_inspection",
        author=inspector,
        flags=["gps_inaccurate"],
        captured_at=datetime(2026, 3, 5, 1, 0, tzinfo=UTC),
    )
    add_photo(housing, app.config["UPLOAD_DIR"], caption="东墙裂缝")
    add_review(housing, boss, "return", "请补拍屋面照片")
    make_record(
        household,
        "accessibility_assessment",
        author=inspector,
        captured_at=datetime(2026, 3, 6, 1, 0, tzinfo=UTC),
    )
    make_record(
        household, "device_fitting", captured_at=datetime(2026, 3, 7, 1, 0, tzinfo=UTC)
    )
    make_record(
        household,
        "respite_assessment",
        captured_at=datetime(2026, 3, 8, 1, 0, tzinfo=UTC),
    )
    return household


def get_pdf(client, household, query=""):
    """GET the case file and check it is a PDF."""
    response = client.get(f"/households/{household.uuid}/casefile.pdf{query}")
    if response.status_code == 200:
        assert response.mimetype == "application/pdf"
        assert response.data.startswith(b"%PDF-")
    return response


def test_case_file_shows_household_records_and_masked_numbers(
    client, login, make_user, case
):
    login(make_user("supervisor", towns=[TOWN]))
    text = pdf_text(get_pdf(client, case).data)
    head = case.head
    expected = [
        *("困难残疾人家庭入户服务档案", "内部资料注意保密", head.name, "东岭村"),
        *(mask_id(head.id_number), mask_card(head.disability_card), "万城镇"),
        *("D级(整幢危房)", "拆除重建", "承重墙"),  # housing grade and components
        *("2,100.00元", "出入口坡化", "1:13.3"),  # accessibility total, item, ramp
        *("普通轮椅", "2029-03-05", "使用良好"),  # device replacement, follow-up
        *("Barthel总分45/100", "中度依赖", "2级"),  # respite total, band, care level
        *("定位精度差", "请补拍屋面照片", "退回", "chen"),  # flags, review trail
        *("东墙裂缝", "调查人(签字)", "户主或监护人(签字)", "审核人(签字)"),
    ]
    for phrase in expected:
        assert phrase in text, phrase
    assert head.id_number not in text
    assert head.phone not in text
    for birth in (head.birth_date.isoformat(), f"{head.birth_date:%Y%m%d}"):
        assert birth not in text  # the mask's hidden digits are nowhere else


def test_case_file_footer_counts_pages(client, login, make_user, case):
    login(make_user("supervisor", towns=[TOWN]))
    data = get_pdf(client, case).data
    pages = pdf_pages(data)
    text = pdf_text(data)
    assert pages >= 6  # cover, members, four record sections
    footers = re.findall(r"第(\d+)页/共(\d+)页", text)
    assert [int(n) for n, _total in footers] == list(range(1, pages + 1))
    assert {int(total) for _n, total in footers} == {pages}
    assert text.count("打印时间") >= pages


def test_case_file_embeds_only_the_cjk_font(client, login, make_user, case):
    login(make_user("supervisor", towns=[TOWN]))
    fonts = pdf_fonts(get_pdf(client, case).data)
    assert fonts
    for font in fonts:
        assert font["embedded"], font["line"]
        assert "Noto-Sans-CJK-SC" in font["name"], font["line"]


def test_case_file_holds_the_downscaled_photo(client, login, make_user, case, app):
    record = case_records_of(case)[0]
    add_photo(record, app.config["UPLOAD_DIR"], caption="屋面")
    login(make_user("supervisor", towns=[TOWN]))
    images = pdf_images(get_pdf(client, case).data)
    assert len(images) == 2
    for image in images:
        assert image["enc"] == "jpeg"
        assert image["width"] <= 800  # 84 mm at 150 dpi is about 496 px


def case_records_of(household):
    """The household's records, oldest first."""
    from fieldapp.printing.casefile import case_records

    return case_records(household)


def test_records_are_printed_in_time_order(client, login, make_user, make_household):
    household = make_household(TOWN)
    make_record(
        household, "respite_assessment", captured_at=datetime(2026, 5, 1, tzinfo=UTC)
    )
    make_record(
        household, "housing_inspection", captured_at=datetime(2026, 1, 1, tzinfo=UTC)
    )
    login(make_user("supervisor", towns=[TOWN]))
    text = pdf_text(get_pdf(client, household).data)
    assert text.index("1.危房鉴定") < text.index("2.托养评估")


def test_sections_print_records_with_missing_values(
    client, login, make_user, make_household
):
    household = make_household(TOWN)
    for kind in (
        "housing_inspection",
        "accessibility_assessment",
        "device_fitting",
        "respite_assessment",
        "future_survey",
    ):
        make_record(household, kind, data={}, computed={}, location=None)
    make_record(household, "housing_inspection", JGJ125)
    login(make_user("supervisor", towns=[TOWN]))
    text = pdf_text(get_pdf(client, household).data)
    assert "future_survey" in text
    assert "未定位" in text
    assert "综合危险构件比例R12.94%" in text and "墙体" in text  # JGJ 125 storeys


def test_unmasked_case_file_is_for_supervisors_and_audited(
    client, login, make_user, case
):
    login(make_user("inspector", towns=[TOWN]))
    assert get_pdf(client, case, "?unmasked=1").status_code == 403
    assert count(AuditLog, action="view_unmasked") == 0
    client.post("/logout")
    login(make_user("supervisor", towns=[TOWN], username="boss"))
    text = pdf_text(get_pdf(client, case, "?unmasked=1").data)
    assert case.head.id_number in text
    assert case.head.disability_card in text
    entry = db_only(AuditLog, action="view_unmasked")
    assert entry.object_key == case.uuid
    assert entry.actor_name == "boss"


def db_only(model, **filters):
    """The single row matching the filters."""
    from tests.factories import only

    return only(model, **filters)


def test_masked_case_file_is_logged_as_a_print(client, login, make_user, case):
    login(make_user("supervisor", towns=[TOWN]))
    get_pdf(client, case)
    assert count(AuditLog, action="print", object_key=case.uuid) == 1


@pytest.mark.parametrize(
    ("role", "towns", "status"),
    [
        ("inspector", [TOWN], 200),
        ("rehab_worker", [TOWN], 200),
        ("supervisor", [TOWN], 200),
        ("supervisor", [], 200),  # a supervisor without towns sees the whole city
        ("admin", [], 200),
        ("inspector", [OTHER_TOWN], 404),
        ("supervisor", [OTHER_TOWN], 404),
    ],
)
def test_case_file_rights_by_role_and_town(
    api, make_user, make_household, role, towns, status
):
    household = make_household(TOWN)
    response = api(make_user(role, towns=towns)).get(
        f"/households/{household.uuid}/casefile.pdf"
    )
    assert response.status_code == status


def test_case_file_needs_login(client, make_household):
    household = make_household(TOWN)
    response = client.get(f"/households/{household.uuid}/casefile.pdf")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_unknown_household_is_404(client, login, make_user):
    login(make_user("admin", towns=[]))
    assert client.get("/households/nope/casefile.pdf").status_code == 404


def test_preview_shows_the_same_document_with_a_print_button(
    client, login, make_user, case, app
):
    login(make_user("supervisor", towns=[TOWN]))
    response = client.get(f"/households/{case.uuid}/casefile")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "困难残疾人家庭入户服务档案" in html and 'id="print-button"' in html
    assert mask_id(case.head.id_number) in html and case.head.id_number not in html
    src = re.search(r'<img src="([^"]+)"', html).group(1)
    photo = client.get(src)
    photo.close()
    assert photo.status_code == 200 and photo.mimetype == "image/jpeg"


def test_household_page_links_to_the_case_file(
    client, login, make_user, make_household
):
    household = make_household(TOWN)
    login(make_user("inspector", towns=[TOWN]))
    html = client.get(f"/households/{household.uuid}").get_data(as_text=True)
    assert f"/households/{household.uuid}/casefile" in html
    assert f"/households/{household.uuid}/casefile.pdf" in html


def test_full_numbers_are_one_audited_tap_away_for_supervisors_only(
    client, login, make_user, case
):
    """There was no way on screen to the full-number case file: a supervisor
    had to type ?unmasked=1."""
    from fieldapp.models import AuditLog
    from tests.factories import count

    inspector = make_user("inspector", towns=[TOWN])
    login(inspector)
    page = client.get(f"/households/{case.uuid}").get_data(as_text=True)
    preview = client.get(f"/households/{case.uuid}/casefile").get_data(as_text=True)
    assert "data-unmask" not in page and "data-unmask" not in preview
    client.post("/logout")

    login(make_user("supervisor", towns=[TOWN]))
    page = client.get(f"/households/{case.uuid}").get_data(as_text=True)
    link = f"/households/{case.uuid}/casefile?unmasked=1"
    assert link in page and "将记入审计" in page
    preview = client.get(f"/households/{case.uuid}/casefile").get_data(as_text=True)
    assert link in preview and case.head.id_number not in preview
    before = count(AuditLog, action="view_unmasked")
    full = client.get(link)
    html = full.get_data(as_text=True)
    assert case.head.id_number in html and "隐藏完整号码" in html
    assert full.headers["Cache-Control"] == "no-store"
    assert f"/households/{case.uuid}/casefile.pdf?unmasked=1" in html
    assert count(AuditLog, action="view_unmasked") == before + 1


def test_typed_markup_is_printed_as_text(client, login, make_user, make_household):
    household = make_household(TOWN, address='<img src="file:///etc/hostname">12号')
    login(make_user("supervisor", towns=[TOWN]))
    data = get_pdf(client, household).data
    assert pdf_images(data) == []
    assert '<imgsrc="file:///etc/hostname">12号' in pdf_text(data)

"""The case file's renovation section: the stages with their dates, the money,
before and after photos side by side and the acceptance signatures; the
household page tells the same story (inspection → stages → photos)."""

import re

from tests.pdftools import pdf_images, pdf_text
from tests.report_factories import add_photo
from tests.web.test_survey_renovation import inspect, renovation

TOWN = "469006100"


def stored_case(app, api, make_user, household):
    """An accepted renovation of a D house with tagged photos; its record."""
    from fieldapp.models import Record
    from tests.factories import only

    inspector = make_user("inspector", towns=[TOWN], username="wang")
    inspection = inspect(api, inspector, household, "D")
    body = renovation(
        household,
        inspection,
        "accepted",
        accepted_by="符验收",
        subsidy_paid=35000.0,
        funding=[{"source": "central", "amount": 21000.0}],
    )
    assert api(inspector).post("/api/v1/records", json=body).status_code == 201
    record = only(Record, uuid=body["uuid"])
    upload = app.config["UPLOAD_DIR"]
    add_photo(record, upload, caption="旧房东墙", tag="before")
    add_photo(record, upload, caption="旧房屋面", tag="before")
    add_photo(record, upload, caption="新房正面", tag="after")
    add_photo(record, upload, caption="施工现场", tag="site")
    return record


def test_case_file_prints_the_renovation_section(
    app, client, api, login, make_user, household
):
    stored_case(app, api, make_user, household)
    login(make_user("supervisor", towns=[TOWN]))
    response = client.get(f"/households/{household.uuid}/casefile.pdf")
    assert response.status_code == 200
    text = pdf_text(response.data)
    section = text[text.index("危房改造") :]
    for words in (
        "改造方式拆除重建",
        "进度已验收",
        "施工中·2026-04-01",
        "已竣工·2026-06-20",
        "已验收·2026-06-28",
        "中央补助21,000.00",
        "资金合计21,000.00元",
        "补助下限35,000.00元",
        "改造前后对比照片",
        "竣工验收签字",
        "竣工验收签字验收人(签字):符验收",
        "验收日期:2026-06-28",
        f"户主(签字):{household.head.name}",
    ):
        assert words in section, words
    before_after = section[section.index("改造前后对比照片") :]
    assert re.search("改造前改造后旧房东墙.*新房正面.*旧房屋面", before_after)
    assert "施工现场" in before_after[before_after.index("照片") :]
    assert len(pdf_images(response.data)) == 4


def test_household_page_tells_the_house_story(
    app, client, api, login, make_user, household
):
    record = stored_case(app, api, make_user, household)
    login(make_user("supervisor", towns=[TOWN]))
    page = client.get(f"/households/{household.uuid}").get_data(as_text=True)
    story = page[page.index("data-house-story") :]
    inspection = record.data["inspection_uuid"]
    assert f'data-story-inspection="{inspection}"' in story
    assert f"/records/{record.uuid}" in story
    steps = re.search(r"data-story-stages>(.*?)</ol>", story, re.S).group(1)
    items = [
        " ".join(li.split()) for li in re.findall(r"<li[^>]*>(.*?)</li>", steps, re.S)
    ]
    assert items == [
        "已立项",
        "施工中 · 2026-04-01",
        "已竣工 · 2026-06-20",
        "已验收 · 2026-06-28",
        "已拨付",
    ]
    assert 'class="todo">已拨付' in " ".join(steps.split()).replace("> ", ">")
    photos = re.search(r"data-story-photos>(.*?)</ul>", story, re.S).group(1)
    assert photos.count("<img") == 3


def test_household_page_offers_a_renovation_for_an_unrenovated_c_or_d_house(
    client, api, login, make_user, household
):
    inspector = make_user("inspector", towns=[TOWN])
    inspection = inspect(api, inspector, household, "C")
    login(inspector)
    page = client.get(f"/households/{household.uuid}").get_data(as_text=True)
    story = page[page.index("data-house-story") :]
    link = re.search(r'href="(/surveys/housing_renovation/new\?[^"]*)"', story)
    assert (
        link.group(1)
        .replace("&amp;", "&")
        .endswith(f"household={household.uuid}&inspection={inspection}")
    )
    form = client.get(
        f"/surveys/housing_renovation/new?household={household.uuid}&inspection={inspection}"
    ).get_data(as_text=True)
    option = re.search(rf'<option value="{inspection}"[^>]*>', form).group(0)
    assert """data-values='{"grade": "C""" in option and "selected" in option

"""The phone's live preview computes exactly what the server's rules compute."""

import pytest

from fieldapp.domain.barthel import BARTHEL_ITEMS
from fieldapp.domain.respite import assess_respite

pytestmark = pytest.mark.e2e

ITEMS = list(BARTHEL_ITEMS)
RESPITE_CASES = [
    # (scores, category, level, age, poverty)
    ([10, 5, 5, 10, 10, 10, 10, 15, 15, 10], 5, 2, 30, "dibao"),
    ([5, 0, 0, 5, 10, 5, 5, 10, 10, 5], 4, 1, 46, "registered_poor"),
    ([5, 0, 0, 5, 5, 5, 5, 5, 5, 0], 6, 3, 16, "tekun"),
    ([10, 0, 5, 10, 10, 10, 10, 5, 0, 0], 1, 3, 59, "dibao"),
    ([0] * 10, 4, 3, 60, "exited"),
    ([10, 5, 5, 10, 10, 10, 10, 10, 10, 10], None, None, 15, "other"),
    ([5, 5, 5, 5, 5, 5, 5, 5, 5, 5], 7, 4, 40, "registered_poor"),
    ([10, 5, 5, 10, 10, 10, 10, 15, 10, 10], 6, 1, 35, "dibao"),
]


@pytest.fixture
def module_page(page, live_user, logged_in):
    logged_in(*live_user("rehab_worker"))
    page.goto("/surveys/respite_assessment/new")
    return page


@pytest.mark.parametrize("scores, category, level, age, poverty", RESPITE_CASES)
def test_respite_preview_matches_server(
    module_page, scores, category, level, age, poverty
):
    data = {
        "barthel": dict(zip(ITEMS, scores, strict=True)),
        "psychiatric_stable": False,
    }
    expected = assess_respite(
        data, category=category, level=level, age=age, poverty_status=poverty
    )
    got = module_page.evaluate(
        """async ([data, ctx]) => {
            const m = await import('/static/js/surveys/respite_assessment.js');
            const el = document.getElementById('survey-config');
            const config = JSON.parse(el.textContent);
            return m.compute(data, ctx, config);
        }""",
        [
            data,
            {
                "category": category,
                "level": level,
                "age": age,
                "povertyStatus": poverty,
            },
        ],
    )
    for key in (
        "barthel_total",
        "dependency",
        "care_level",
        "eligible",
        "eligibility_reasons",
        "needs_psychiatric_review",
    ):
        assert got[key] == expected[key], key


def test_live_preview_updates_as_the_worker_taps(module_page):
    for item in ITEMS:
        module_page.check(f"input[name='data-barthel-{item}'][value='5']")
    assert module_page.text_content("[data-out=barthel_total]") == "50"
    assert module_page.text_content("[data-out=dependency]") == "中度依赖"

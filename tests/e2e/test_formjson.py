"""The page's fields become the API's JSON body: blank spare rows are not sent."""

import pytest

pytestmark = pytest.mark.e2e


def test_spare_blank_rows_are_not_sent_and_numbers_stay_numbers(
    page, live_user, logged_in
):
    logged_in(*live_user("inspector"))
    page.goto("/surveys/accessibility_assessment/new")
    page.select_option("select[name='data-items-0-code']", "RAIL")
    page.fill("input[name='data-items-0-quantity']", "3")
    body = page.evaluate(
        """async () => {
            const m = await import('/static/js/formjson.js');
            return m.formToJson(document.getElementById('survey-form'));
        }"""
    )
    assert body["data"]["items"] == [{"code": "RAIL", "quantity": 3}]
    assert body["kind"] == "accessibility_assessment"
    assert "csrf_token" not in body

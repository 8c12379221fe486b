"""Plain HTTP errors (no login, unknown path, wrong method) answer in the
contract's shape, in the language asked for, with the error's own headers."""

import pytest


@pytest.mark.parametrize(
    ("lang", "unauthenticated", "not_found", "not_allowed"),
    [
        ("zh", "请先登录。", "找不到该对象,或它不在您负责的镇。", "不支持该请求方法。"),
        (
            "en",
            "Please log in.",
            "Not found, or not in your towns.",
            "Method not allowed.",
        ),
    ],
)
def test_plain_http_errors_in_the_asked_language(
    client, lang, unauthenticated, not_found, not_allowed
):
    answer = client.get(f"/api/v1/records?lang={lang}")
    assert answer.status_code == 401
    assert answer.get_json() == {
        "error": "not_authenticated",
        "message": unauthenticated,
    }
    answer = client.get(f"/api/v1/no-such-thing?lang={lang}")
    assert answer.status_code == 404
    assert answer.get_json() == {"error": "not_found", "message": not_found}
    answer = client.delete(f"/api/v1/towns?lang={lang}")
    assert answer.status_code == 405
    assert answer.get_json() == {"error": "method_not_allowed", "message": not_allowed}
    assert "GET" in answer.headers["Allow"]
    page = client.get(f"/no-such-page?lang={lang}")
    assert page.status_code == 404 and not_found in page.get_data(as_text=True)

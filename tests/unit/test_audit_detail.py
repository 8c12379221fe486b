"""An audit entry's detail in the reader's words (names and codes, never values)."""

from fieldapp.services.audit_log import detail_text


def test_detail_keys_and_coded_values_are_worded():
    assert detail_text({"document": "casefile.pdf", "unmasked": True}) == (
        "文件: casefile.pdf; 完整号码: 是"
    )
    assert detail_text({"decision": "return", "version": 1}) == "决定: 退回; 版本: 1"
    assert detail_text({"via": "api", "reason": "inactive"}) == (
        "原因: 账户已停用; 途径: 接口"
    )
    assert detail_text({"via": "web"}, "en") == "via: web page"


def test_unknown_keys_and_values_show_as_kept_and_empty_ones_not_at_all():
    assert detail_text({"rows": 12, "fields": ["village"], "town": None}) == (
        "字段: village; rows: 12"
    )
    assert detail_text({"decision": "someday"}) == "决定: someday"
    assert detail_text(None) == ""

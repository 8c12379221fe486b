"""Human messages for the machine codes that rules and checks return."""

from flask_babel import lazy_gettext as _l

RULE_MESSAGES = {
    "required": _l("此项必填。"),
    "not_a_member": _l("所选人员不是该住户的成员。"),
    "household_changed": _l("记录不能改到另一户。"),
    "no_components": _l("请至少评定一个组成部分。"),
    "no_storeys": _l("请至少填写一层的构件数。"),
    "no_members": _l("构件总数不能为零。"),
    "dangerous_exceeds_total": _l("危险构件数不能大于总数。"),
    "negative_count": _l("构件数不能为负数。"),
    "unknown_item": _l("未知的项目。"),
    "quantity": _l("数量不正确。"),
    "unit_cost": _l("单价不正确。"),
    "ramp_run": _l("坡道水平长度必须大于零。"),
    "ramp_rise": _l("坡道高差必须大于零。"),
    "fitted_on_required": _l("已适配的器具需要填写适配日期。"),
    "followup_before_fitting": _l("回访日期不能早于适配日期。"),
    "date": _l("日期格式不正确。"),
    "service_life": _l("使用年限不正确。"),
    "missing_item": _l("此项必填。"),
    "score_not_allowed": _l("该分值不允许。"),
    "stage_backwards": _l("进度不能倒退或跳过步骤。"),
}


def rule_message(code: str) -> str:
    """The message for a code, or a generic one naming the code."""
    message = RULE_MESSAGES.get(code)
    if message is not None:
        return str(message)
    return str(_l("不符合规则(%(code)s)。", code=code))


def translate_errors(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """Replace machine codes by messages, field by field."""
    return {
        field: [rule_message(code) for code in codes] for field, codes in errors.items()
    }

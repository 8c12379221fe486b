"""Human messages for the machine codes that rules and checks return."""

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

# Codes of the record pipeline itself; each kind's registry entry brings the
# codes only its rule returns (`SurveyKind.rule_messages`).
PIPELINE_MESSAGES = {
    "required": _l("此项必填。"),
    "not_a_member": _l("所选人员不是该住户的成员。"),
    "household_changed": _l("记录不能改到另一户。"),
    "stage_backwards": _l("进度不能倒退或跳过步骤。"),
}


def rule_message(code: str, kind_messages: Mapping | None = None) -> str:
    """The message for a code (the pipeline's or the kind's), or a generic one
    naming the code."""
    message = PIPELINE_MESSAGES.get(code) or (kind_messages or {}).get(code)
    if message is not None:
        return str(message)
    return str(_l("不符合规则(%(code)s)。", code=code))


def translate_errors(
    errors: dict[str, list[str]], kind_messages: Mapping | None = None
) -> dict[str, list[str]]:
    """Replace machine codes by messages, field by field."""
    return {
        field: [rule_message(code, kind_messages) for code in codes]
        for field, codes in errors.items()
    }

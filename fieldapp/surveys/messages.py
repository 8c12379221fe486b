"""Human messages for the machine codes that rules and checks return."""

from flask_babel import lazy_gettext as _l

from fieldapp.registry import KINDS

# Codes of the record pipeline itself; each kind adds its rule's own codes.
PIPELINE_MESSAGES = {
    "required": _l("此项必填。"),
    "not_a_member": _l("所选人员不是该住户的成员。"),
    "household_changed": _l("记录不能改到另一户。"),
    "stage_backwards": _l("进度不能倒退或跳过步骤。"),
}
RULE_MESSAGES = {
    **PIPELINE_MESSAGES,
    **{
        code: message
        for kind in KINDS.values()
        for code, message in kind.rule_messages.items()
    },
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

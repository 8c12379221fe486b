"""The few values that say most about a record, per kind, for one-line lists.

The review queue shows them on each row. One small function per kind, in one
place; a kind without one shows none.
"""

from collections.abc import Callable

from flask_babel import lazy_gettext as _l

from fieldapp.domain.labels import label
from forms.choices import current_language

KeyValues = list[tuple[str, str]]


def _words(vocab: str, key) -> str:
    """A code in the request's language."""
    return label(vocab, key, current_language()) if key is not None else "—"


def housing(computed: dict, data: dict) -> KeyValues:
    """Grade and renovation mode."""
    return [
        (str(_l("等级")), _words("house_grade", computed.get("grade"))),
        (
            str(_l("改造方式")),
            _words("renovation_mode", computed.get("renovation_mode")),
        ),
    ]


def accessibility(computed: dict, data: dict) -> KeyValues:
    """Estimated cost (and whether over the cap) and the stage of the works."""
    total = computed.get("estimated_total")
    cost = "—" if total is None else f"{total:,.2f} {_l('元')}"
    if computed.get("over_cap"):
        cost = f"{cost} ({_l('超出上限')})"
    return [
        (str(_l("预计总费用")), cost),
        (str(_l("进度")), _words("accessibility_stage", data.get("stage"))),
    ]


def device(computed: dict, data: dict) -> KeyValues:
    """The device, its stage and the next follow-up."""
    return [
        (str(_l("器具")), data.get("device_name") or data.get("device_code") or "—"),
        (str(_l("进度")), _words("device_stage", data.get("stage"))),
        (str(_l("下次回访")), computed.get("next_followup_due") or "—"),
    ]


def respite(computed: dict, data: dict) -> KeyValues:
    """Barthel total, dependency and eligibility."""
    eligible = computed.get("eligible")
    return [
        (str(_l("Barthel 总分")), str(computed.get("barthel_total", "—"))),
        (str(_l("依赖程度")), _words("dependency", computed.get("dependency"))),
        (
            str(_l("托养资格")),
            "—" if eligible is None else str(_l("符合") if eligible else _l("不符合")),
        ),
    ]


KEY_VALUES: dict[str, Callable[[dict, dict], KeyValues]] = {
    "housing_inspection": housing,
    "accessibility_assessment": accessibility,
    "device_fitting": device,
    "respite_assessment": respite,
}


def key_values(kind: str, computed: dict | None, data: dict | None) -> KeyValues:
    """(label, value) pairs for a record of `kind`; none for an unlisted kind."""
    shown = KEY_VALUES.get(kind)
    return shown(computed or {}, data or {}) if shown else []

"""What changed between two versions of a record, field by field (pure)."""

from dataclasses import dataclass

# Labels of the computed values every kind's rule returns (zh, en); a key not
# listed here is shown as itself, so a new rule's values still appear.
COMPUTED_LABELS: dict[str, tuple[str, str]] = {
    "grade": ("等级", "grade"),
    "dangerous": ("属于危房", "dangerous"),
    "renovation_mode": ("改造方式", "renovation mode"),
    "standard_used": ("鉴定依据", "standard used"),
    "ratio": ("综合危险构件比例 R", "dangerous member ratio R"),
    "foundation_ratio": ("地基危险构件比例", "foundation ratio"),
    "foundation_grade": ("地基基础等级", "foundation grade"),
    "storey_ratios": ("各层危险构件比例", "storey ratios"),
    "storey_grades": ("各层等级", "storey grades"),
    "subsidy_floor": ("补助下限(元)", "subsidy floor (yuan)"),
    "area_cap_m2": ("新建面积上限(m²)", "area cap (m²)"),
    "estimated_total": ("预计总费用(元)", "estimated total (yuan)"),
    "over_cap": ("超出补助上限", "over the cap"),
    "cap": ("每户补助上限(元)", "cap per household (yuan)"),
    "item_count": ("改造项目数", "number of items"),
    "ramp_slope": ("坡道坡度", "ramp slope"),
    "ramp_ok": ("坡道合规", "ramp compliant"),
    "ramp_max_rise_m": ("单段最大高差(米)", "maximum rise per flight (m)"),
    "ramp_suggestion": ("坡道建议", "ramp suggestion"),
    "ramp_standard": ("坡道依据标准", "ramp standard"),
    "linked_renovation": ("同步危房改造", "linked renovation"),
    "suggested_mode": ("鉴定建议的改造方式", "mode the inspection suggests"),
    "below_floor": ("补助低于下限", "subsidy below the floor"),
    "over_area_cap": ("超出面积上限", "over the area cap"),
    "funding_total": ("资金合计(元)", "funding total (yuan)"),
    "service_life_years": ("使用年限", "service life (years)"),
    "replacement_due": ("到期更换日期", "replacement due"),
    "next_followup_due": ("下次回访日期", "next follow-up due"),
    "followup_overdue": ("回访逾期", "follow-up overdue"),
    "followup_count": ("已回访次数", "follow-ups done"),
    "barthel_total": ("Barthel 总分", "Barthel total"),
    "dependency": ("依赖程度", "dependency"),
    "care_level": ("护理等级", "care level"),
    "banding_version": ("分级规则版本", "banding version"),
    "eligible": ("符合托养条件", "eligible"),
    "eligibility_reasons": ("资格依据", "eligibility reasons"),
    "needs_psychiatric_review": ("需确认精神状况", "psychiatric review needed"),
}


@dataclass(frozen=True)
class Change:
    """One field whose value differs: `before` is None when it was added,
    `after` is None when it was removed."""

    key: str
    before: object
    after: object


def is_scalar_list(value) -> bool:
    """A list of plain values (reasons, storey grades) reads as one value."""
    return isinstance(value, list) and not any(
        isinstance(item, dict | list) for item in value
    )


def flat(value, prefix: str = "") -> dict[str, object]:
    """Nested JSON as WTForms-style names: {"barthel": {"feeding": 5}} gives
    {"barthel-feeding": 5}; rows of objects are numbered (`items-0-code`)."""
    out: dict[str, object] = {}

    def walk(item, name: str) -> None:
        if isinstance(item, dict):
            for key, child in item.items():
                walk(child, f"{name}-{key}" if name else str(key))
        elif isinstance(item, list) and not is_scalar_list(item):
            for index, child in enumerate(item):
                walk(child, f"{name}-{index}")
        elif item is not None and item != []:
            out[name] = tuple(item) if isinstance(item, list) else item

    walk(value, prefix)
    return out


def changes(before: dict | None, after: dict | None) -> list[Change]:
    """Every field whose value differs, in the order of `after` (fields only in
    `before` last). A number equal in value (5 and 5.0) is no change."""
    old, new = flat(before or {}), flat(after or {})
    keys = [*new, *(key for key in old if key not in new)]
    return [
        Change(key, old.get(key), new.get(key))
        for key in keys
        if old.get(key) != new.get(key)
    ]


def computed_label(key: str, lang: str = "zh") -> str:
    """The label of a computed value's flattened key: its own, else its top
    key's with the rest appended (`linked_renovation-grade`), else the key."""
    top, _, rest = key.partition("-")
    pair = COMPUTED_LABELS.get(key) or COMPUTED_LABELS.get(top)
    if pair is None:
        return key
    text = pair[1] if (lang or "").startswith("en") else pair[0]
    return f"{text} · {rest}" if rest and key not in COMPUTED_LABELS else text

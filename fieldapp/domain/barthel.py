"""Barthel Index of daily-living activities and its dependency bands (DOMAIN §4.1)."""

from dataclasses import dataclass

from fieldapp.domain.errors import RespiteError

BARTHEL_ITEMS: dict[str, tuple[int, ...]] = {
    "feeding": (0, 5, 10),
    "bathing": (0, 5),
    "grooming": (0, 5),
    "dressing": (0, 5, 10),
    "bowels": (0, 5, 10),
    "bladder": (0, 5, 10),
    "toilet": (0, 5, 10),
    "transfer": (0, 5, 10, 15),
    "mobility": (0, 5, 10, 15),
    "stairs": (0, 5, 10),
}


@dataclass(frozen=True)
class BarthelItemLabel:
    """Chinese and English item name and the Chinese meaning of each score."""

    zh: str
    en: str
    scores: dict[int, str]


BARTHEL_LABELS: dict[str, BarthelItemLabel] = {
    "feeding": BarthelItemLabel(
        "进食",
        "Feeding",
        {0: "完全依赖", 5: "需部分帮助(如切割、搅拌食物)", 10: "自理"},
    ),
    "bathing": BarthelItemLabel(
        "洗澡", "Bathing", {0: "需要帮助", 5: "备好洗澡水后可自理"}
    ),
    "grooming": BarthelItemLabel(
        "修饰", "Grooming", {0: "需要帮助", 5: "可自己洗脸、梳头、刷牙、剃须"}
    ),
    "dressing": BarthelItemLabel(
        "穿衣",
        "Dressing",
        {0: "完全依赖", 5: "需一半帮助", 10: "自理(含系扣、拉拉链、穿鞋)"},
    ),
    "bowels": BarthelItemLabel(
        "控制大便",
        "Bowels",
        {0: "失禁", 5: "偶尔失控(每周少于1次)", 10: "能控制"},
    ),
    "bladder": BarthelItemLabel(
        "控制小便",
        "Bladder",
        {0: "失禁或留置导尿", 5: "偶尔失控(每24小时少于1次)", 10: "能控制"},
    ),
    "toilet": BarthelItemLabel(
        "如厕", "Toilet use", {0: "完全依赖", 5: "需部分帮助", 10: "自理"}
    ),
    "transfer": BarthelItemLabel(
        "床椅转移",
        "Bed–chair transfer",
        {
            0: "完全依赖,不能坐起",
            5: "需大量帮助(1–2人)",
            10: "需少量帮助或监护",
            15: "自理",
        },
    ),
    "mobility": BarthelItemLabel(
        "平地行走45米",
        "Walking 45 m on level ground",
        {
            0: "不能行走",
            5: "可独立操作轮椅行进45米以上",
            10: "需1人帮助行走",
            15: "独立行走(可用辅助器具)",
        },
    ),
    "stairs": BarthelItemLabel(
        "上下楼梯", "Stairs", {0: "不能", 5: "需要帮助", 10: "自理"}
    ),
}

# Records store the raw item scores; the band comes from this versioned rule
# because several published cut-offs exist (DOMAIN §4.1).
BANDING_VERSION = "cn-2013-v1"
# (band, lowest total in it), highest band first: independent 100, mild 61–99,
# moderate 41–60, severe 0–40. The preview receives the same table.
DEPENDENCY_FLOORS = (
    ("independent", 100),
    ("mild", 61),
    ("moderate", 41),
    ("severe", 0),
)
DEPENDENCY_BANDS = tuple(band for band, _floor in DEPENDENCY_FLOORS)
CARE_LEVELS = {"severe": 1, "moderate": 2, "mild": 3}


def barthel_total(scores: dict) -> int:
    """Sum of the 10 item scores; each must be one of the item's allowed scores.

    Raises `RespiteError` with `.field` set to the item: `missing_item`,
    `score_not_allowed` or `unknown_item`.
    """
    for name in scores:
        if name not in BARTHEL_ITEMS:
            raise RespiteError("unknown_item", field=name)
    total = 0
    for name, allowed in BARTHEL_ITEMS.items():
        score = scores.get(name)
        if score is None:
            raise RespiteError("missing_item", field=name)
        if isinstance(score, bool) or score not in allowed:
            raise RespiteError("score_not_allowed", field=name)
        total += int(score)
    return total


def dependency(total: int) -> str:
    """Band of a total: independent 100, mild 61–99, moderate 41–60, severe ≤ 40."""
    if not 0 <= total <= 100:
        raise RespiteError("total_out_of_range")
    return next(band for band, floor in DEPENDENCY_FLOORS if total >= floor)


def care_level(band: str) -> int | None:
    """Suggested care level: 1 for severe, 2 moderate, 3 mild, None when independent."""
    if band not in DEPENDENCY_BANDS:
        raise ValueError(f"unknown dependency band {band!r}")
    return CARE_LEVELS.get(band)

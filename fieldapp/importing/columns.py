"""The county list's layout (API.md): one row per person, Chinese headers, labels.

The same layout is the import template, what an import reads, and the export
that an officer corrects in Excel and imports again.
"""

from fieldapp.domain.labels import MEMBER_STATUSES, POVERTY_STATUSES, RELATIONS

# (key, header) in the template's order; headers are the contract's.
REQUIRED_COLUMNS = (
    ("register_no", "户编号"),
    ("town", "镇"),
    ("village", "村"),
    ("address", "地址"),
    ("poverty_status", "贫困类型"),
    ("name", "姓名"),
    ("relation", "与户主关系"),
    ("id_number", "身份证号"),
    ("disability_card", "残疾人证号"),
    ("phone", "联系电话"),
    ("lat", "纬度"),
    ("lon", "经度"),
)
# Optional columns (a file made from the template before they existed has
# none): a member's status and its day, read and written only when present.
OPTIONAL_COLUMNS = (
    ("status", "在户状态"),
    ("status_on", "状态日期"),
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
REQUIRED_HEADERS = tuple(header for _key, header in REQUIRED_COLUMNS)
OPTIONAL_KEYS = tuple(key for key, _header in OPTIONAL_COLUMNS)
KEYS = tuple(key for key, _header in COLUMNS)
HEADERS = tuple(header for _key, header in COLUMNS)
HEADER = dict(COLUMNS)
# Columns that describe the household (the same on every row of one 户编号).
HOUSEHOLD_KEYS = ("town", "village", "address", "poverty_status", "lat", "lon")
MEMBER_KEYS = ("name", "relation", "id_number", "disability_card", "phone")
# Member columns an import may change (by the stored member's key).
MEMBER_CHANGE_KEYS = (
    "name",
    "relation",
    "disability_card",
    "phone",
    "status",
    "status_on",
)
# Long numbers Excel would round or cut when stored as numbers: kept as text.
NUMBER_TEXT_KEYS = ("id_number", "disability_card", "phone", "register_no")
COORDINATE_KEYS = ("lat", "lon")
# Form field of the household form behind each column (errors come back by these).
FORM_FIELD = {
    "town": "town_code",
    "village": "village",
    "address": "address",
    "poverty_status": "poverty_status",
    "lat": "location-lat",
    "lon": "location-lon",
}

# The row the template shows as an example; a row equal to it is never imported.
EXAMPLE = {
    "register_no": "示例-0001",
    "town": "万城镇",
    "village": "东岭村",
    "address": "东岭村12号",
    "poverty_status": "建档立卡贫困户",
    "name": "王某某",
    "relation": "户主",
    "id_number": "469006196005121231",
    "disability_card": "46900619600512123141",
    "phone": "13800000000",
    "lat": 18.8,
    "lon": 110.39,
    "status": "在户",
    "status_on": None,
}


def chinese_labels(labels: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Chinese label → key; the keys themselves are accepted too."""
    found = {zh: key for key, (zh, _en) in labels.items()}
    return found | {key: key for key in labels}


POVERTY_BY_LABEL = chinese_labels(POVERTY_STATUSES)
RELATION_BY_LABEL = chinese_labels(RELATIONS)
POVERTY_LABELS = tuple(zh for zh, _en in POVERTY_STATUSES.values())
RELATION_LABELS = tuple(zh for zh, _en in RELATIONS.values())
STATUS_BY_LABEL = chinese_labels(MEMBER_STATUSES)
STATUS_LABELS = tuple(zh for zh, _en in MEMBER_STATUSES.values())


def poverty_label(key: str) -> str:
    """The Chinese label of a poverty status (export)."""
    return POVERTY_STATUSES.get(key, (key, key))[0]


def relation_label(key: str) -> str:
    """The Chinese label of a relation (export)."""
    return RELATIONS.get(key, (key, key))[0]


def status_label(key: str | None) -> str:
    """The Chinese label of a member's status (export; no status is active)."""
    return MEMBER_STATUSES.get(key or "active", (key, key))[0]

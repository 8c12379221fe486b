"""The ledger's columns: the shared ones around those each kind's entry lists."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import Row

from fieldapp.domain.labels import label
from fieldapp.domain.localtime import LOCAL_TZ
from fieldapp.domain.masking import mask_id
from fieldapp.registry import KINDS, get_kind
from fieldapp.registry.columns import LedgerColumn, text

LedgerRow = Row
# The kinds' column groups in the order offices' ledgers have always had them
# (a kind not listed, e.g. a new one, follows in registry order).
GROUP_ORDER = (
    "housing_inspection",
    "housing_renovation",
    "accessibility_assessment",
    "respite_assessment",
    "device_fitting",
)


def stage(row, lang) -> str:
    """The record's stage in words, from its kind's stage vocabulary."""
    kind = get_kind(row.kind)
    if kind is None or kind.stage_vocabulary is None or not row.stage:
        return row.stage or ""
    return label(kind.stage_vocabulary, row.stage, lang)


def captured(row, lang) -> str:
    """Capture time in China time."""
    return row.captured_at.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")


def flags(row, lang) -> str:
    """Data-quality flags in words."""
    return "、".join(label("flag", code, lang) for code in row.flags or ())


def field(name: str):
    """A column of the query as it is."""

    def value(row, lang):
        """The row's `name`."""
        return getattr(row, name)

    return value


def text_field(name: str):
    """A typed-in column of the query, inert for spreadsheets."""

    def value(row, lang):
        """The row's `name` as inert text."""
        return text(getattr(row, name))

    return value


def labelled(name: str, vocab: str):
    """A column of the query in words."""

    def value(row, lang):
        """The row's `name`, labelled from `vocab`."""
        return label(vocab, getattr(row, name), lang)

    return value


def masked_id(row, lang) -> str:
    """The person's ID number, masked."""
    return mask_id(row.person_id_number)


HEAD = [
    LedgerColumn(_l("记录编号"), field("uuid")),
    LedgerColumn(_l("调查类型"), labelled("kind", "kind")),
    LedgerColumn(_l("状态"), labelled("status", "record_status")),
    LedgerColumn(_l("版本"), field("version")),
    LedgerColumn(_l("采集时间"), captured),
    LedgerColumn(_l("镇"), field("town_name")),
    LedgerColumn(_l("村(居)"), text_field("village")),
    LedgerColumn(_l("住户编号"), field("household_uuid")),
    LedgerColumn(_l("户主"), text_field("head_name")),
    LedgerColumn(_l("调查对象"), text_field("person_name")),
    LedgerColumn(_l("身份证号(脱敏)"), masked_id),
]
STAGE = LedgerColumn(_l("进度"), stage)
TAIL = [
    LedgerColumn(_l("纬度"), field("lat")),
    LedgerColumn(_l("经度"), field("lon")),
    LedgerColumn(_l("定位精度(米)"), field("accuracy_m")),
    LedgerColumn(_l("数据质量提示"), flags),
]


def group_rank(kind) -> int:
    """Where a kind's columns go: its place in GROUP_ORDER, else after them."""
    return (
        GROUP_ORDER.index(kind.name) if kind.name in GROUP_ORDER else len(GROUP_ORDER)
    )


def kind_columns() -> list[LedgerColumn]:
    """Each kind's own columns; the shared stage column before the first kind
    with stages."""
    columns: list[LedgerColumn] = []
    for kind in sorted(KINDS.values(), key=group_rank):
        if kind.stages and STAGE not in columns:
            columns.append(STAGE)
        columns.extend(kind.ledger_columns)
    return columns


COLUMNS: list[LedgerColumn] = [*HEAD, *kind_columns(), *TAIL]

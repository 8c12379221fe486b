"""What a registry entry holds: everything that makes one kind of survey differ."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from fieldapp.domain.labels import label
from fieldapp.registry.columns import LedgerColumn
from fieldapp.registry.context import SurveyContext
from fieldapp.registry.links import RecordLink

TEMPLATE_ROOT = "surveys"
# The templates every kind has in its folder: form fields, live preview, and the
# presentation the record page and the printed case file both include.
TEMPLATE_NAMES = ("_fields.html", "_preview.html", "_record.html")


def no_indexed_columns(data: dict, computed: dict) -> dict:
    """A kind whose values dashboards do not filter on fills no indexed column."""
    return {}


def no_update_rule(old: dict, new: dict) -> dict[str, list[str]]:
    """A kind without a workflow accepts every correction the form accepts."""
    return {}


def no_key_values(computed: dict, data: dict) -> list[tuple[str, str]]:
    """A kind without key values shows none in one-line lists."""
    return []


def no_flags(data: dict) -> list[str]:
    """A kind whose body raises no data-quality flag of its own."""
    return []


def same_every_day(data: dict, computed: dict, today) -> dict:
    """A kind whose computed values do not depend on the day keeps them as stored."""
    return computed


def indexed_stage(data: dict, computed: dict) -> dict:
    """The workflow stage goes into the indexed `stage` column."""
    return {"stage": data.get("stage")}


@dataclass(frozen=True)
class SurveyKind:
    """One kind of survey: its form, its rule, its templates and what they need.

    Each field is read by one place: `data_form`, `compute`, `indexed`,
    `check_update` and `person_required` by the record pipeline; `writers` by
    `services/policy.py`; `stages`/`stage_vocabulary` by the ledger, the record
    page and the correction check; `preview_module` and `preview_config` by the
    survey page; `ledger_columns` by the ledger; `key_values` by the review
    queue; `rule_messages` by `services/records.py` (via `forms/messages.py`);
    `vocabularies` by `tests/unit/test_registry.py`; `flags` by the record
    pipeline (with the GPS flags); `links_to` by the form page, the households
    API and the phone's link choices (`services/record_links.py`).
    """

    name: str
    # The kind's own `data` form (forms/<kind>.py).
    data_form: type
    # The domain rule (fieldapp/domain/), and how the pipeline calls it.
    rule: Callable[..., dict]
    compute: Callable[[dict, SurveyContext], dict]
    # Field roles that create and correct it (admins write every kind).
    writers: frozenset[str]
    person_required: bool
    # The JS port of the rule for the live preview, under static/.
    preview_module: str
    # (app config) -> the sections of the page's config the preview reads.
    preview_config: Callable[[Mapping], dict]
    # The workflow stages of `data.stage` in order, and their labels.
    stages: tuple[str, ...] = ()
    stage_vocabulary: str | None = None
    # (data) -> the body's own data-quality flags (codes of the `flag` vocabulary),
    # stored with the GPS flags; never a refusal.
    flags: Callable[[dict], list[str]] = no_flags
    # Computed values copied into indexed columns (`grade`, `stage`).
    indexed: Callable[[dict, dict], dict] = no_indexed_columns
    # A correction's extra rule, (stored data, new data) -> {field: [codes]}.
    check_update: Callable[[dict, dict], dict] = no_update_rule
    # Stages at which approval needs evidence: at least one photo tagged
    # `before` and one tagged `after` (API.md, acceptance needs evidence).
    evidence_stages: tuple[str, ...] = ()
    # Repeating rows of the data form (`items`) whose blank rows a page drops.
    row_lists: tuple[str, ...] = ()
    # Ledger columns only this kind fills, in order.
    ledger_columns: tuple[LedgerColumn, ...] = ()
    # Messages for the codes only this kind's rule and checks return.
    rule_messages: Mapping[str, object] = field(default_factory=dict)
    # Label vocabularies (fieldapp/domain/labels.py) its templates and preview use.
    vocabularies: tuple[str, ...] = ()
    # (computed, data) -> the few (label, value) pairs that say most about a
    # record, in the request's language, for one-line lists (the review queue).
    key_values: Callable[[dict, dict], list[tuple[str, str]]] = no_key_values
    # (data, stored computed, today) -> the computed values as of today: what
    # every page, answer, ledger and case file shows (`followup_overdue`, `active`).
    as_of: Callable[[dict, dict, object], dict] = same_every_day
    # The earlier record a record of this kind names (`registry/links.py`), or
    # None: the form's choices, the households API's `links`, the phone's outbox.
    links_to: RecordLink | None = None

    def computed_on(self, data: dict | None, computed: dict | None, today) -> dict:
        """The stored computed values refreshed for `today` (never raises)."""
        computed = dict(computed or {})
        try:
            return self.as_of(data or {}, computed, today)
        except ValueError:
            return computed

    def label(self, lang: str = "zh") -> str:
        """The kind's name in words (the `kind` vocabulary)."""
        return label("kind", self.name, lang)

    @property
    def template_dir(self) -> str:
        """The kind's template folder: form fields, preview and presentation."""
        return f"{TEMPLATE_ROOT}/{self.name}"

    @property
    def templates(self) -> dict[str, str]:
        """Each of the kind's templates by role: `fields`, `preview`, `record`."""
        return {
            name.strip("_").removesuffix(".html"): f"{self.template_dir}/{name}"
            for name in TEMPLATE_NAMES
        }

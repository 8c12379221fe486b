"""What changed in a record since the version its reviewer last decided on.

The field-by-field comparison is `domain.changes`; here each changed field gets
its label and its value in words: body fields from the kind's own form (the same
labels and choices the survey page shows), computed values from the domain's
labels.
"""

from dataclasses import dataclass
from datetime import datetime

from wtforms.fields import FieldList, FormField, SelectFieldBase

from fieldapp.domain.changes import changes, computed_label
from fieldapp.domain.labels import label
from fieldapp.domain.localtime import LOCAL_TZ
from fieldapp.models import Record, RecordVersion
from fieldapp.registry import get_kind
from forms.choices import current_language
from forms.json import flatten
from forms.records import record_form_class

# Computed values whose codes have a vocabulary of their own.
COMPUTED_VOCABULARIES = {
    "grade": "house_grade",
    "foundation_grade": "layer_grade",
    "storey_grades": "layer_grade",
    "renovation_mode": "renovation_mode",
    "dependency": "dependency",
    "eligibility_reasons": "eligibility_reason",
    "ramp_suggestion": "ramp_suggestion",
    "ramp_standard": "ramp_standard",
    "linked_renovation-renovation_mode": "renovation_mode",
}
# Envelope fields that never change or mean nothing to a reviewer.
HIDDEN = {"uuid", "kind", "household_uuid", "linked_renovation-uuid"}


@dataclass(frozen=True)
class ShownChange:
    """One changed field as the review page shows it."""

    computed: bool
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class FieldInfo:
    """A form field's label (with its parents') and its choices in words."""

    label: str
    choices: dict[str, str]


def base_version(record: Record) -> RecordVersion | None:
    """The version last decided on (approved, returned or reopened) before the
    current one, else version 1; None when that is the current version."""
    decided = [r.record_version for r in record.reviews]
    earlier = [v for v in decided if v < record.version]
    number = max(earlier) if earlier else 1
    return version_of(record, number) if number < record.version else None


def compared_with(record: Record, seen: int | None = None) -> RecordVersion | None:
    """The version to show changes from: the one the reviewer saw (after a
    stale-version refusal), else the last one decided on (`base_version`)."""
    if seen is not None and seen < record.version:
        return version_of(record, seen) or base_version(record)
    return base_version(record)


def version_of(record: Record, number: int) -> RecordVersion | None:
    """The stored version `number` of the record, if there is one."""
    return next((v for v in record.versions if v.version == number), None)


def field_infos(record: Record, *bodies: dict) -> dict[str, FieldInfo]:
    """Labels and choices of every field the bodies fill, by flattened name; the
    person is named by the household's members."""
    spec = get_kind(record.kind)
    if spec is None:
        return {}
    form_class = record_form_class(spec.name, spec.data_form)
    infos: dict[str, FieldInfo] = {}
    for body in bodies:
        form = form_class(formdata=flatten(body), meta={"csrf": False})
        for name, field in form._fields.items():
            _walk(field, (), infos, skip_label=name == "data")
        members = {p.uuid: p.name for p in record.household.members}
        infos["person_uuid"] = FieldInfo(str(form.person_uuid.label.text), members)
    return infos


def _walk(field, parents: tuple, infos: dict, skip_label: bool = False) -> None:
    """Collect each leaf field's label path (`改造项目 2 · 数量`) and choices."""
    own = str(field.label.text)
    here = parents if skip_label else (*parents, own)
    if isinstance(field, FormField):
        for sub in field.form:
            _walk(sub, here, infos)
    elif isinstance(field, FieldList):
        for index, entry in enumerate(field.entries):
            _walk(entry, (*parents, f"{own} {index + 1}"), infos, skip_label=True)
    else:
        choices = {}
        if isinstance(field, SelectFieldBase):
            choices = {str(v): str(text) for v, text, *_ in field.iter_choices()}
        infos[field.name] = FieldInfo(" · ".join(here), choices)


def shown_value(value, choices: dict[str, str] | None = None, vocab=None) -> str:
    """A stored value in words: choices and vocabularies, 是/否, lists joined."""
    lang = current_language()
    if value is None:
        return "—"
    if isinstance(value, bool):
        return label("yes_no", "true" if value else "false", lang)
    if isinstance(value, tuple):
        return "、".join(shown_value(item, choices, vocab) for item in value)
    if vocab:
        return label(vocab, value, lang)
    if choices and str(value) in choices:
        return choices[str(value)]
    return str(value)


def local_times(body: dict) -> dict:
    """The body with its times in China time to the minute: the same moment
    sent with another offset (a phone resending the server's copy) is no change."""
    shown = dict(body)
    if shown.get("captured_at"):
        shown["captured_at"] = local_minute(shown["captured_at"])
    location = shown.get("location")
    if isinstance(location, dict) and location.get("captured_at"):
        shown["location"] = {
            **location,
            "captured_at": local_minute(location["captured_at"]),
        }
    return shown


def local_minute(text: str) -> str:
    """An ISO time as `YYYY-MM-DD HH:MM` China time (unparsable text as it is)."""
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return str(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TZ)
    return moment.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")


def changes_since(record: Record, base: RecordVersion | None) -> list[ShownChange]:
    """The changes from `base` to the current version: body fields first, then
    computed values. Nothing when there is no earlier version to compare."""
    current = version_of(record, record.version)
    if base is None or current is None or base.version == current.version:
        return []
    infos = field_infos(record, base.body, current.body)
    shown = []
    for change in changes(local_times(base.body), local_times(current.body)):
        if change.key in HIDDEN:
            continue
        info = infos.get(change.key, FieldInfo(change.key, {}))
        before = shown_value(change.before, info.choices)
        after = shown_value(change.after, info.choices)
        shown.append(ShownChange(False, info.label, before, after))
    lang = current_language()
    for change in changes(base.computed, current.computed):
        if change.key in HIDDEN:
            continue
        vocab = COMPUTED_VOCABULARIES.get(change.key)
        before = shown_value(change.before, vocab=vocab)
        after = shown_value(change.after, vocab=vocab)
        shown.append(ShownChange(True, computed_label(change.key, lang), before, after))
    return shown

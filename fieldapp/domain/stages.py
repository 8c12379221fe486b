"""Workflow stages of a record: which corrections may move them, and their history."""

from dataclasses import dataclass
from datetime import datetime

from fieldapp.domain import accessibility, devices, renovation

STAGE_FIELD = "data-stage"


def accessibility_stage_check(old: dict, new: dict) -> dict[str, list[str]]:
    """A correction keeps the stage or takes one step the §2.5 workflow allows."""
    before, after = old.get("stage"), new.get("stage")
    if before is None or before == after or accessibility.can_transition(before, after):
        return {}
    return {STAGE_FIELD: ["stage_backwards"]}


def device_stage_check(old: dict, new: dict) -> dict[str, list[str]]:
    """A correction never moves a fitting back in the §3.3 order (skipping is fine:
    one home visit may assess, prescribe and fit)."""
    before, after = old.get("stage"), new.get("stage")
    if before not in devices.STAGES or after not in devices.STAGES:
        return {}
    if devices.STAGES.index(after) < devices.STAGES.index(before):
        return {STAGE_FIELD: ["stage_backwards"]}
    return {}


def renovation_stage_check(old: dict, new: dict) -> dict[str, list[str]]:
    """A correction keeps a renovation's stage or moves it one step forward
    (planned → in works → completed → accepted → paid)."""
    if renovation.can_advance(old.get("stage"), new.get("stage")):
        return {}
    return {STAGE_FIELD: ["stage_backwards"]}


@dataclass(frozen=True)
class StageStep:
    """The version in which a record first reached a stage, by whom and when."""

    stage: str
    version: int
    author: str
    reached_at: datetime


def stage_history(versions) -> list[StageStep]:
    """Each stage once, at the first version (in version order) that recorded it."""
    steps: dict[str, StageStep] = {}
    for version in sorted(versions, key=lambda v: v.version):
        stage = ((version.body or {}).get("data") or {}).get("stage")
        if stage and stage not in steps:
            author = version.author.name if version.author else ""
            steps[stage] = StageStep(stage, version.version, author, version.created_at)
    return list(steps.values())

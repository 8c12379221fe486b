"""What a kind links to: the earlier record a record of it answers.

A renovation names a C/D housing inspection of its household
(`data.inspection_uuid`); a respite service names an eligible respite assessment
of its person (`data.assessment_uuid`). A `RecordLink` says which field holds the
link, which kind it names, whether of the same household or the same person, and
which computed values of the named record the choice filters on (`where`) and
shows (`shows`). The form page, the households API (the phone's offline copy) and
the phone's outbox all offer choices from this one declaration; the kind's own
rule stays the judge of the link when the record is stored.
"""

from dataclasses import dataclass

# A link names a record of the same household, or of the same person.
PER_HOUSEHOLD = "household"
PER_PERSON = "person"
SCOPES = (PER_HOUSEHOLD, PER_PERSON)


@dataclass(frozen=True)
class RecordLink:
    """`data.<field>` names a record of kind `target` of the same household (or
    person) whose computed values are among the allowed ones of `where`."""

    # The data field holding the named record's uuid (`inspection_uuid`).
    field: str
    # The kind of the named record (`housing_inspection`).
    target: str
    # PER_HOUSEHOLD or PER_PERSON.
    per: str
    # (computed value, vocabulary that words it): what a choice shows and the
    # live preview reads, e.g. (("grade", "house_grade"),).
    shows: tuple[tuple[str, str], ...]
    # (computed value, allowed values): which records may be chosen, e.g.
    # (("grade", ("C", "D")),) or (("eligible", (True,)),).
    where: tuple[tuple[str, tuple], ...]
    # The empty choice's words and the hint under the select (lazy strings).
    prompt: object = ""
    hint: object = ""

    @property
    def context_name(self) -> str:
        """The name the preview's context and the page's address give the named
        record: the field without `_uuid` (`inspection`)."""
        return self.field.removesuffix("_uuid")

    @property
    def value_names(self) -> tuple[str, ...]:
        """The computed values a choice carries: those shown, then those filtered on."""
        names = [name for name, _vocab in self.shows]
        names += [name for name, _allowed in self.where if name not in names]
        return tuple(names)

    def accepts(self, computed: dict | None) -> bool:
        """Whether a record with these computed values may be named."""
        values = computed or {}
        return all(values.get(name) in allowed for name, allowed in self.where)

    def values(self, computed: dict | None) -> dict:
        """The computed values a choice carries, and nothing else."""
        values = computed or {}
        return {name: values.get(name) for name in self.value_names}

    def client(self) -> dict:
        """The declaration as the form page gives it to the phone's script."""
        return {
            "field": self.field,
            "target": self.target,
            "per": self.per,
            "context": self.context_name,
            "shows": [list(pair) for pair in self.shows],
            "where": {name: list(allowed) for name, allowed in self.where},
        }

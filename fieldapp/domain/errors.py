"""Domain errors that carry machine codes for the form layer to translate."""


class DomainError(ValueError):
    """A broken domain rule, named by a machine code and never by UI text.

    `code` is what the form layer maps to a translated message; `field` names the
    input item at fault when there are several (e.g. a Barthel item); `detail`
    carries an inner code (e.g. why the ID part of a card number failed).
    Subclasses list their codes in `CODES` so a typo fails loudly where it is raised.
    """

    CODES: frozenset[str] = frozenset()

    def __init__(
        self, code: str, *, field: str | None = None, detail: str | None = None
    ) -> None:
        if self.CODES and code not in self.CODES:
            raise ValueError(f"{type(self).__name__} has no code {code!r}")
        super().__init__(code)
        self.code = code
        self.field = field
        self.detail = detail

    def __repr__(self) -> str:
        """Show the code, field and detail for logs and test output."""
        return (
            f"{type(self).__name__}({self.code!r}, field={self.field!r}, "
            f"detail={self.detail!r})"
        )


class IdNumberError(DomainError):
    """A resident ID number that fails GB 11643 (DOMAIN §6)."""

    CODES = frozenset({"format", "date", "future", "too_old", "checksum"})


class CardNumberError(DomainError):
    """A disability card number that fails the second-generation format (§5.3)."""

    CODES = frozenset({"length", "id_invalid", "category", "level", "id_mismatch"})


class HousingError(DomainError):
    """Housing-inspection input that no grading rule can use (§1)."""

    CODES = frozenset(
        {
            "unknown_method",
            "no_components",
            "unknown_component",
            "component_grade",
            "no_storeys",
            "no_members",
            "unknown_member",
            "negative_count",
            "dangerous_exceeds_total",
            "ratio_out_of_range",
            "unknown_layer_grade",
        }
    )


class AccessibilityError(DomainError):
    """Accessibility-assessment input that cannot be costed or checked (§2)."""

    CODES = frozenset(
        {
            "unknown_item",
            "quantity",
            "unit_cost",
            "ramp_run",
            "ramp_rise",
            "ramp_standard",
            "unknown_stage",
            "required_for_stage",
            "date_order",
            "date",
        }
    )


class DeviceError(DomainError):
    """Device-fitting input with impossible dates or stages (§3)."""

    CODES = frozenset(
        {
            "date",
            "unknown_stage",
            "fitted_on_required",
            "followup_before_fitting",
            "service_life",
        }
    )


class RespiteError(DomainError):
    """Respite-assessment input outside the Barthel Index or the vocabularies (§4)."""

    CODES = frozenset(
        {
            "missing_item",
            "unknown_item",
            "score_not_allowed",
            "total_out_of_range",
            "unknown_mode",
        }
    )


class RenovationError(DomainError):
    """Housing-renovation input that breaks the link, the stages or the money (§1.7)."""

    CODES = frozenset(
        {
            "inspection_not_found",
            "inspection_not_dangerous",
            "unknown_stage",
            "unknown_mode",
            "required_for_stage",
            "date_order",
            "date",
            "funding_source",
            "amount",
        }
    )


class RespiteServiceError(DomainError):
    """A respite service without an eligible assessment or with impossible dates."""

    CODES = frozenset(
        {
            "assessment_not_found",
            "assessment_not_eligible",
            "date",
            "started_on_required",
            "ended_before_start",
            "unknown_mode",
            "monthly_subsidy",
        }
    )

// The JS twin of fieldapp.domain.errors.DomainError: a machine code and the field.
export class RuleError extends Error {
  constructor(code, field) {
    super(code);
    this.code = code;
    this.field = field;
  }
}

// Port of fieldapp/domain/stage_facts.py (and renovation.parse_day): a record may
// stand at a stage only with that stage's facts, and its dates never run
// backwards. Dates stay `YYYY-MM-DD` text, compared as text (no time zone).
import { RuleError } from "./rule-error.js";
import { parseDay } from "./dates.js";

export { parseDay };

/** A fact is present unless missing, empty text, an empty list or object. */
export function present(value) {
  if (value === undefined || value === null || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

/** Throw required_for_stage on the first fact the stage needs that data lacks. */
export function requireFacts(stage, data, facts) {
  for (const name of facts[stage] || []) {
    if (!present(data[name])) throw new RuleError("required_for_stage", name);
  }
}

/** [field, day or null] in workflow order: throw date_order on the first earlier one. */
export function datesInOrder(dates) {
  let latest = null;
  for (const [name, value] of dates) {
    if (value === null) continue;
    if (latest !== null && value < latest) throw new RuleError("date_order", name);
    latest = value;
  }
}

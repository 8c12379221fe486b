// Port of fieldapp/domain/renovation.py: the linked inspection's grade, the
// stage's facts and dates, the subsidy floor, the new-build area cap and the
// funding total, with the server's configured floors and caps (config.renovation).
// context.inspection is the chosen inspection ({uuid, grade, renovation_mode}) or null.
import { roundHalfEven } from "./rounding.js";
import { RuleError } from "./rule-error.js";
import { datesInOrder, parseDay, requireFacts } from "./stage-facts.js";

export { RuleError };

const DANGEROUS = ["C", "D"];
const NEW_BUILD = ["rebuild", "relocate"];
const missing = (v) => v === undefined || v === null;

/** The largest subsidised floor area (m²) of a new build; null for a repair. */
export function areaCap(mode, householdSize, rules) {
  if (!NEW_BUILD.includes(mode)) return null;
  const size = householdSize || 0;
  if (size < 1) return null;
  const fixed = rules.area_caps[String(size)];
  if (fixed) return fixed[1];
  return rules.per_person_area[1] * size;
}

// A spare row the worker left blank is not a line: the server drops it too.
const isBlankRow = (line) => !line || Object.keys(line).length === 0;

function fundingTotal(funding, rules) {
  let total = 0;
  funding.forEach((line, index) => {
    if (!rules.funding_sources.includes(line.source)) throw new RuleError("funding_source", `funding-${index}-source`);
    const { amount } = line;
    if (missing(amount) || typeof amount !== "number" || amount < 0) throw new RuleError("amount", `funding-${index}-amount`);
    total += amount;
  });
  return roundHalfEven(total, 2);
}

function checkInspection(inspection) {
  if (!inspection) throw new RuleError("inspection_not_found", "inspection_uuid");
  if (!DANGEROUS.includes(inspection.grade)) throw new RuleError("inspection_not_dangerous", "inspection_uuid");
  return inspection.grade;
}

export function compute(data, context, config) {
  const rules = config.renovation;
  const inspection = context.inspection ?? null;
  const grade = checkInspection(inspection);
  const { stage, mode } = data;
  if (!rules.stages.includes(stage)) throw new RuleError("unknown_stage", "stage");
  if (!rules.modes.includes(mode)) throw new RuleError("unknown_mode", "mode");
  requireFacts(stage, data, rules.stage_facts);
  datesInOrder(rules.dates.map((name) => [name, parseDay(data[name], name)]));
  const floor = rules.subsidy_floor[grade] ?? null;
  const cap = areaCap(mode, context.householdSize, rules);
  const area = data.area_m2;
  const funding = (data.funding || []).filter((line) => !isBlankRow(line));
  return {
    grade,
    suggested_mode: inspection.renovation_mode ?? null,
    subsidy_floor: floor,
    below_floor: stage === "paid" && floor !== null && data.subsidy_paid < floor,
    area_cap_m2: cap,
    over_area_cap: cap !== null && !missing(area) && area > cap,
    funding_total: fundingTotal(funding, rules),
  };
}

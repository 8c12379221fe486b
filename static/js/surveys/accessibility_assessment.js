// Port of fieldapp/domain/accessibility.py: cost estimate against the household
// cap and the GB 50763 ramp check, with the server's catalogue and rounding.
// The cap, catalogue, ramp table and stages are the server's, from the config.
import { roundHalfEven } from "./rounding.js";

import { RuleError } from "./rule-error.js";
import { datesInOrder, parseDay, requireFacts } from "./stage-facts.js";

export { RuleError };

const missing = (v) => v === undefined || v === null;

// rules.ramp_table: per-flight limits, gentlest slope first: [max slope, max rise m].
export function rampCheck(rise, run, rules) {
  if (missing(run) || typeof run !== "number" || run <= 0) throw new RuleError("ramp_run", "ramp-run_m");
  if (missing(rise) || typeof rise !== "number" || rise < 0) throw new RuleError("ramp_rise", "ramp-rise_m");
  const slack = rules.ramp_tolerance;
  const slope = rise / run;
  const row = rules.ramp_table.find(([maxSlope]) => slope <= maxSlope + slack);
  const result = { ramp_slope: roundHalfEven(slope, 4), ramp_ok: false, max_rise_m: null };
  if (!row) return { ...result, suggestion: "too_steep" };
  const ok = rise <= row[1] + slack;
  return { ...result, ramp_ok: ok, max_rise_m: row[1], suggestion: ok ? null : "add_landing" };
}

function lineCost(line, index, catalogue) {
  const item = catalogue[line.code];
  if (!item) throw new RuleError("unknown_item", `items-${index}-code`);
  const { quantity } = line;
  if (missing(quantity) || typeof quantity !== "number" || quantity <= 0) {
    throw new RuleError("quantity", `items-${index}-quantity`);
  }
  let unitCost = line.unit_cost;
  if (missing(unitCost)) unitCost = item.default_unit_cost;
  else if (typeof unitCost !== "number" || unitCost < 0) {
    throw new RuleError("unit_cost", `items-${index}-unit_cost`);
  }
  return quantity * unitCost;
}

// A spare row the worker left blank is not an item: the server drops it too.
const isBlankRow = (line) => !line || Object.keys(line).length === 0;

export function compute(data, context, config) {
  const rules = config.accessibility;
  const { cap, items: catalogue } = rules;
  const { stage } = data;
  if (!missing(stage) && !rules.stages.includes(stage)) throw new RuleError("unknown_stage", "stage");
  const lines = (data.items || []).filter((line) => !isBlankRow(line));
  requireFacts(stage, { ...data, items: lines }, rules.stage_facts);
  datesInOrder(rules.dates.map((name) => [name, parseDay(data[name], name)]));
  const sum = lines.reduce((acc, line, i) => acc + lineCost(line, i, catalogue), 0);
  const total = roundHalfEven(sum, 2);
  const result = { estimated_total: total, over_cap: total > cap, cap, item_count: lines.length };
  const { ramp } = data;
  if (ramp && Object.keys(ramp).length) {
    const check = rampCheck(ramp.rise_m, ramp.run_m, rules);
    Object.assign(result, {
      ramp_slope: check.ramp_slope,
      ramp_ok: check.ramp_ok,
      ramp_max_rise_m: check.max_rise_m,
      ramp_suggestion: check.suggestion,
    });
  }
  return result;
}

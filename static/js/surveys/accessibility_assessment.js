// Port of fieldapp/domain/accessibility.py: cost estimate against the household
// cap and the ramp check under the chosen standard (GB 55019-2021 or the GB 50763
// table), with the server's catalogue and rounding. The cap, catalogue, ramp
// standards and stages are the server's, from the config. Ramp measurements are
// compared as the exact decimals they are written as (BigInt fractions), so a
// ramp of exactly 1:12 or 0.75 m is on the limit, as on the server.
import { roundHalfEven } from "./rounding.js";
import { exact } from "./jgj125.js";

import { RuleError } from "./rule-error.js";
import { datesInOrder, parseDay, requireFacts } from "./stage-facts.js";

export { RuleError };

const missing = (v) => v === undefined || v === null;

// rules.ramp_standards[code]: per-flight rows, gentlest slope first:
// [slope numerator, slope denominator, max rise m]. No standard: the legacy table.
function rampRows(standard, rules) {
  const rows = rules.ramp_standards[standard || rules.legacy_ramp_standard];
  if (!rows) throw new RuleError("ramp_standard", "ramp-standard");
  return rows.map(([num, den, maxRise]) => [BigInt(num), BigInt(den), exact(maxRise)]);
}

const badNumber = (v) => missing(v) || typeof v !== "number";

export function rampCheck(rise, run, standard, rules) {
  const rows = rampRows(standard, rules);
  if (badNumber(run) || run <= 0) throw new RuleError("ramp_run", "ramp-run_m");
  if (badNumber(rise) || rise < 0) throw new RuleError("ramp_rise", "ramp-rise_m");
  const [rn, rd] = exact(rise);
  const [un, ud] = exact(run);
  // rise/run <= num/den  <=>  rn·ud·den <= num·rd·un (every part positive)
  const row = rows.find(([num, den]) => rn * ud * den <= num * rd * un);
  const result = { ramp_slope: roundHalfEven(rise / run, 4), ramp_ok: false, max_rise_m: null };
  if (!row) return { ...result, suggestion: "too_steep" };
  const [mn, md] = row[2];
  const ok = rn * md <= mn * rd;
  return {
    ...result,
    ramp_ok: ok,
    max_rise_m: Number(mn) / Number(md),
    suggestion: ok ? null : "add_landing",
  };
}

const ceilDiv = (a, b) => (a + b - 1n) / b;
// a/b < c/d for positive denominators
const less = ([a, b], [c, d]) => a * d < c * b;
const equal = ([a, b], [c, d]) => a * d === c * b;

// The shortest compliant ramp for a rise: each row at its slope, in as many equal
// flights as its per-flight maximum needs, a landing between two flights; the
// shortest total length wins (ties: fewer flights, then the gentler slope).
export function rampPlan(rise, standard, rules) {
  const rows = rampRows(standard, rules);
  if (badNumber(rise) || rise <= 0) throw new RuleError("ramp_rise", "ramp-rise_m");
  const [rn, rd] = exact(rise);
  const [ln, ld] = exact(rules.landing_length_m);
  let best = null;
  for (const [num, den, [mn, md]] of rows) {
    const flights = ceilDiv(rn * md, rd * mn);
    const run = [rn * den, rd * num];
    // run + (flights - 1)·landing, over the common denominator run[1]·ld
    const length = [run[0] * ld + (flights - 1n) * ln * run[1], run[1] * ld];
    if (!best || less(length, best.length)
        || (equal(length, best.length) && flights < best.flights)) {
      best = { length, flights, run, num, den };
    }
  }
  const { flights, run, num, den } = best;
  return {
    run_m: Number(ceilDiv(run[0] * 100n, run[1])) / 100,
    slope_ratio: Number(den / num),
    flights: Number(flights),
    landings: Number(flights) - 1,
    landing_length_m: Number(ln) / Number(ld),
  };
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
  const ramp = data.ramp || {};
  if (!missing(ramp.rise_m) || !missing(ramp.run_m)) {
    const standard = ramp.standard || rules.legacy_ramp_standard;
    const check = rampCheck(ramp.rise_m, ramp.run_m, standard, rules);
    Object.assign(result, {
      ramp_slope: check.ramp_slope,
      ramp_ok: check.ramp_ok,
      ramp_max_rise_m: check.max_rise_m,
      ramp_suggestion: check.suggestion,
      ramp_standard: standard,
    });
  }
  return result;
}

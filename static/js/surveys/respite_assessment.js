// Port of fieldapp/domain/respite.py and barthel.py: the same totals, bands,
// care levels and eligibility reasons as the server. Every table and cut-off
// (items, dependency bands, care levels, the eligibility rule) is the server's,
// from the page's config.

import { RuleError } from "./rule-error.js";

export { RuleError };

// items: [item, allowed scores] pairs in the scale's order.
export function barthelTotal(scores, items) {
  const known = new Set(items.map(([item]) => item));
  for (const item of Object.keys(scores)) {
    if (!known.has(item)) throw new RuleError("unknown_item", item);
  }
  let total = 0;
  for (const [item, values] of items) {
    const score = scores[item];
    if (score === undefined || score === null) throw new RuleError("missing_item", item);
    if (!values.includes(score)) throw new RuleError("score_not_allowed", item);
    total += score;
  }
  return total;
}

// The band of a total: the first of [band, lowest total] (highest first) it reaches.
export function dependency(total, floors) {
  if (!(total >= 0 && total <= 100)) throw new RuleError("total_out_of_range"); // the scale's range
  return floors.find(([, floor]) => total >= floor)[0];
}

export function careLevel(band, careLevels) {
  return careLevels[band] ?? null;
}

// [counts as poor, the reason]: which part of the poverty rule applied. A household
// that has left poverty ("exited") counts while rule.exited_eligible (脱贫不脱政策).
function poverty(status, rule) {
  if (rule.poverty_statuses.includes(status)) return [true, "poor_household"];
  if (status === "exited") {
    return rule.exited_eligible ? [true, "exited_transition"] : [false, "exited_not_covered"];
  }
  return [false, "not_poor"];
}

export function eligibility(category, level, age, povertyStatus, rule) {
  const problems = [];
  const levels = category !== null ? rule.categories[String(category)] : undefined;
  if (category === null || level === null) problems.push("no_card");
  else if (levels === undefined) problems.push("category_not_covered");
  else if (!levels.includes(level)) problems.push("level_not_severe");
  if (age === null) problems.push("age_unknown");
  else if (age < rule.min_age) problems.push("age_below_min");
  else if (rule.max_age !== null && age > rule.max_age) problems.push("age_above_max");
  const [poor, povertyReason] = poverty(povertyStatus, rule);
  if (!poor) problems.push(povertyReason);
  if (problems.length) return [false, problems];
  return [true, ["category_covered", "age_in_range", povertyReason]];
}

export function compute(data, context, config) {
  const rules = config.respite;
  const total = barthelTotal(data.barthel || {}, config.barthel);
  const mode = data.mode_requested;
  if (mode !== undefined && mode !== null && !rules.modes.includes(mode)) {
    throw new RuleError("unknown_mode", "mode_requested");
  }
  const band = dependency(total, rules.dependency_floors);
  const [eligible, reasons] = eligibility(
    context.category, context.level, context.age, context.povertyStatus, config.eligibility,
  );
  return {
    barthel_total: total,
    dependency: band,
    care_level: careLevel(band, rules.care_levels),
    banding_version: rules.banding_version,
    eligible,
    eligibility_reasons: reasons,
    needs_psychiatric_review:
      context.category === rules.psychiatric_category && data.psychiatric_stable !== true,
  };
}

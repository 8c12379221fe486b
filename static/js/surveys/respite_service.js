// Port of fieldapp/domain/respite_service.py: the link to an eligible
// assessment, the dates, and whether the service is active today. The
// assessment's facts are the chosen link's (links.js: the page's, the cached
// household's or a queued assessment's values, as `context.assessment`); the
// modes come from the page's config.

import { RuleError } from "./rule-error.js";
import { parseDay } from "./dates.js";

export { RuleError };

export function serviceActive(startedOn, endedOn, day) {
  if (startedOn === null || startedOn > day) return false;
  return endedOn === null || endedOn >= day;
}

export function checkAssessment(assessment) {
  if (assessment === null || assessment === undefined) {
    throw new RuleError("assessment_not_found", "assessment_uuid");
  }
  if (assessment.eligible !== true) throw new RuleError("assessment_not_eligible", "assessment_uuid");
}

// context.assessment: {uuid, eligible, care_level, dependency} or null (the
// link's values); context.today
// (else capturedOn) is "today", `YYYY-MM-DD`.
export function compute(data, context, config) {
  const { assessment } = context;
  checkAssessment(assessment);
  const { mode } = data;
  if (mode !== undefined && mode !== null && !config.respite_service.modes.includes(mode)) {
    throw new RuleError("unknown_mode", "mode");
  }
  const startedOn = parseDay(data.started_on, "started_on");
  const endedOn = parseDay(data.ended_on, "ended_on");
  if (startedOn === null) throw new RuleError("started_on_required", "started_on");
  if (endedOn !== null && endedOn < startedOn) throw new RuleError("ended_before_start", "ended_on");
  const subsidy = data.monthly_subsidy;
  if (subsidy !== undefined && subsidy !== null && (typeof subsidy !== "number" || subsidy < 0)) {
    throw new RuleError("monthly_subsidy", "monthly_subsidy");
  }
  return {
    active: serviceActive(startedOn, endedOn, context.today || context.capturedOn),
    care_level: assessment.care_level ?? null,
    dependency: assessment.dependency ?? null,
  };
}

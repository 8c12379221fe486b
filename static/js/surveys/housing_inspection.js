// Port of fieldapp/domain/housing.py: the grade, renovation mode, subsidy floor
// and rebuild area cap the server will compute, from the page's config.
// Input the server's form would refuse (no method, a count without its total,
// no foundation counts) throws a RuleError with a code: the preview shows "—".
import { RuleError, assessJgj125 } from "./jgj125.js";

export { RuleError };

const COMPONENTS = ["foundation", "walls", "frame", "roof", "enclosure"];
const COMPONENT_GRADES = ["a", "b", "c", "d"];
const STANDARD_USED = { rural_2019: "JIANCUN2019_200", jgj125_2016: "JGJ125_2016" };

// §1.4: D on a dangerous site, otherwise the worst component grade.
export function gradeRural2019(siteDangerous, components) {
  const grades = [];
  for (const [name, value] of Object.entries(components || {})) {
    if (!COMPONENTS.includes(name)) throw new RuleError("unknown_component", `components-${name}`);
    const grade = String(value).toLowerCase();
    if (!COMPONENT_GRADES.includes(grade)) {
      throw new RuleError("component_grade", `components-${name}`);
    }
    grades.push(grade);
  }
  if (siteDangerous) return "D";
  if (!grades.length) throw new RuleError("no_components");
  const worst = Math.max(...grades.map((g) => COMPONENT_GRADES.indexOf(g)));
  return COMPONENT_GRADES[worst].toUpperCase();
}

// (min, max) new-build floor area in m² (Hainan 2018), or null below 1 person.
export function rebuildAreaCap(householdSize, rules) {
  if (householdSize === null || householdSize === undefined || householdSize < 1) return null;
  const fixed = rules.area_caps[String(householdSize)];
  if (fixed) return [...fixed];
  const [low, high] = rules.per_person_area;
  return [low * householdSize, high * householdSize];
}

export function renovationMode(grade, siteDangerous) {
  if (siteDangerous) return "relocate";
  return { C: "repair", D: "rebuild" }[grade] ?? "none";
}

// Blank storey blocks on the page are not storeys: the server's form drops them.
function countedStoreys(storeys) {
  return (storeys || []).filter((storey) => Object.keys(storey || {}).length > 0);
}

function gradeFields(data, siteDangerous, rules) {
  if (data.method === "rural_2019") {
    return { grade: gradeRural2019(siteDangerous, data.components) };
  }
  if (data.method === "jgj125_2016") {
    return assessJgj125(siteDangerous, data.foundation, countedStoreys(data.storeys), rules);
  }
  throw new RuleError("unknown_method", "method");
}

// The same keys and values as assess_housing(data, household_size=context.householdSize).
export function compute(data, context, config) {
  const rules = config.housing;
  const siteDangerous = Boolean(data.site_dangerous);
  const result = gradeFields(data, siteDangerous, rules);
  const mode = renovationMode(result.grade, siteDangerous);
  const rebuilding = mode === "rebuild" || mode === "relocate";
  return {
    ...result,
    dangerous: result.grade === "C" || result.grade === "D",
    renovation_mode: mode,
    standard_used: STANDARD_USED[data.method],
    subsidy_floor: rules.subsidy_floor[result.grade] ?? null,
    area_cap_m2: rebuilding ? rebuildAreaCap(context.householdSize || 0, rules) : null,
  };
}

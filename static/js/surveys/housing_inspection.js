// Port of fieldapp/domain/housing.py: the grade, renovation mode, subsidy floor
// and rebuild area cap the server will compute. The grading tables and policy
// figures are the server's, from the page's config (config.housing).
// Input the server's form would refuse (no method, a count without its total,
// no foundation counts) throws a RuleError with a code: the preview shows "—".
import { RuleError, assessJgj125 } from "./jgj125.js";

export { RuleError };

// §1.4: D on a dangerous site, otherwise the worst component grade.
export function gradeRural2019(siteDangerous, components, rules) {
  const scale = rules.component_grades;
  const grades = [];
  for (const [name, value] of Object.entries(components || {})) {
    if (!rules.components.includes(name)) throw new RuleError("unknown_component", `components-${name}`);
    const grade = String(value).toLowerCase();
    if (!scale.includes(grade)) throw new RuleError("component_grade", `components-${name}`);
    grades.push(grade);
  }
  if (siteDangerous) return "D";
  if (!grades.length) throw new RuleError("no_components");
  const worst = Math.max(...grades.map((g) => scale.indexOf(g)));
  return scale[worst].toUpperCase();
}

// (min, max) new-build floor area in m² (Hainan 2018), or null below 1 person.
export function rebuildAreaCap(householdSize, rules) {
  if (householdSize === null || householdSize === undefined || householdSize < 1) return null;
  const fixed = rules.area_caps[String(householdSize)];
  if (fixed) return [...fixed];
  const [low, high] = rules.per_person_area;
  return [low * householdSize, high * householdSize];
}

export function renovationMode(grade, siteDangerous, rules) {
  if (siteDangerous) return "relocate";
  return rules.renovation_by_grade[grade] ?? "none";
}

// Blank storey blocks on the page are not storeys: the server's form drops them.
function countedStoreys(storeys) {
  return (storeys || []).filter((storey) => Object.keys(storey || {}).length > 0);
}

function gradeFields(data, siteDangerous, rules) {
  if (data.method === "rural_2019") {
    return { grade: gradeRural2019(siteDangerous, data.components, rules) };
  }
  if (data.method === "jgj125_2016") {
    return assessJgj125(siteDangerous, data.foundation, countedStoreys(data.storeys), rules);
  }
  throw new RuleError("unknown_method", "method");
}

// The same keys and values as assess_housing(data, household_size=context.householdSize).
// The inspection's own data-quality flags: `method_out_of_scope` for a rural_2019
// inspection of a house of more than rules.rural_2019_max_floors floors.
export function methodFlags(data, rules) {
  const { floors } = data;
  const counted = Number.isInteger(floors) && typeof floors === "number";
  return data.method === "rural_2019" && counted && floors > rules.rural_2019_max_floors
    ? ["method_out_of_scope"] : [];
}

export function compute(data, context, config) {
  const rules = config.housing;
  const siteDangerous = Boolean(data.site_dangerous);
  const result = gradeFields(data, siteDangerous, rules);
  const mode = renovationMode(result.grade, siteDangerous, rules);
  return {
    ...result,
    dangerous: rules.dangerous_grades.includes(result.grade),
    renovation_mode: mode,
    standard_used: rules.standard_used[data.method],
    subsidy_floor: rules.subsidy_floor[result.grade] ?? null,
    area_cap_m2: rules.new_build_modes.includes(mode)
      ? rebuildAreaCap(context.householdSize || 0, rules) : null,
  };
}

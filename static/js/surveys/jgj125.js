// Port of fieldapp/domain/jgj125.py: JGJ 125-2016 grading from member counts.
// Weights are read as the exact decimals they are written as (2.7 = 27/10) and
// ratios are compared as exact fractions of BigInts, so a ratio of exactly 5 %
// or 25 % falls in the upper band as the standard says (floats give 0.0499…).
// Weights, layer grades and band limits are the server's (config.housing).

import { RuleError } from "./rule-error.js";

export { RuleError };

// A decimal weight as [numerator, denominator] BigInts (Python's Fraction(str(w))).
export function exact(weight) {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(weight));
  if (!match) throw new RuleError("weight");
  const [, whole, fraction = "", exponent = "0"] = match;
  const shift = Number(exponent) - fraction.length;
  const digits = BigInt(whole + fraction);
  return shift >= 0 ? [digits * 10n ** BigInt(shift), 1n] : [digits, 10n ** BigInt(-shift)];
}

function gcd(a, b) {
  while (b) [a, b] = [b, a % b];
  return a;
}

// Python's round(float(n / d), 4): the nearest double (one IEEE division is
// correctly rounded while both parts stay below 2^53), then half-even on that
// double's exact binary value (so 1/32 = 0.03125 gives 0.0312, not 0.0313).
export function round4(n, d) {
  if (n === 0n) return 0;
  const g = gcd(n, d);
  const x = Number(n / g) / Number(d / g);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exponent = -1074;
  if (biased) {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  const [num, den] = exponent >= 0
    ? [mantissa << BigInt(exponent), 1n] : [mantissa, 1n << BigInt(-exponent)];
  let k = (num * 10000n) / den;
  const twice = 2n * ((num * 10000n) % den);
  if (twice > den || (twice === den && k % 2n === 1n)) k += 1n;
  return Number(k) / 10000;
}

// d/t below the band limit [num, den], in exact integers: d·den < num·t.
const below = (d, t, [num, den]) => d * BigInt(den) < BigInt(num) * t;

// A ratio is [dangerous, total] BigInts; an empty layer counts as 0.
// rules.band_limits: where the B and C bands end (5 %, 25 %) as [num, den].
export function layerGrade([d, t], rules) {
  const [bLimit, cLimit] = rules.band_limits;
  if (d < 0n || d > t) throw new RuleError("ratio_out_of_range");
  if (d === 0n) return "A_u";
  if (below(d, t, bLimit)) return "B_u";
  if (below(d, t, cLimit)) return "C_u";
  return "D_u";
}

// §6.3.6: the whole-building grade from R and every layer of F + B + f.
export function buildingGrade([d, t], layers, rules) {
  const [bLimit, cLimit] = rules.band_limits;
  if (d < 0n || d > t) throw new RuleError("ratio_out_of_range");
  if (layers.some((g) => !rules.layer_grades.includes(g))) throw new RuleError("unknown_layer_grade");
  const dLayers = layers.filter((g) => g === "D_u").length;
  if (d === 0n) return "A";
  if (below(d, t, bLimit)) return dLayers ? "C" : "B";
  if (below(d, t, cLimit)) return 3 * dLayers <= layers.length ? "C" : "D";
  return "D";
}

// (total, dangerous) of one member entry as BigInts, checked as the server checks.
function counts(entry, field) {
  const total = entry?.total;
  const dangerous = entry?.dangerous ?? 0;
  if (total === undefined || total === null) throw new RuleError("total_required", field);
  if (!Number.isInteger(total) || !Number.isInteger(dangerous)) throw new RuleError("count", field);
  if (total < 0 || dangerous < 0) throw new RuleError("negative_count", field);
  if (dangerous > total) throw new RuleError("dangerous_exceeds_total", field);
  return [BigInt(total), BigInt(dangerous)];
}

// Weights as BigInt numerators over one common denominator (each denominator is a
// power of ten, so the largest is a multiple of all).
function scaledWeights(memberWeights, foundationWeight) {
  const all = { ...memberWeights, __foundation: foundationWeight };
  const fractions = Object.fromEntries(Object.entries(all).map(([k, w]) => [k, exact(w)]));
  const den = Object.values(fractions).reduce((acc, [, d]) => (acc > d ? acc : d), 1n);
  const scaled = {};
  for (const [k, [n, d]] of Object.entries(fractions)) scaled[k] = (n * den) / d;
  return scaled;
}

function storeySums(storey, index, weights) {
  let d = 0n;
  let t = 0n;
  for (const [key, entry] of Object.entries(storey)) {
    const field = `storeys-${index}-${key}`;
    if (!(key in weights) || key === "__foundation") throw new RuleError("unknown_member", field);
    const [total, dangerous] = counts(entry, field);
    d += weights[key] * dangerous;
    t += weights[key] * total;
  }
  return [d, t];
}

const ratioOf = ([d, t]) => (t ? [d, t] : [0n, 1n]);

// assess_jgj125(site_dangerous, foundation, storeys) with the page's weights.
export function assessJgj125(siteDangerous, foundation, storeys, rules) {
  if (!storeys.length) throw new RuleError("no_storeys");
  if (!foundation) throw new RuleError("no_foundation", "foundation");
  const weights = scaledWeights(rules.member_weights, rules.foundation_weight);
  const [fTotal, fDangerous] = counts(foundation, "foundation");
  const sums = storeys.map((storey, i) => storeySums(storey, i, weights));
  const t = weights.__foundation * fTotal + sums.reduce((acc, [, st]) => acc + st, 0n);
  if (t === 0n) throw new RuleError("no_members");
  const d = weights.__foundation * fDangerous + sums.reduce((acc, [sd]) => acc + sd, 0n);
  const foundationRatio = ratioOf([fDangerous, fTotal]);
  const storeyRatios = sums.map(ratioOf);
  const foundationGrade = layerGrade(foundationRatio, rules);
  const storeyGrades = storeyRatios.map((ratio) => layerGrade(ratio, rules));
  const grade = buildingGrade([d, t], [foundationGrade, ...storeyGrades], rules);
  return {
    ratio: round4(d, t),
    foundation_ratio: round4(...foundationRatio),
    storey_ratios: storeyRatios.map((r) => round4(...r)),
    foundation_grade: foundationGrade,
    storey_grades: storeyGrades,
    grade: siteDangerous ? "D" : grade,
  };
}

// Port of fieldapp/domain/devices.py: replacement date and follow-up schedule,
// with the server's catalogue, follow-up months and stages from the config.
// Dates stay `YYYY-MM-DD` strings and are moved in whole months with the month's
// end clamped, as the server does; no Date object, so no time zone can shift a day.

import { RuleError } from "./rule-error.js";
import { daysInMonth, parseDay } from "./dates.js";

export { RuleError };

const pad = (n, width) => String(n).padStart(width, "0");
const iso = ({ year, month, day }) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

/** A day as {year, month, day}, null when empty (dates.js says what a day is). */
function parseDate(value, field) {
  const text = parseDay(value, field);
  if (text === null) return null;
  const [year, month, day] = text.split("-").map(Number);
  return { year, month, day };
}

export function addMonths(d, months) {
  const index = d.year * 12 + d.month - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

export const addYears = (d, years) => addMonths(d, 12 * years);

// months: the schedule in months after the fitting ([1, 3, 12]), then yearly
// after the fitting. Each visit uses up one scheduled visit and covers every
// scheduled date on or before it, as fieldapp.domain.devices.next_followup_due.
export function scheduledMonths(index, months) {
  if (index < months.length) return months[index];
  return months[months.length - 1] + 12 * (index - months.length + 1);
}

export function nextFollowupDue(fittedOn, followups, months) {
  if (!fittedOn) return null;
  const latest = (a, b) => (iso(b) > iso(a) ? b : a);
  const last = followups.length ? iso(followups.reduce(latest)) : null;
  let index = followups.length;
  let due = addMonths(fittedOn, scheduledMonths(index, months));
  while (last !== null && iso(due) <= last) {
    index += 1;
    due = addMonths(fittedOn, scheduledMonths(index, months));
  }
  return due;
}

// A spare row the worker left blank is not a visit: the server drops it too.
const isBlankRow = (row) => !row || Object.keys(row).length === 0;

function followupDates(data) {
  return (data.followups || []).filter((row) => !isBlankRow(row)).map((row, index) => {
    const field = `followups-${index}-date`;
    const day = parseDate(row.date, field);
    if (!day) throw new RuleError("date", field);
    return day;
  });
}

function serviceLife(data, devices) {
  const years = data.service_life_years;
  if (years !== undefined && years !== null) {
    if (typeof years !== "number" || years < 1) throw new RuleError("service_life", "service_life_years");
    return years;
  }
  const device = devices.items[data.device_code];
  return device ? device.service_life_years : devices.default_service_life;
}

// context.today (else context.capturedOn), `YYYY-MM-DD`, is "today": the server
// uses today in China time.
export function compute(data, context, config) {
  const rules = config.devices;
  const { stage } = data;
  if (stage !== undefined && stage !== null && !rules.stages.includes(stage)) {
    throw new RuleError("unknown_stage", "stage");
  }
  const fittedOn = parseDate(data.fitted_on, "fitted_on");
  if (!fittedOn && rules.fitted_stages.includes(stage)) throw new RuleError("fitted_on_required", "fitted_on");
  const followups = followupDates(data);
  if (followups.length && (!fittedOn || followups.some((f) => iso(f) < iso(fittedOn)))) {
    throw new RuleError("followup_before_fitting", "followups");
  }
  const life = serviceLife(data, rules);
  const replacement = fittedOn ? addYears(fittedOn, life) : null;
  const due = stage === "closed" ? null : nextFollowupDue(fittedOn, followups, rules.followup_months);
  const today = context.today || context.capturedOn;
  return {
    service_life_years: life,
    replacement_due: replacement ? iso(replacement) : null,
    next_followup_due: due ? iso(due) : null,
    followup_overdue: due !== null && Boolean(today) && today > iso(due),
    followup_count: followups.length,
  };
}

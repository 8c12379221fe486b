// Port of fieldapp/domain/dates.py: the one way the rules read a day. Days stay
// `YYYY-MM-DD` text (strings of that form sort as dates; no time zone).
import { RuleError } from "./rule-error.js";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in a month of the Gregorian calendar. */
export function daysInMonth(year, month) {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** A `YYYY-MM-DD` day as text, null when empty; anything else is a `date` error. */
export function parseDay(value, field) {
  if (value === undefined || value === null || value === "") return null;
  const match = typeof value === "string" && ISO_DATE.exec(value);
  if (match) {
    const [year, month, day] = match.slice(1).map(Number);
    if (year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return value;
    }
  }
  throw new RuleError("date", field);
}

// Times as the API wants them (ISO 8601 with the phone's offset) and as people read them.

const pad = (n) => String(n).padStart(2, "0");

/** `2026-03-05T09:12:00+08:00` for a time in milliseconds. */
export function isoLocal(ms = Date.now()) {
  const d = new Date(ms);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** `09:12` today, `03-05 09:12` on another day. */
export function shortTime(ms) {
  const d = new Date(ms);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.toDateString() === new Date().toDateString()
    ? hm
    : `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}`;
}

/** `2026-12-02 05:53`: a time (ms or ISO text) in full, in the phone's zone. */
export function fullTime(value) {
  const d = new Date(typeof value === "string" ? Date.parse(value) : value);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// Python's round(x, n) for the preview: the exact binary value of x rounded to n
// decimals, an exact tie going to the even digit (round(0.125, 2) == 0.12).
// Math.round(x * 10 ** n) differs from it on ties and near-ties.

export function roundHalfEven(x, n) {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return x;
  const exact = Math.abs(x).toFixed(100); // every digit of the double, no rounding
  const [whole, fraction] = exact.split(".");
  const kept = fraction.slice(0, n);
  const rest = fraction.slice(n);
  let digits = whole + kept;
  const first = rest[0];
  const tail = rest.slice(1).replace(/0+$/, "");
  const lastEven = Number(digits[digits.length - 1]) % 2 === 0;
  const up = first > "5" || (first === "5" && (tail !== "" || !lastEven));
  if (up) digits = increment(digits);
  const cut = digits.length - n;
  const text = n > 0 ? `${digits.slice(0, cut)}.${digits.slice(cut)}` : digits;
  const value = Number(text);
  return x < 0 ? -value : value;
}

function increment(digits) {
  const out = digits.split("");
  let i = out.length - 1;
  while (i >= 0) {
    if (out[i] === "9") {
      out[i] = "0";
      i -= 1;
    } else {
      out[i] = String(Number(out[i]) + 1);
      return out.join("");
    }
  }
  return `1${out.join("")}`;
}

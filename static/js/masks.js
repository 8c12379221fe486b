// What the phone keeps and shows of a household: numbers masked as the server masks
// them (ports of fieldapp/domain/masking.py), age and sex instead of a birth date,
// so the offline copy of a household typed here holds no more than the server's list.
// The outbox alone keeps the full numbers, until they are sent.

const FULL_ID = /^[0-9]{17}[0-9X]$/;

function clean(value) {
  return value == null ? "" : String(value).normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

/** `469006196005121231` → `469006********1231`; shorter input keeps at most a third. */
export function maskId(value) {
  const text = clean(value);
  const n = text.length;
  if (n >= 18) return text.slice(0, 6) + "*".repeat(n - 10) + text.slice(-4);
  const keep = Math.min(6, Math.floor(n / 3));
  return text.slice(0, keep) + "*".repeat(n - keep);
}

/** The card's ID part masked like an ID; category and level stay visible. */
export function maskCard(value) {
  const text = clean(value);
  return text.length < 20 ? maskId(text) : maskId(text.slice(0, 18)) + text.slice(18);
}

/** `13800001234` → `138****1234`; other numbers keep the first 3 and last 2. */
export function maskPhone(value) {
  const text = clean(value).replaceAll("-", "");
  const n = text.length;
  if (n === 11) return `${text.slice(0, 3)}****${text.slice(-4)}`;
  if (n >= 8) return text.slice(0, 3) + "*".repeat(n - 5) + text.slice(-2);
  return "*".repeat(n);
}

/** Sex and age in whole years today, from a full ID number (else nothing). */
function idFacts(id, today) {
  if (!FULL_ID.test(id)) return {};
  const [year, month, day] = [id.slice(6, 10), id.slice(10, 12), id.slice(12, 14)].map(Number);
  const beforeBirthday =
    today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day);
  return { sex: Number(id[16]) % 2 ? "M" : "F", age: today.getFullYear() - year - (beforeBirthday ? 1 : 0) };
}

/** A member as a list shows it: masked numbers, age and sex, no birth date. */
export function maskedMember(member, today = new Date()) {
  const id = clean(member.id_number);
  const card = clean(member.disability_card);
  const facts = idFacts(id, today);
  const fromCard = (i) => (card.length === 20 ? Number(card[i]) : null);
  return {
    uuid: member.uuid,
    name: member.name,
    relation: member.relation,
    id_number: maskId(id),
    disability_card: card ? maskCard(card) : null,
    phone: maskPhone(member.phone),
    age: facts.age ?? member.age ?? null,
    sex: facts.sex ?? member.sex ?? null,
    disability_category: member.disability_category ?? fromCard(18),
    disability_level: member.disability_level ?? fromCard(19),
    status: member.status ?? "active",
    status_on: member.status_on ?? null,
  };
}

/** A household with every member masked (safe to apply twice). */
export function maskedHousehold(household, today = new Date()) {
  return { ...household, members: (household.members ?? []).map((m) => maskedMember(m, today)) };
}

"""The outbox sends a few requests at once, yet never an item before the thing it
belongs to (`after`) has been answered: household → record → photo."""

from tests.e2e.helpers import log_in

# The page's fetch is replaced for the API: every POST takes 60 ms and answers 201,
# and each request's start and end are noted in the page.
DRAIN_WITH_SLOW_SERVER = """async ({ concurrency }) => {
  const outbox = await import('/static/js/outbox.js');
  const user = document.getElementById('outbox-status').dataset.user;
  const events = [];
  const realFetch = window.fetch.bind(window);
  window.fetch = async (url, options = {}) => {
    const path = new URL(url, location.href).pathname;
    const json = (status, body) => new Response(JSON.stringify(body),
      { status, headers: { 'Content-Type': 'application/json' } });
    if (path === '/api/v1/session') {
      return json(200, { user: { username: user }, csrf_token: 'token' });
    }
    const api = path.startsWith('/api/v1/') && options.method === 'POST';
    if (!api) return realFetch(url, options);
    const key = options.headers['Idempotency-Key'];
    events.push({ key, at: performance.now(), what: 'start' });
    await new Promise((resolve) => setTimeout(resolve, 60));
    events.push({ key, at: performance.now(), what: 'end' });
    return json(201, { uuid: key });
  };
  const items = [];
  for (let h = 0; h < 2; h++) {
    const household = crypto.randomUUID();
    items.push({ uuid: household, type: 'household', method: 'POST',
      url: '/api/v1/households', user, body: { uuid: household } });
    for (let r = 0; r < 3; r++) {
      const record = crypto.randomUUID();
      items.push({ uuid: record, type: 'record', method: 'POST', url: '/api/v1/records',
        after: household, household_uuid: household, user, body: { uuid: record } });
      const photo = crypto.randomUUID();
      items.push({ uuid: photo, type: 'photo', method: 'POST',
        url: `/api/v1/records/${record}/photos`, after: record, user,
        blob: new Blob(['x'], { type: 'image/jpeg' }), fields: { uuid: photo } });
    }
  }
  outbox.setConcurrency(concurrency);
  await outbox.enqueue(items);
  await outbox.drain();
  window.fetch = realFetch;
  const ours = new Set(items.map((x) => x.uuid));
  const left = (await outbox.listItems()).filter((i) => ours.has(i.uuid));
  return { items: items.map(({ uuid, after }) => ({ uuid, after: after ?? null })),
           events, left: left.length };
}"""


def in_flight_at_most(events) -> int:
    """The most requests open at the same moment."""
    open_now = peak = 0
    for event in sorted(events, key=lambda e: (e["at"], e["what"] == "start")):
        open_now += 1 if event["what"] == "start" else -1
        peak = max(peak, open_now)
    return peak


def test_three_in_flight_and_each_after_its_parent(fresh_phone, live_app, worker):
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    result = page.evaluate(DRAIN_WITH_SLOW_SERVER, {"concurrency": 3})
    assert result["left"] == 0
    starts = {e["key"]: e["at"] for e in result["events"] if e["what"] == "start"}
    ends = {e["key"]: e["at"] for e in result["events"] if e["what"] == "end"}
    sent = [e["key"] for e in result["events"] if e["what"] == "start"]
    # Each of the 14 items once: 2 households, 6 records, 6 photos.
    assert sorted(sent) == sorted(i["uuid"] for i in result["items"])
    for item in result["items"]:
        if item["after"]:
            assert starts[item["uuid"]] >= ends[item["after"]], item
    assert in_flight_at_most(result["events"]) == 3


def test_one_at_a_time_when_set_to_one(fresh_phone, live_app, worker):
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    result = page.evaluate(DRAIN_WITH_SLOW_SERVER, {"concurrency": 1})
    assert result["left"] == 0
    assert in_flight_at_most(result["events"]) == 1

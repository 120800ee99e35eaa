import { api, enc, ApiError } from '../api.js';
import { h, table, errorBox, empty, badge, time, pre, facts } from '../dom.js';

const FINAL = new Set(['PROCESSED', 'DUPLICATE', 'FAILED', 'REJECTED']);

/** One request's whole story: states with times, errors and the body sent, the stored event, loyalty and deliveries. */
export function render(main, { org, params }) {
  const id = params[0];
  let stopped = false;
  let timer = null;
  const out = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  main.append(h('h1', {}, 'Request timeline'), h('p', {}, h('a', { href: `#/o/${enc(org)}/live` }, '← Live requests')),
    h('p', { class: 'mono' }, id), out);

  async function load() {
    if (stopped) return;
    try {
      const r = await api.get(`/orgs/${enc(org)}/requests/${enc(id)}`);
      let event = null;
      if (r.status === 'PROCESSED' || r.status === 'DUPLICATE' || r.status === 'FAILED') {
        const page = await api.get(`/orgs/${enc(org)}/event-data?requestId=${enc(id)}&limit=1`);
        event = page.items[0] || null;
      }
      out.replaceChildren(view(org, r, event));
      if (!FINAL.has(r.status)) timer = setTimeout(load, 1000);
      else if (r.deliveries && r.deliveries.some((d) => d.status === 'PENDING')) timer = setTimeout(load, 3000);
    } catch (err) {
      if (err instanceof ApiError && err.body && err.body.status && err.body.status.message && /PENDING/.test(JSON.stringify(err.body))) {
        out.replaceChildren(empty('Acknowledged; the pipeline has not reached it yet. Waiting…'));
        timer = setTimeout(load, 1000);
      } else if (err.status === 404) {
        out.replaceChildren(errorBox(err, 'No such request in this org'));
      } else {
        out.replaceChildren(errorBox(err, 'Cannot read the request'));
        if (err.status === 0 || err.status === 503) timer = setTimeout(load, 3000);
      }
    }
  }
  load();
  return () => { stopped = true; clearTimeout(timer); };
}

function view(org, r, event) {
  const states = r.states || [];
  const t0 = states.length ? Date.parse(states[0].at) : null;
  const parts = [
    h('div', { class: 'panel' }, facts([
      ['Status', h('span', { id: 'request-status' }, badge(r.status), r.test ? [' ', badge('TEST'), ' test event (a draft definition): never delivered'] : null)],
      ['Event', r.eventName || '—'], r.reason ? ['Reason', r.reason] : null,
      ['Received', time(r.receivedAt)], ['Webhook', h('code', {}, r.webhookId || '—')],
      event ? ['Customer', event.customer && event.customer.identifierValue
        ? h('a', { href: `#/o/${enc(org)}/customers/${enc(event.customer.identifierType)}/${enc(event.customer.identifierValue)}` },
          `${event.customer.identifierType} ${event.customer.identifierValue}`) : 'none'] : null,
      event ? ['Unique key', event.uniqueKey ? h('code', {}, event.uniqueKey) : 'none (the webhook has no uniqueness check)'] : null,
      event ? ['Duplicate', event.isDuplicate ? 'yes: an earlier event had the same unique key' : 'no'] : null,
    ])),
    h('h2', {}, 'States'),
    h('ol', { class: 'timeline', id: 'states' }, states.map((s) => h('li', {},
      h('strong', {}, s.state), ' ', h('span', { class: 'muted' }, time(s.at), t0 !== null ? ` (+${Date.parse(s.at) - t0} ms)` : ''),
      s.message ? h('div', {}, s.message) : null))),
  ];
  if (r.errors && r.errors.length) {
    parts.push(h('h2', {}, 'Errors'), table(['Attribute', 'Code', 'Message'], r.errors.map((e) => h('tr', {},
      h('td', {}, e.attribute ? h('code', {}, e.attribute) : '(whole event)'), h('td', {}, e.code), h('td', {}, e.message))), 'Errors'));
  }
  if (r.body !== undefined && r.body !== null) {
    let shown = r.body;
    try { shown = JSON.stringify(JSON.parse(r.body), null, 2); } catch (e) { /* not JSON: show as sent */ }
    parts.push(h('h2', {}, 'Body sent'), pre(shown));
  }
  if (event) {
    parts.push(h('h2', {}, 'Stored attributes'), table(['Attribute', 'Value'],
      [h('tr', {}, h('td', {}, 'eventDateTime'), h('td', {}, time(event.eventDateTime)))].concat(Object.entries(event.attributes || {})
        .map(([k, v]) => h('tr', {}, h('td', {}, h('code', {}, k)), h('td', {}, JSON.stringify(v))))), 'Stored attributes'));
  }
  parts.push(h('h2', {}, 'Loyalty'));
  if (r.loyalty && r.loyalty.awards && r.loyalty.awards.length) {
    parts.push(table(['Rule', 'Points', 'Entry', 'Capped'], r.loyalty.awards.map((a) => h('tr', {},
      h('td', {}, h('a', { href: `#/o/${enc(org)}/loyalty` }, a.ruleId)), h('td', {}, a.points), h('td', {}, h('code', {}, a.entryId || '—')),
      h('td', {}, a.capped ? badge('CAPPED') : 'no'))), 'Loyalty awards'));
  } else {
    parts.push(empty(r.loyalty ? 'No points were awarded for this request.' : 'No loyalty section: nothing was evaluated for this request, or this server has no loyalty.'));
  }
  parts.push(h('h2', {}, 'Deliveries'));
  if (r.deliveries && r.deliveries.length) {
    parts.push(table(['Destination', 'Status', 'Attempts', ''], r.deliveries.map((d) => h('tr', {},
      h('td', {}, h('code', {}, d.destinationId)), h('td', {}, badge(d.status)), h('td', {}, d.attempts),
      h('td', {}, h('a', { href: `#/o/${enc(org)}/destinations/${enc(d.destinationId)}/${enc(r.requestId)}` }, 'Attempts')))), 'Deliveries'));
  } else {
    parts.push(empty(r.test ? 'Test events are never delivered.' : r.deliveries ? 'No destination took this event.' : 'No deliveries section: no destination matched, or this server has no destinations.'));
  }
  return h('div', {}, parts);
}

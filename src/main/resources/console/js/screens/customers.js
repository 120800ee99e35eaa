import { api, enc, query } from '../api.js';
import { h, field, select, table, errorBox, empty, time, facts, notDeployed, badge } from '../dom.js';

const IDS = ['MOBILE', 'EMAIL', 'EXTERNAL_ID', 'USER_ID', 'CARD_NUMBER'];

/** A customer: identifiers, loyalty balance, ledger and milestone progress (DESIGN §4, §10), and their events. */
export function render(main, { org, params, go }) {
  const type = select(IDS, params[0] || 'MOBILE', { name: 'identifierType' });
  const value = h('input', { name: 'identifierValue', value: params[1] || '', required: true });
  const out = h('div', { 'aria-live': 'polite', id: 'customer-out' });
  const form = h('form', { class: 'panel', role: 'search' }, h('div', { class: 'row' }, field('Identifier type', type), field('Identifier', value),
    h('div', {}, h('button', { type: 'submit', class: 'primary' }, 'Find customer'), ' ', h('button', { type: 'button', onclick: register }, 'Register customer'))));
  form.addEventListener('submit', (e) => { e.preventDefault(); go(`#/o/${enc(org)}/customers/${enc(type.value)}/${enc(value.value.trim())}`); });
  main.append(h('h1', {}, 'Customers'), form, out);

  async function register() {
    try {
      const c = await api.post(`/orgs/${enc(org)}/customers`, { identifiers: [{ type: type.value, value: value.value.trim() }] });
      go(`#/o/${enc(org)}/customers/${enc(type.value)}/${enc(value.value.trim())}`);
      return c;
    } catch (err) { out.replaceChildren(errorBox(err, 'Not registered')); return null; }
  }

  if (!params[1]) { out.replaceChildren(empty('Look a customer up by one of their identifiers, e.g. MOBILE 9933772255.')); return; }
  const path = `/orgs/${enc(org)}/customers/${enc(params[0])}/${enc(params[1])}`;
  (async () => {
    let c;
    try { c = await api.get(path); } catch (err) { out.replaceChildren(errorBox(err, err.status === 404 ? 'No such customer' : 'Cannot read the customer')); return; }
    const loyalty = h('div', {}, h('p', { class: 'muted' }, 'Loading loyalty…'));
    const ledger = h('div', {});
    const events = h('div', {});
    out.replaceChildren(h('div', { class: 'panel' }, facts([['Customer id', h('code', {}, c.id)], ['Created', time(c.createdAt)],
      ['Identifiers', c.identifiers.map((i) => `${i.type} ${i.value}`).join(', ')]])),
    h('h2', {}, 'Loyalty balance'), loyalty, h('h2', {}, 'Ledger'), ledger, h('h2', {}, 'Events'), events);
    try {
      const l = await api.get(path + '/loyalty');
      loyalty.replaceChildren(h('div', { class: 'panel', id: 'balance' }, facts([['Balance', h('strong', {}, String(l.balance))], ['Pending', l.pending],
        ['Total earned', l.totalEarned], ['Total expired', l.totalExpired], ['Total reversed', l.totalReversed], ['Expiring within 30 days', l.expiringWithin30Days]])),
      h('h3', {}, 'Milestones'), (l.milestones || []).length === 0 ? empty('No milestone progress yet.')
        : table(['Milestone', 'Progress', 'Window start', 'Achieved'], l.milestones.map((m) => h('tr', {}, h('td', {}, m.name),
          h('td', {}, h('progress', { max: m.target, value: Math.min(m.current, m.target), 'aria-label': `${m.name}: ${m.current} of ${m.target}` }), ` ${m.current} / ${m.target}`),
          h('td', {}, time(m.windowStart)), h('td', {}, m.achievedAt ? time(m.achievedAt) : 'not yet'))), 'Milestones'));
      const page = await api.get(path + '/loyalty/ledger' + query({ limit: 50 }));
      ledger.replaceChildren(page.items.length === 0 ? empty('No ledger entries: this customer has earned nothing yet.')
        : table(['At', 'Type', 'Points', 'Status', 'Rule', 'Request', 'Expires', 'Note'], page.items.map((e) => h('tr', {},
          h('td', {}, time(e.at)), h('td', {}, e.type), h('td', {}, e.points), h('td', {}, badge(e.status)),
          h('td', {}, e.ruleId ? `${e.ruleId} v${e.ruleVersion}` : '—'),
          h('td', {}, e.requestId ? h('a', { href: `#/o/${enc(org)}/requests/${enc(e.requestId)}` }, 'Timeline') : '—'),
          h('td', {}, time(e.expiresAt)), h('td', {}, e.note || ''))), 'Ledger'));
    } catch (err) {
      loyalty.replaceChildren(err.notDeployed ? notDeployed('Loyalty', '§10') : errorBox(err, 'Cannot read loyalty'));
      ledger.replaceChildren();
    }
    try {
      const idv = c.identifiers.find((i) => i.type === params[0]) || c.identifiers[0];
      const page = await api.get(`/orgs/${enc(org)}/event-data` + query({ customer: `${idv.type}:${idv.value}`, limit: 20 }));
      events.replaceChildren(page.items.length === 0 ? empty('No stored events for this customer.')
        : table(['Event time', 'Event', 'Request'], page.items.map((ev) => h('tr', {}, h('td', {}, time(ev.eventDateTime)), h('td', {}, ev.eventName),
          h('td', {}, h('a', { href: `#/o/${enc(org)}/requests/${enc(ev.requestId)}` }, 'Timeline')))), 'Customer events'));
    } catch (err) { events.replaceChildren(errorBox(err, 'Cannot read events')); }
  })();
}

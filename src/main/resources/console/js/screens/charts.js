import uPlot from '../../vendor/uplot/uPlot.esm.js';
import { call, api, session } from '../api.js';
import { h, table, errorBox, empty } from '../dom.js';

const EVERY_MS = 2000;
const KEEP = 150; // 5 minutes of samples

/** Prometheus text lines "name{labels} value" → [{name, labels, value}] (only what the charts read). */
export function parseMetrics(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels = {};
    (m[3] || '').replace(/(\w+)="((?:[^"\\]|\\.)*)"/g, (_, k, v) => { labels[k] = v; return ''; });
    out.push({ name: m[1], labels, value: Number(m[4]) });
  }
  return out;
}

/**
 * Throughput, rejections by cause and pipeline lag, sampled from the server's own /metrics every 2 s
 * while this screen is open (server-wide figures; rates are differences between two samples).
 */
export function render(main) {
  let stopped = false;
  let timer = null;
  let prev = null;
  const samples = { t: [], accepted: [], processed: [], rejected: [], lagEvents: [], lagSeconds: [] };
  const causes = new Map();
  const now = h('div', { id: 'chart-figures' }, h('p', { class: 'muted' }, 'Sampling…'));
  const boxes = { thr: h('div', { class: 'chart', id: 'chart-throughput', role: 'img', 'aria-label': 'Throughput: events accepted and processed per second' }),
    rej: h('div', { class: 'chart', id: 'chart-rejections', role: 'img', 'aria-label': 'Rejections per second' }),
    lag: h('div', { class: 'chart', id: 'chart-lag', role: 'img', 'aria-label': 'Pipeline lag in events' }) };
  const pipeline = h('div', {});
  main.append(h('h1', {}, 'Charts'), h('p', { class: 'muted' }, 'Server-wide figures from /metrics, sampled every 2 s while this page is open.'),
    h('h2', {}, 'Throughput (events/s)'), boxes.thr, h('h2', {}, 'Rejections by cause (requests/s)'), boxes.rej,
    h('h2', {}, 'Pipeline lag (events)'), boxes.lag, h('h2', {}, 'Current figures'), now, pipeline);
  const width = () => Math.max(280, Math.min(main.clientWidth - 48, 1000));
  const mk = (el, series) => new uPlot({ width: width(), height: 200, series: [{}, ...series], axes: [{}, { size: 60 }], legend: { show: true } },
    [samples.t, ...series.map(() => [])], el);
  const thr = mk(boxes.thr, [{ label: 'accepted', stroke: '#0b57d0', width: 2 }, { label: 'processed', stroke: '#116329', width: 2 }]);
  const lag = mk(boxes.lag, [{ label: 'lag (events)', stroke: '#6a4a00', width: 2 }]);
  // One line per rejection cause; the causes are the server's counters, known from the first sample.
  let rej = null;
  const causeNames = [];
  const causeRates = new Map();
  const PALETTE = ['#a40e26', '#6a4a00', '#8250df', '#0a7ea4', '#bc4c00', '#1b7c83', '#cf222e', '#4d5663'];
  const onResize = () => { [thr, rej, lag].filter(Boolean).forEach((u) => u.setSize({ width: width(), height: 200 })); };
  window.addEventListener('resize', onResize);

  function sum(metrics, name, pred = () => true) {
    return metrics.filter((m) => m.name === name && pred(m.labels)).reduce((a, m) => a + m.value, 0);
  }
  async function sample() {
    if (stopped) return;
    try {
      const r = await call('GET', '/metrics', { auth: false, raw: true });
      if (r.status !== 200) throw new Error('/metrics answered HTTP ' + r.status);
      const m = parseMetrics(r.text);
      const t = Date.now() / 1000;
      const cur = { t, accepted: sum(m, 'tidings_intake_requests_total', (l) => l.outcome === 'accepted'),
        rejected: sum(m, 'tidings_intake_requests_total', (l) => l.outcome !== 'accepted'),
        processed: sum(m, 'tidings_pipeline_events_total'), byCause: new Map() };
      m.filter((x) => x.name === 'tidings_intake_requests_total' && x.labels.outcome !== 'accepted').forEach((x) => cur.byCause.set(x.labels.outcome, x.value));
      const lagEvents = sum(m, 'tidings_pipeline_lag_events');
      const lagSeconds = sum(m, 'tidings_pipeline_lag_seconds');
      if (prev) {
        const dt = Math.max(0.001, t - prev.t);
        samples.t.push(t);
        samples.accepted.push((cur.accepted - prev.accepted) / dt);
        samples.processed.push((cur.processed - prev.processed) / dt);
        samples.rejected.push((cur.rejected - prev.rejected) / dt);
        samples.lagEvents.push(lagEvents);
        if (!rej) {
          cur.byCause.forEach((v, k) => { causeNames.push(k); causeRates.set(k, []); });
          rej = mk(boxes.rej, causeNames.map((k, i) => ({ label: k, stroke: PALETTE[i % PALETTE.length], width: 2 })));
        }
        causeNames.forEach((k) => causeRates.get(k).push(((cur.byCause.get(k) || 0) - (prev.byCause.get(k) || 0)) / dt));
        if (samples.t.length > KEEP) { Object.values(samples).forEach((a) => a.shift()); causeRates.forEach((a) => a.shift()); }
        thr.setData([samples.t, samples.accepted, samples.processed]);
        rej.setData([samples.t, ...causeNames.map((k) => causeRates.get(k))]);
        lag.setData([samples.t, samples.lagEvents]);
        Object.values(boxes).forEach((b) => b.setAttribute('data-samples', String(samples.t.length)));
      }
      prev = cur;
      cur.byCause.forEach((v, k) => causes.set(k, v));
      const causeRows = [...causes.entries()].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
      now.replaceChildren(table(['Figure', 'Value'], [
        ['Accepted since start', cur.accepted], ['Processed since start', cur.processed], ['Rejected since start', cur.rejected],
        ['Pipeline lag', `${lagEvents} events, ${lagSeconds.toFixed(1)} s`]].map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', {}, String(v)))), 'Current figures'),
      h('h3', {}, 'Rejections by cause since start'), causeRows.length === 0 ? empty('No request has been rejected.')
        : table(['Cause', 'Requests'], causeRows.map(([k, v]) => h('tr', { 'data-cause': k }, h('td', {}, h('code', {}, k)), h('td', {}, String(v)))), 'Rejections by cause'));
      if (session.isRoot()) {
        const p = await api.get('/pipeline');
        pipeline.replaceChildren(h('h3', {}, 'Pipeline partitions'), h('p', {}, p.paused ? 'Paused' : 'Running', ` · total lag ${p.lag}`),
          table(['Partition', 'Position', 'End', 'Lag'], p.partitions.map((x) => h('tr', {}, h('td', {}, x.partition), h('td', {}, x.position), h('td', {}, x.end), h('td', {}, x.lag))), 'Partitions'));
      }
    } catch (err) { if (err.status !== 0) now.replaceChildren(errorBox(err, 'Cannot sample metrics')); }
    if (!stopped) timer = setTimeout(sample, EVERY_MS);
  }
  sample();
  return () => { stopped = true; clearTimeout(timer); window.removeEventListener('resize', onResize); [thr, rej, lag].filter(Boolean).forEach((u) => u.destroy()); };
}

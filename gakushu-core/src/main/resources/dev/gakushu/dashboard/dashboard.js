// Gakushu dashboard: the runs under --runs, one of them drawn with uPlot and kept up to date by
// Server-Sent Events from /api/events. Reads nothing but the server's JSON. Every API call carries
// the token of the address the server printed (?token=…); without it the server answers 403.
(function () {
  'use strict';
  const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b',
    '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  const ACTIVATIONS = ['relu', 'sigmoid', 'tanh'];
  const state = { runs: [], id: null, run: null, source: null, charts: {}, histogramIndex: null,
    pushed: 0, pending: false };
  const main = document.getElementById('run');
  const live = document.getElementById('live');

  const TOKEN = new URLSearchParams(location.search).get('token');

  // The address of an API call, with its parameters and the token.
  function api(path, params) {
    const q = new URLSearchParams(params || {});
    if (TOKEN) q.set('token', TOKEN);
    const query = q.toString();
    return 'api/' + path + (query ? '?' + query : '');
  }

  function fmt(v) { return v == null ? '-' : Number(v).toFixed(4); }
  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text != null) e.textContent = text;
    return e;
  }
  async function getJson(url) {
    const r = await fetch(url, { cache: 'no-store' });
    if (r.status === 403) {
      throw new Error('refused: open the address with ?token= that the dashboard printed');
    }
    if (!r.ok) throw new Error(url.replace(/token=[^&]*/, 'token=…') + ': HTTP ' + r.status);
    return r.json();
  }

  // ---- the list of runs ----
  function renderRuns() {
    const body = document.querySelector('#runs tbody');
    body.replaceChildren();
    state.runs.slice().reverse().forEach(r => {
      const tr = el('tr', { 'data-id': r.id });
      [new Date(r.time).toLocaleString(), r.status, r.command, r.data, r.network, r.optimizer,
        r.epochs, fmt(r.best_validation), fmt(r.test_accuracy), r.id]
        .forEach(v => tr.appendChild(el('td', {}, v)));
      if (r.id === state.id) tr.className = 'selected';
      tr.addEventListener('click', () => select(r.id));
      body.appendChild(tr);
    });
    // the run named after # in the address, once it exists; else a running one, else the newest
    const wanted = decodeURIComponent(location.hash.slice(1));
    if (wanted && wanted !== state.id && state.runs.some(r => r.id === wanted)) {
      select(wanted);
    } else if (state.id == null && state.runs.length > 0) {
      const running = state.runs.filter(r => r.status === 'running');
      select((running[running.length - 1] || state.runs[state.runs.length - 1]).id);
    }
  }

  // ---- one run ----
  async function select(id) {
    if (state.source) state.source.close();
    state.id = id;
    // no run while the new one loads: a draw scheduled for the old run must not redraw it
    state.run = null;
    state.charts = {};
    state.histogramIndex = null;
    main.replaceChildren();
    history.replaceState(null, '', '#' + encodeURIComponent(id));
    renderRuns();
    const run = await getJson(api('run', { id: id }));
    if (state.id !== id) return; // another run was chosen meanwhile
    state.run = run;
    draw();
    connect(api('events', { id: id, metrics: state.run.offsets.metrics,
      layers: state.run.offsets.layers, journal: state.run.offsets.journal }));
  }

  function connect(url) {
    const source = new EventSource(url);
    state.source = source;
    ['metrics', 'layers', 'journal'].forEach(name => source.addEventListener(name, ev => {
      if (state.run == null) return;
      state.run[name].push(JSON.parse(ev.data));
      state.pushed++;
      document.body.dataset.pushed = String(state.pushed);
      scheduleDraw();
    }));
    source.addEventListener('status', ev => {
      if (state.run != null) { state.run.status = JSON.parse(ev.data); scheduleDraw(); }
    });
    source.addEventListener('runs', ev => { state.runs = JSON.parse(ev.data); renderRuns(); });
    source.onopen = () => { live.textContent = 'live: updates pushed as the run writes them'; };
    source.onerror = () => {
      // the offsets of a reconnection would be stale: start again from the files
      source.close();
      live.textContent = 'disconnected; retrying…';
      setTimeout(() => { if (state.source === source) restart(); }, 2000);
    };
  }

  async function restart() {
    try {
      state.runs = await getJson(api('runs'));
      if (state.id != null && state.runs.some(r => r.id === state.id)) select(state.id);
      else { state.id = null; renderRuns(); }
    } catch (e) {
      setTimeout(restart, 2000);
    }
  }

  function scheduleDraw() {
    if (state.pending) return;
    state.pending = true;
    requestAnimationFrame(() => { state.pending = false; draw(); });
  }

  // ---- charts ----
  function section(key, title, note) {
    let s = document.getElementById('section-' + key);
    if (s == null) {
      s = el('section', { id: 'section-' + key });
      s.appendChild(el('h2', {}, title));
      if (note) s.appendChild(el('p', { class: 'note' }, note));
      const box = el('div', { class: 'charts' });
      s.appendChild(box);
      main.appendChild(s);
    }
    return s.querySelector('.charts');
  }

  // Draws or updates a line chart; rebuilt when its series change.
  function lines(box, key, title, xLabel, x, series, opts) {
    const o = opts || {};
    const shape = JSON.stringify(series.map(s => s.label)) + (o.log ? 'log' : '');
    const data = [x].concat(series.map(s => s.values));
    let c = state.charts[key];
    if (c && c.shape === shape) { c.plot.setData(data); return; }
    if (c) { c.plot.destroy(); c.wrap.remove(); }
    const wrap = el('div', { class: 'chart', id: 'chart-' + key });
    wrap.appendChild(el('h3', {}, title));
    box.appendChild(wrap);
    const plot = new uPlot({
      width: o.width || 420, height: o.height || 240,
      scales: { x: { time: false }, y: o.log ? { distr: 3 } : {} },
      axes: [{ label: xLabel }, o.log ? { size: 60 } : { size: 60, values: tickLabels }],
      series: [{ label: xLabel }].concat(series.map((s, i) => ({
        label: s.label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true,
        dash: s.dashed ? [6, 4] : undefined,
        paths: s.points ? () => null : undefined,
        points: s.points ? { show: true, size: 7, fill: COLORS[i % COLORS.length] } : undefined,
      }))),
    }, data, wrap);
    state.charts[key] = { plot: plot, wrap: wrap, shape: shape };
  }

  // Linear-axis ticks with three significant digits: 0.0015 rather than 0.002 twice.
  function tickLabels(u, splits) {
    return splits.map(v => (v == null ? '' : String(Number(v.toPrecision(3)))));
  }

  function bars(box, key, title, centers, counts, color) {
    const data = [centers, counts];
    let c = state.charts[key];
    if (c) {
      c.plot.setData(data);
      c.wrap.querySelector('h3').textContent = title;
      return;
    }
    const wrap = el('div', { class: 'chart', id: 'chart-' + key });
    wrap.appendChild(el('h3', {}, title));
    box.appendChild(wrap);
    const plot = new uPlot({
      width: 250, height: 170, legend: { show: false },
      scales: { x: { time: false } },
      axes: [{ size: 30 }, { size: 45 }],
      series: [{}, { stroke: color, fill: color + '99', paths: uPlot.paths.bars({ size: [1, Infinity] }) }],
    }, data, wrap);
    state.charts[key] = { plot: plot, wrap: wrap };
  }

  function positive(v) { return v != null && v > 0 ? v : null; }

  function draw() {
    const run = state.run;
    if (run == null) return;
    if (run.kind === 'search') drawSearch(run); else drawTrain(run);
    document.body.dataset.ready = '1';
    live.dataset.status = run.status;
  }

  function drawTrain(run) {
    const m = run.metrics;
    const cfg = run.config || {};
    const done = run.summary || {};
    const network = done.network
      || (cfg.network && cfg.network.hidden ? cfg.network.hidden.join('-') : '');
    const optimizer = done.optimizer || (cfg.optimizer ? cfg.optimizer.name : '');
    const head = section('summary', 'Run ' + run.id);
    head.replaceChildren(el('p', { class: 'note' },
      run.status + ' · ' + network + ' · ' + optimizer + ' · '
      + m.length + '/' + ((cfg.loop && cfg.loop.epochs) || '?') + ' epochs'
      + (run.summary && run.summary.test_accuracy != null
        ? ' · test accuracy ' + fmt(run.summary.test_accuracy) : '')));
    const box = section('curves', 'Training and validation');
    const epochs = m.map(r => r.epoch);
    lines(box, 'loss', 'loss', 'epoch', epochs, [
      { label: 'train', values: m.map(r => r.train_loss) },
      { label: 'validation', values: m.map(r => r.validation_loss), dashed: true }]);
    lines(box, 'accuracy', 'accuracy', 'epoch', epochs, [
      { label: 'train', values: m.map(r => r.train_accuracy) },
      { label: 'validation', values: m.map(r => r.validation_accuracy), dashed: true }]);
    lines(box, 'lr', 'learning rate', 'epoch', epochs, [{ label: 'lr', values: m.map(r => r.lr) }]);
    document.body.dataset.points = String(m.length);
    drawLayers(run.layers);
  }

  function drawLayers(snapshots) {
    if (snapshots.length === 0) return;
    const first = snapshots[0];
    const watched = first.layers.filter(l => ACTIVATIONS.includes(l.type));
    const layers = (watched.length > 0 ? watched : first.layers).map(l => l.name);
    const weights = first.params.filter(p => p.name.endsWith('.W')).map(p => p.name);
    const steps = snapshots.map(s => s.step);
    const layerValue = (s, name, field) => {
      const l = s.layers.find(x => x.name === name);
      return l == null ? null : l[field];
    };
    const paramValue = (s, name, field) => {
      const p = s.params.find(x => x.name === name);
      return p == null ? null : positive(p[field]);
    };
    const box = section('layers', 'Layers',
      'Measured on a training batch in training mode at the steps of layers.jsonl. The book\'s '
      + 'picture: activations that collapse to 0 (std 0.01) or saturate (sigmoid with std 1) stop '
      + 'learning; an update/weight ratio near 1e-3 is healthy.');
    lines(box, 'std', 'activation std per layer', 'step', steps,
      layers.map(n => ({ label: n, values: snapshots.map(s => layerValue(s, n, 'std')) })),
      { log: true });
    lines(box, 'ratio', 'update / weight ratio ‖ΔW‖/‖W‖', 'step', steps,
      weights.map(n => ({ label: n, values: snapshots.map(s => paramValue(s, n, 'update_ratio')) })),
      { log: true });
    lines(box, 'grad', 'gradient norm ‖∂J/∂W‖', 'step', steps,
      weights.map(n => ({ label: n, values: snapshots.map(s => paramValue(s, n, 'grad_norm')) })),
      { log: true });

    const hist = section('histograms', 'Activation histograms (30 bins between min and max)');
    let control = document.getElementById('histogram-step');
    const atEnd = state.histogramIndex == null || state.histogramIndex >= snapshots.length - 2;
    if (control == null) {
      const row = el('div', { class: 'note' });
      row.appendChild(el('label', { for: 'histogram-step' }, 'snapshot '));
      control = el('input', { id: 'histogram-step', type: 'range', min: '0', step: '1' });
      control.addEventListener('input', () => {
        state.histogramIndex = Number(control.value);
        drawLayers(state.run.layers);
      });
      row.appendChild(control);
      row.appendChild(el('span', { id: 'histogram-label' }));
      hist.parentNode.insertBefore(row, hist);
    }
    control.max = String(snapshots.length - 1);
    if (atEnd) state.histogramIndex = snapshots.length - 1;
    control.value = String(state.histogramIndex);
    const shown = snapshots[state.histogramIndex];
    document.getElementById('histogram-label').textContent =
      ' step ' + shown.step + ' (epoch ' + shown.epoch + '), ' + (state.histogramIndex + 1)
      + ' of ' + snapshots.length;
    layers.forEach((name, i) => {
      const l = shown.layers.find(x => x.name === name);
      if (l == null) return;
      const width = (l.max - l.min) / l.histogram.length;
      const centers = l.histogram.map((_, b) => l.min + (b + 0.5) * width);
      const share = l.saturated_fraction != null
        ? 'saturated ' + (100 * l.saturated_fraction).toFixed(0) + '%'
        : 'zeros ' + (100 * l.zero_fraction).toFixed(0) + '%';
      bars(hist, 'hist-' + i, name + ': mean ' + Number(l.mean).toPrecision(3) + ', std '
        + Number(l.std).toPrecision(3) + ', ' + share, centers, l.histogram,
        COLORS[i % COLORS.length]);
    });
  }

  function drawSearch(run) {
    const settings = run.journal.length > 0 ? run.journal[0] : {};
    const trials = run.journal.filter(l => l.type === 'trial');
    const started = run.journal.filter(l => l.type === 'start').map(l => l.trial);
    const score = t => Math.max.apply(null, t.validation_accuracy.concat([0]));
    trials.sort((a, b) => score(b) - score(a) || a.trial - b.trial);
    const names = trials.length > 0 ? Object.keys(trials[0].params) : [];
    const head = section('summary', 'Search ' + run.id);
    const running = started.filter(n => !trials.some(t => t.trial === n));
    head.replaceChildren(el('p', { class: 'note' }, run.status + ' · ' + (settings.space || '')
      + ' · ' + (settings.scheduler || '') + ' · ' + trials.length + ' trials finished'
      + (running.length > 0 ? ', running: ' + running.join(', ') : '')));

    const tableBox = section('trials', 'Trials, best first');
    const table = el('table', { id: 'trials' });
    const header = el('tr');
    ['rank', 'trial', 'status', 'best val', 'epochs'].concat(names)
      .forEach(h => header.appendChild(el('th', {}, h)));
    table.appendChild(header);
    trials.forEach((t, i) => {
      const tr = el('tr');
      [String(i + 1), String(t.trial), t.status, fmt(score(t)), String(t.validation_accuracy.length)]
        .concat(names.map(n => Number(t.params[n]).toPrecision(4)))
        .forEach(v => tr.appendChild(el('td', {}, v)));
      table.appendChild(tr);
    });
    tableBox.replaceChildren(table);

    const box = section('search-charts', 'Best curves and scores against hyperparameters');
    const top = trials.slice(0, 5);
    const longest = Math.max.apply(null, top.map(t => t.validation_accuracy.length).concat([0]));
    const epochs = Array.from({ length: longest }, (_, i) => i + 1);
    lines(box, 'best', 'validation accuracy of the best trials', 'epoch', epochs,
      top.map(t => ({ label: 'trial ' + t.trial,
        values: epochs.map(e => e <= t.validation_accuracy.length ? t.validation_accuracy[e - 1] : null) })));
    names.forEach(n => {
      const points = trials.map(t => [Number(t.params[n]), score(t)]).sort((a, b) => a[0] - b[0]);
      const xs = points.map(p => p[0]);
      const log = xs.length > 1 && xs[0] > 0 && xs[xs.length - 1] / xs[0] > 100;
      lines(box, 'scatter-' + n, 'validation accuracy against ' + n + (log ? ' (log₁₀)' : ''),
        log ? 'log10 ' + n : n, log ? xs.map(v => Math.log10(v)) : xs,
        [{ label: 'trials', values: points.map(p => p[1]), points: true }]);
    });
    document.body.dataset.points = String(trials.length);
  }

  // For the browser's console and tests: the data a chart currently draws.
  window.dashboard = Object.freeze({
    chartData: key => (state.charts[key] ? state.charts[key].plot.data : null),
    selected: () => state.id,
  });

  window.addEventListener('hashchange', renderRuns);

  getJson(api('runs')).then(runs => {
    state.runs = runs;
    renderRuns();
    if (runs.length === 0) {
      main.replaceChildren(el('p', { class: 'note' }, 'No runs yet; waiting for one to start.'));
      connect(api('events'));
    }
  }).catch(e => { live.textContent = String(e); });
})();

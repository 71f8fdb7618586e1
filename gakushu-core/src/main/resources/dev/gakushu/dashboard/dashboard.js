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
  // A value for people: an integer as it is, another number to three significant digits, text as
  // it is (the reports' rule).
  function shown(v) {
    if (v == null) return '-';
    if (typeof v !== 'number') return String(v);
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3)));
  }
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
      // the time as `gakushu runs` prints it; long texts cut to their column, whole on hover
      [[r.time_shown], [r.status], [r.command, 'long'], [r.data, 'long'], [r.network, 'long'],
        [r.optimizer, 'long'], [r.epochs], [fmt(r.best_validation)], [fmt(r.test_accuracy)],
        [r.id, 'long']]
        .forEach(([v, cls]) => tr.appendChild(el('td', cls ? { class: cls, title: v } : {}, v)));
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
    source.addEventListener('importance', ev => {
      if (state.run == null) return;
      state.run.importance = JSON.parse(ev.data);
      document.body.dataset.importance = String(state.run.importance.trials);
      scheduleDraw();
    });
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
    const shape = JSON.stringify(series.map(s => s.label)) + (o.log ? 'log' : '') + (o.shape || '');
    const data = [x].concat(series.map(s => s.values));
    let c = state.charts[key];
    if (c && c.shape === shape) { c.plot.setData(data); return; }
    if (c) { c.plot.destroy(); c.wrap.remove(); }
    const wrap = el('div', { class: 'chart', id: 'chart-' + key });
    wrap.appendChild(el('h3', {}, title));
    box.appendChild(wrap);
    const plot = new uPlot({
      width: o.width || 420, height: o.height || 240,
      scales: { x: Object.assign({ time: false }, o.xRange ? { range: o.xRange } : {}),
        y: o.log ? { distr: 3 } : {} },
      axes: [Object.assign({ label: xLabel }, o.xAxis || {}),
        o.log ? { size: 60 } : { size: 60, values: tickLabels }],
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

  // The dimensions of a search's space as its journal's first line writes them:
  // "lr=log(1e-3,1e-1) hidden=choice(20,50)".
  function parseSpace(text) {
    return (text || '').split(' ').map(s => /^([^=]+)=(\w+)\((.*)\)$/.exec(s)).filter(m => m)
      .map(m => ({ name: m[1], kind: m[2], args: m[3].split(',') }));
  }

  // A trial's score as tune ranks it: the validation accuracy after its last epoch.
  function score(t) {
    const v = t.validation_accuracy;
    return v.length > 0 && v[v.length - 1] != null ? v[v.length - 1] : null;
  }

  function drawSearch(run) {
    const settings = run.journal.length > 0 ? run.journal[0] : {};
    const finished = run.journal.filter(l => l.type === 'trial');
    const started = run.journal.filter(l => l.type === 'start').map(l => l.trial);
    const trials = finished.slice().sort((a, b) =>
      (score(a) == null) - (score(b) == null) || score(b) - score(a) || a.trial - b.trial);
    const space = parseSpace(settings.space);
    const dims = space.length > 0 ? space
      : (trials.length > 0 ? Object.keys(trials[0].params) : []).map(n => ({ name: n, kind: 'uniform', args: [] }));
    const head = section('summary', 'Search ' + run.id);
    const running = started.filter(n => !finished.some(t => t.trial === n));
    head.replaceChildren(el('p', { class: 'note' }, run.status + ' · ' + (settings.space || '')
      + ' · sampler ' + (settings.sampler ? settings.sampler.name : 'random')
      + ' · scheduler ' + (settings.scheduler || '') + ' · ' + trials.length + ' trials finished'
      + (trials.length > 0 ? ', best ' + fmt(score(trials[0])) + ' (trial ' + trials[0].trial + ')' : '')
      + (running.length > 0 ? ', running: ' + running.join(', ') : '')));

    const box = section('search-charts', 'Scores as trials finish, and against each hyperparameter');
    // the best so far over the trials in the order they finished (Optuna's optimisation history)
    let best = null;
    const order = finished.map((t, i) => i + 1);
    const bestSoFar = finished.map(t => {
      const s = score(t);
      if (s != null && (best == null || s > best)) best = s;
      return best;
    });
    lines(box, 'history', 'validation accuracy as trials finish', 'trials finished', order, [
      { label: 'trial', values: finished.map(score), points: true },
      { label: 'best so far', values: bestSoFar }]);
    dims.forEach(d => scatter(box, d, finished));
    const top = trials.slice(0, 5);
    const longest = Math.max.apply(null, top.map(t => t.validation_accuracy.length).concat([0]));
    const epochs = Array.from({ length: longest }, (_, i) => i + 1);
    lines(box, 'best', 'validation accuracy of the best trials', 'epoch', epochs,
      top.map(t => ({ label: 'trial ' + t.trial,
        values: epochs.map(e => e <= t.validation_accuracy.length ? t.validation_accuracy[e - 1] : null) })));

    drawImportance(run.importance || (run.results && run.results.importance != null
      ? { trials: finished.length, importance: run.results.importance } : null), finished.length);

    const tableBox = section('trials', 'Trials, best first');
    const table = el('table', { id: 'trials' });
    const header = el('tr');
    ['rank', 'trial', 'status', 'val acc', 'epochs'].concat(dims.map(d => d.name))
      .forEach(h => header.appendChild(el('th', {}, h)));
    table.appendChild(header);
    trials.forEach((t, i) => {
      const tr = el('tr');
      [String(i + 1), String(t.trial), t.status, fmt(score(t)), String(t.validation_accuracy.length)]
        .concat(dims.map(d => shown(t.params[d.name])))
        .forEach(v => tr.appendChild(el('td', {}, v)));
      table.appendChild(tr);
    });
    tableBox.replaceChildren(table);
    document.body.dataset.points = String(trials.length);
  }

  // Score against one dimension: a log range on log10, a choice's values at 1, 2, … labelled with
  // the values; trials successive halving stopped are a series of their own (as scatter.png).
  function scatter(box, d, finished) {
    const choice = d.kind === 'choice';
    const x = t => {
      const v = t.params[d.name];
      if (choice) return d.args.indexOf(String(v)) + 1;
      return d.kind === 'log' ? Math.log10(Number(v)) : Number(v);
    };
    const points = finished.map(t => [x(t), score(t), t.status === 'stopped'])
      .sort((a, b) => a[0] - b[0]);
    const series = [{ label: 'ran to the end', points: true,
      values: points.map(p => (p[2] ? null : p[1])) }];
    if (points.some(p => p[2])) {
      series.push({ label: 'stopped early', points: true, values: points.map(p => (p[2] ? p[1] : null)) });
    }
    const o = choice ? { shape: d.args.join(','), xRange: [0.5, d.args.length + 0.5], xAxis: {
      splits: () => d.args.map((_, i) => i + 1),
      values: (u, splits) => splits.map(v => d.args[v - 1]) } } : {};
    lines(box, 'scatter-' + d.name, 'validation accuracy against ' + d.name
      + (d.kind === 'log' ? ' (log₁₀)' : ''), d.kind === 'log' ? 'log10 ' + d.name : d.name,
      points.map(p => p[0]), series, o);
  }

  // Each hyperparameter's share of the variance, as tune computes it, pushed as trials finish.
  function drawImportance(live, finished) {
    const box = section('importance', 'Importance (fANOVA, share of the validation accuracy\'s variance)');
    if (live == null || live.importance == null) {
      box.replaceChildren(el('p', { class: 'note' }, 'Shown once at least 2 trials ran to the end '
        + 'with different scores' + (live == null ? '.' : ' (' + live.trials + ' trials so far).')));
      return;
    }
    const table = el('table', { id: 'importance' });
    Object.entries(live.importance).forEach(([name, share]) => {
      const tr = el('tr');
      tr.appendChild(el('th', {}, name));
      tr.appendChild(el('td', {}, (100 * share).toFixed(1) + ' %'));
      const bar = el('td');
      bar.appendChild(el('span', { class: 'bar', style: 'width:' + (200 * share).toFixed(0) + 'px' }));
      tr.appendChild(bar);
      table.appendChild(tr);
    });
    box.replaceChildren(table, el('p', { class: 'note' }, 'from the '
      + (live.trials < finished ? 'first ' : '') + live.trials
      + ' trials finished (the server counts at most 2,000); the importance tune writes to results.json'));
  }

  // For the browser's console and tests: the data a chart currently draws.
  window.dashboard = Object.freeze({
    chartData: key => (state.charts[key] ? state.charts[key].plot.data : null),
    importance: () => (state.run ? state.run.importance || null : null),
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

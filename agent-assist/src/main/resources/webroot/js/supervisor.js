'use strict';

(() => {
  const { el, clear, duration } = Attune;
  const t = I18n.t;
  const me = Attune.requireSession(['supervisor', 'admin']);
  Attune.header(me);
  document.getElementById('feedback-link').hidden = me.role !== 'admin'; // tuning the packs is an admin's job

  const SERVICE_LEVEL_SECONDS = 20;
  const calls = new Map();      // live calls by id
  const ended = new Map();      // finished calls by id (history records), for queue figures
  const alerts = [];
  const roster = new Set();     // every agent interface from /api/agents, shown even before their first call
  Attune.text('sl-note', t('board.slNote', { seconds: SERVICE_LEVEL_SECONDS }));

  const WAITING = new Set(['OFFERED', 'QUEUED', 'RINGING']);

  function renderQueues() {
    const queues = new Map();
    const q = (name) => {
      const key = name || t('board.none');
      if (!queues.has(key)) queues.set(key, { waiting: 0, longest: 0, talking: 0, answered: 0, withinSl: 0, abandoned: 0, waitSum: 0, offered: 0 });
      return queues.get(key);
    };
    for (const c of calls.values()) {
      if (!c.queue) continue;
      const s = q(c.queue);
      if (WAITING.has(c.state)) {
        s.waiting++;
        s.longest = Math.max(s.longest, Attune.waitSeconds(c) || 0);
      } else if (c.answeredAt) {
        s.talking++;
      }
    }
    for (const r of ended.values()) {
      if (!r.queue) continue;
      const s = q(r.queue);
      s.offered++;
      if (r.answeredAt) {
        s.answered++;
        s.waitSum += r.waitSeconds || 0;
        if ((r.waitSeconds || 0) <= SERVICE_LEVEL_SECONDS) s.withinSl++;
      } else if (r.outcome === 'ABANDONED') {
        s.abandoned++;
      }
    }
    const body = clear(document.getElementById('queues'));
    for (const [name, s] of [...queues.entries()].sort()) {
      const handled = s.answered + s.abandoned;
      body.appendChild(el('tr', { 'data-queue': name },
        el('td', {}, name),
        el('td', { class: s.waiting ? 'num hot' : 'num' }, s.waiting),
        el('td', { class: 'num' }, s.waiting ? duration(s.longest) : '–'),
        el('td', { class: 'num' }, s.talking),
        el('td', { class: 'num' }, handled ? Math.round(100 * s.withinSl / handled) + ' %' : '–'),
        el('td', { class: 'num' }, s.answered ? duration(Math.round(s.waitSum / s.answered)) : '–'),
        el('td', { class: 'num' }, s.offered ? Math.round(100 * s.abandoned / s.offered) + ' %' : '–'),
        el('td', { class: 'num' }, s.offered)));
    }
  }

  function renderAgents() {
    const agents = new Map();
    for (const a of roster) agents.set(a, null);
    for (const r of ended.values()) if (r.agent) agents.set(r.agent, null);
    for (const c of calls.values()) if (c.agent) agents.set(c.agent, c);
    const body = clear(document.getElementById('agents'));
    for (const [agent, c] of [...agents.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      const state = c ? Attune.stateLabel(c.state) : t('state.available');
      body.appendChild(el('tr', { 'data-agent': agent },
        el('td', {}, agent),
        el('td', { class: 'state ' + (c ? String(c.state).toLowerCase() : 'idle') }, state),
        el('td', {}, c ? [c.caller || '', c.callerName ? ' (' + c.callerName + ')' : ''].join('') : ''),
        el('td', { class: 'num' }, c ? duration(Attune.talkSeconds(c)) : '')));
    }
  }

  function renderCalls() {
    const body = clear(document.getElementById('all-calls'));
    const list = [...calls.values()].sort((a, b) => String(a.offeredAt).localeCompare(String(b.offeredAt)));
    for (const c of list) {
      body.appendChild(el('tr', { 'data-call': c.id },
        el('td', {}, c.caller || t('caller.unknown')),
        el('td', {}, c.callerName || ''),
        el('td', {}, c.queue || ''),
        el('td', {}, c.agent || ''),
        el('td', { class: 'state ' + String(c.state || '').toLowerCase() }, Attune.stateLabel(c.state)),
        el('td', { class: 'num' }, duration(Attune.waitSeconds(c))),
        el('td', { class: 'num' }, duration(Attune.talkSeconds(c))),
        el('td', { class: 'num' }, c.holdSeconds || c.heldSince ? duration((c.holdSeconds || 0) + (c.heldSince ? Attune.seconds(c.heldSince) : 0)) : '')));
    }
    document.getElementById('no-calls').hidden = list.length > 0;
  }

  function renderAlerts() {
    const list = clear(document.getElementById('alerts'));
    for (const a of alerts) {
      list.appendChild(el('li', { class: 'alert ' + String(a.severity || '').toLowerCase() },
        el('span', { class: 'muted small' }, I18n.clock(new Date(a.receivedAt).toISOString())), ' ',
        el('strong', { lang: I18n.langOf(a.title) }, a.title), ' ', el('span', { lang: I18n.langOf(a.detail) }, a.detail || '')));
    }
    document.getElementById('no-alerts').hidden = alerts.length > 0;
  }

  function addAlert(title, detail, severity) {
    alerts.unshift({ title, detail, severity, receivedAt: Date.now() });
    alerts.length = Math.min(alerts.length, 50);
    renderAlerts();
  }

  function render() {
    renderQueues();
    renderAgents();
    renderCalls();
  }

  async function reload() {
    try {
      const [live, history, agents] = await Promise.all([Attune.api('/calls'), Attune.api('/history?limit=1000'),
        Attune.api('/agents')]);
      for (const a of agents) if (a.agent) roster.add(a.agent);
      calls.clear();
      for (const c of live) calls.set(c.id, c);
      for (const r of history) ended.set(r.id, r);
      render();
    } catch (e) { /* reconnect handles it */ }
  }

  Attune.connect({
    onOpen: reload,
    onFrame: (frame) => {
      if (frame.type === 'call' || frame.type === 'callGone') {
        Attune.applyCallFrame(calls, frame);
        const event = frame.event || {};
        if (event.type === 'CallEnded' && event.record && event.record.id) ended.set(event.record.id, event.record);
        render();
      } else if (frame.type === 'alert') {
        const overdue = frame.alertType === 'commitment-overdue';
        addAlert(frame.title || (overdue ? t('board.overdue', { agent: frame.agent || '' }) : t('board.alert')),
          frame.message || frame.detail || (overdue ? (frame.text || '') + ' · ' + (frame.customer || '') : ''),
          frame.severity || (overdue ? 'SEVERE' : undefined));
      } else if (frame.type === 'guidance') {
        addAlert(t('board.guidance', { agent: frame.agent || t('board.anAgent'), title: frame.title || t('kind.' + frame.kind) }),
          frame.message + (frame.evidence ? ' — “' + frame.evidence + '”' : ''), frame.severity);
      }
    },
  });
  renderAlerts();
  setInterval(render, 1000);
})();

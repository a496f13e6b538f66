'use strict';

(() => {
  const { el, clear, duration } = Attune;
  const t = I18n.t;
  const me = Attune.requireSession(['supervisor', 'admin']);
  Attune.header(me);
  document.getElementById('feedback-link').hidden = me.role !== 'admin'; // tuning the packs is an admin's job

  const calls = new Map();      // live calls by id
  const ended = new Map();      // finished calls by id (history records), for the agent list
  const alerts = [];
  const roster = new Map();     // agent interface → username, from /api/agents: shown even before their first call
  let queues = null;            // GET /api/queues: the server's figures, the dashboards' definitions
  const agentSurveys = new Map(); // agent interface → today's survey figures, from /api/queues
  const agentStatus = new Map();  // agent interface → their standing in the queues (logged in, paused), from the PBX
  const agentDay = new Map();     // agent interface → today's calls, handle and hold time, from /api/queues

  /** The threshold the wallboard shows: 20 s when configured (the usual 80/20 target), else the first. */
  function threshold(list) {
    return list.includes(20) ? 20 : list[0];
  }

  const percent = (v) => (typeof v === 'number' ? Math.round(100 * v) + ' %' : '–');

  /** A survey figure from /api/queues: average of 5 and share of 5s, with the counts on hover. */
  function rating(survey) {
    const s = survey || {};
    return el('td', { class: 'num survey', title: t('survey.title', { rated: s.rated || 0, noAnswer: s.noAnswer || 0 }) },
      s.rated ? t('survey.figure', { average: I18n.number(s.average, 1), fives: percent(s.shareOfFives), rated: s.rated }) : '–');
  }

  function renderQueues() {
    const body = clear(document.getElementById('queues'));
    if (!queues) return;
    const targets = queues.targets || {};
    const t20 = targets.serviceLevelSeconds || threshold(queues.serviceLevelSeconds || [20]);
    Attune.text('sl-note', t('board.slNote', { seconds: t20, since: I18n.dateTime(queues.today) })
      + (targets.serviceLevel ? ' ' + t('board.targets', { share: percent(targets.serviceLevel), seconds: t20,
        wait: duration(targets.longestWaitSeconds) }) : ''));
    for (const q of queues.queues || []) {
      const today = q.today || {};
      // Waiting and talking move every second: counted here from the live calls; the rest is the server's.
      const waiting = [...calls.values()].filter(c => c.queue === q.queue && !c.answeredAt && ['OFFERED', 'QUEUED', 'RINGING'].includes(c.state));
      const longest = waiting.reduce((m, c) => Math.max(m, Attune.waitSeconds(c) || 0), 0);
      const status = q.status || {}; // the server's colours against targets: ok, amber (close), red (past)
      body.appendChild(el('tr', { 'data-queue': q.queue },
        el('td', {}, q.queue),
        el('td', { class: waiting.length ? 'num hot' : 'num' }, waiting.length),
        el('td', { class: 'num longest status-' + (status.longestWait || 'ok') }, waiting.length ? duration(longest) : '–'),
        el('td', { class: 'num' }, [...calls.values()].filter(c => c.queue === q.queue && c.answeredAt).length),
        el('td', { class: 'num sl status-' + (status.serviceLevel || 'none') }, percent((today.serviceLevel || {})[t20])),
        el('td', { class: 'num' }, typeof today.averageSpeedOfAnswerSeconds === 'number' ? duration(Math.round(today.averageSpeedOfAnswerSeconds)) : '–'),
        el('td', { class: 'num abandonment' }, percent(today.abandonment)),
        el('td', { class: 'num offered' }, today.offered || 0),
        rating(today.survey)));
    }
  }

  async function loadQueues() {
    try {
      queues = await Attune.api('/queues');
      agentSurveys.clear();
      agentDay.clear();
      for (const a of queues.agents || []) {
        agentSurveys.set(a.agent, (a.today || {}).survey);
        agentDay.set(a.agent, a.today || {});
      }
      renderQueues();
      renderAgents();
      renderComplaints();
    } catch (e) { /* the next poll tries again */ }
  }

  /** Today's confirmed complaints by kind, the major ones, and drafts still waiting for their agent. */
  function renderComplaints() {
    const today = ((queues || {}).complaints || {}).today || {};
    const list = clear(document.getElementById('complaints-today'));
    for (const [category, n] of Object.entries(today.byCategory || {})) {
      list.appendChild(el('dt', {}, t('category.' + category)));
      list.appendChild(el('dd', { class: 'num', 'data-category': category }, n));
    }
    list.appendChild(el('dt', {}, t('board.complaintsMajor')));
    list.appendChild(el('dd', { class: today.major ? 'num hot' : 'num', 'data-category': 'major' }, today.major || 0));
    list.appendChild(el('dt', {}, t('board.complaintsWaiting')));
    list.appendChild(el('dd', { class: 'num', 'data-category': 'waiting' }, today.waiting || 0));
  }

  /**
   * Today's calls of one agent (how many, average handle time; hold and transfers on hover) and, under them, the
   * coaching cards they were shown and the promises of theirs kept.
   */
  function dayCell(day) {
    const d = day || {};
    return el('td', { class: 'num day', title: d.calls ? t('agent.dayTitle', { hold: duration(Math.round(d.averageHoldSeconds || 0)),
      transfers: d.transfers || 0 }) : undefined },
      d.calls ? t('agent.day', { calls: d.calls, handle: duration(Math.round(d.averageHandleSeconds || 0)) }) : '–',
      d.cardsShown || d.promisesKept ? el('div', { class: 'muted small coaching', title: t('agent.coachingTitle') },
        t('agent.coaching', { cards: d.cardsShown || 0, kept: d.promisesKept || 0 })) : null);
  }

  /**
   * Every agent the board knows (the roster, today's calls, live calls), each once, by device: what they do now (a
   * call says it; without one, their standing in the queues) and for how long. The table and the wall's grid show these.
   */
  function agentRows() {
    const agents = new Map();
    for (const a of roster.keys()) agents.set(a, null);
    for (const r of ended.values()) if (r.agent) agents.set(r.agent, null);
    for (const c of calls.values()) if (c.agent) agents.set(c.agent, c);
    return [...agents.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([agent, c]) => {
      const idle = Attune.standing(agentStatus.get(agent));
      return { agent, name: roster.get(agent) || agent, named: roster.has(agent), call: c,
        state: c ? Attune.stateLabel(c.state) : idle.text,
        stateClass: c ? String(c.state).toLowerCase() : idle.key,
        // on a call: its talk time; else how long paused, out or in wrap-up (available says nothing)
        inState: c ? duration(Attune.talkSeconds(c)) : idle.since ? duration(Attune.seconds(idle.since)) : '' };
    });
  }

  function renderAgents() {
    if (mayListen) fillPauseForm();
    const body = clear(document.getElementById('agents'));
    for (const row of agentRows()) {
      const c = row.call;
      body.appendChild(el('tr', { 'data-agent': row.agent },
        // People by name; the device (what the PBX calls their phone) in small type under it.
        el('td', { class: 'nowrap', title: row.agent }, row.name,
          row.named ? el('div', { class: 'muted small' }, row.agent) : null),
        el('td', { class: 'state ' + row.stateClass }, row.state),
        el('td', {}, c ? [c.caller || '', c.callerName ? ' (' + c.callerName + ')' : ''].join('') : ''),
        el('td', { class: 'num' }, row.inState),
        dayCell(agentDay.get(row.agent)),
        rating(agentSurveys.get(row.agent))));
    }
  }

  // Listening in is a supervisor's act (admins see the board, they do not join calls).
  const mayListen = me.role === 'supervisor';
  document.getElementById('listen-column').hidden = !mayListen;

  /** Listen, whisper or barge: the PBX rings the supervisor's own phone and joins it to the agent's side. */
  async function join(call, mode) {
    const status = document.getElementById('listen-status');
    status.className = 'small';
    status.textContent = '';
    try {
      const r = await Attune.api('/calls/' + encodeURIComponent(call.id) + '/listen', { method: 'POST', body: { mode } });
      status.textContent = t('listen.ringing', { device: r.device, agent: agentName(call.agent), mode: t('listen.' + mode) });
    } catch (e) {
      status.className = 'small error';
      const known = { 400: 'listen.noPhone', 403: 'listen.notAllowed', 404: 'listen.gone', 409: 'listen.noAgent',
        503: 'listen.pbxDown' };
      status.textContent = known[e.status] ? t(known[e.status]) : e.message;
    }
  }

  function listenCell(c) {
    if (!mayListen) return null;
    if (!c.agent || !c.answeredAt) return el('td', {});
    const cell = el('td', { class: 'listen nowrap' });
    for (const mode of ['listen', 'whisper', 'barge']) {
      const b = el('button', { class: 'small-button ' + mode, title: t('listen.' + mode + 'Title') }, t('listen.' + mode));
      b.type = 'button';
      b.addEventListener('click', () => join(c, mode));
      cell.appendChild(b);
    }
    return cell;
  }

  function renderCalls() {
    const body = clear(document.getElementById('all-calls'));
    const list = [...calls.values()].sort((a, b) => String(a.offeredAt).localeCompare(String(b.offeredAt)));
    for (const c of list) {
      body.appendChild(el('tr', { 'data-call': c.id },
        el('td', {}, c.caller || t('caller.unknown')),
        el('td', {}, c.callerName || ''),
        el('td', {}, c.queue || ''),
        el('td', { class: 'nowrap' }, c.agent || ''),
        el('td', { class: 'state ' + String(c.state || '').toLowerCase() }, Attune.stateLabel(c.state)),
        el('td', { class: 'num' }, duration(Attune.waitSeconds(c))),
        el('td', { class: 'num' }, duration(Attune.talkSeconds(c))),
        el('td', { class: 'num' }, c.holdSeconds || c.heldSince ? duration((c.holdSeconds || 0) + (c.heldSince ? Attune.seconds(c.heldSince) : 0)) : ''),
        listenCell(c)));
    }
    document.getElementById('no-calls').hidden = list.length > 0;
  }

  /** Who an alert is about, by name when the roster knows the device; "the center" for its own promises. */
  function agentName(agent) {
    return agent ? roster.get(agent) || agent : t('board.center');
  }

  /** What a kept alert (or an alert frame) says, by its kind; every text from the server stays text. */
  function alertView(a) {
    const agent = agentName(a.agent);
    switch (a.kind) {
      case 'complaint-major':
        return { title: t('board.complaintMajor', { agent }), severity: 'SEVERE',
          detail: t('board.complaintMajorDetail', { customer: a.customer || t('caller.unknown'), time: Attune.time(a.dueAt) })
            + (a.text ? ' — “' + a.text + '”' : '') };
      case 'survey-low':
        return { title: t('board.surveyLow', { score: a.score, agent }), severity: 'WARNING',
          detail: t('board.surveyLowDetail', { customer: a.customer || t('caller.unknown') }) };
      case 'commitment-overdue':
        return { title: t('board.overdue', { agent }), severity: 'SEVERE',
          detail: (a.text || '') + ' · ' + (a.customer || '') };
      case 'queue-breach':
        return a.text === 'service-level'
          ? { title: t('board.breachSl', { queue: a.queue }), severity: 'WARNING',
            detail: t('board.breachSlDetail', { value: percent(a.value), target: percent(a.target) }) }
          : { title: t('board.breachWait', { queue: a.queue }), severity: 'WARNING',
            detail: t('board.breachWaitDetail', { value: duration(Math.round(a.value)), target: duration(Math.round(a.target)) }) };
      case 'ami-down':
        return { title: t('board.amiDown', { pbx: a.text || '' }), severity: 'SEVERE', detail: t('board.amiDownDetail') };
      case 'severe-card':
        return { title: t('board.severeCard', { agent }), severity: 'SEVERE', detail: a.text || '' };
      case 'angry-customer': { // the customer's words are quoted as they said them; without words, their voice showed it
        const lasted = duration(Math.round(a.value || 0));
        return { title: t('board.angryCustomer', { agent }), severity: 'WARNING',
          detail: a.text ? '“' + a.text + '” · ' + t('board.angryFor', { duration: lasted })
            : t('board.angryVoice', { duration: lasted }) };
      }
      case 'agent-escalating':
        return { title: t('board.agentEscalating', { agent }), severity: 'WARNING', detail: t('board.agentEscalatingDetail') };
      default:
        return { title: t('board.alert'), severity: undefined, detail: a.text || '' };
    }
  }

  function ackButton(id) {
    const b = el('button', { class: 'small-button ack' }, t('board.acknowledge'));
    b.type = 'button';
    b.addEventListener('click', () => acknowledge(id));
    return b;
  }

  function renderAlerts() {
    const list = clear(document.getElementById('alerts'));
    for (const a of alerts) {
      const view = alertView(a.alert);
      const ack = a.acknowledgedAt
        ? el('span', { class: 'muted small ack' }, t('board.acknowledged', { who: a.acknowledgedBy, time: I18n.clock(a.acknowledgedAt) }))
        : ackButton(a.alert.id);
      list.appendChild(el('li', { class: 'alert ' + String(view.severity || '').toLowerCase() + (a.acknowledgedAt ? ' acknowledged' : ''),
        'data-alert': a.alert.id },
        el('span', { class: 'muted small' }, I18n.clock(a.alert.at || new Date().toISOString())), ' ',
        el('strong', { lang: I18n.langOf(view.title) }, view.title), ' ', el('span', { lang: I18n.langOf(view.detail) }, view.detail || ''),
        ' ', ack));
    }
    document.getElementById('no-alerts').hidden = alerts.length > 0;
  }

  /** A kept alert or a new one from the socket; the same alert (by id) is shown once. */
  function addAlert(kept) {
    const i = alerts.findIndex(a => a.alert.id === kept.alert.id);
    if (i >= 0) alerts[i] = Object.assign({}, alerts[i], kept.acknowledgedAt ? kept : {});
    else alerts.unshift(kept);
    alerts.sort((a, b) => String(b.alert.at).localeCompare(String(a.alert.at)));
    alerts.length = Math.min(alerts.length, 50);
    renderAlerts();
  }

  async function acknowledge(id) {
    try {
      addAlert(await Attune.api('/alerts/' + encodeURIComponent(id) + '/ack', { method: 'POST', body: {} }));
    } catch (e) {
      loadAlerts(); // someone else took it: show who
    }
  }

  async function loadAlerts() {
    try {
      for (const kept of (await Attune.api('/alerts')).reverse()) addAlert(kept);
    } catch (e) { /* the next reconnect tries again */ }
  }

  // Wall mode or the desk's tables: the choice is kept in this browser, like the language.
  const WALL_KEY = 'attune.wall';
  let wall = localStorage.getItem(WALL_KEY) === '1';
  function applyMode() {
    document.getElementById('wall').hidden = !wall;
    document.getElementById('desk').hidden = wall;
    document.body.classList.toggle('wall', wall);
    Attune.text('wall-switch', t(wall ? 'wall.off' : 'wall.on'));
    render();
  }
  document.getElementById('wall-switch').addEventListener('click', () => {
    wall = !wall;
    localStorage.setItem(WALL_KEY, wall ? '1' : '0');
    applyMode();
  });

  /** A trend line of the last hour's samples, as an SVG polyline (no chart library: 60 points need none). */
  function sparkline(values, max, cls) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 120 30');
    svg.setAttribute('class', 'spark ' + cls);
    svg.setAttribute('aria-hidden', 'true');
    const points = values.map((v, i) => v === null || v === undefined ? null
      : [values.length < 2 ? 0 : (120 * i) / (values.length - 1), 30 - (28 * Math.min(v, max)) / (max || 1) - 1]);
    const line = document.createElementNS(ns, 'polyline');
    let drawn = points.filter(Boolean);
    if (drawn.length === 1) drawn = [[0, drawn[0][1]], [120, drawn[0][1]]]; // one sample so far: its level
    line.setAttribute('points', drawn.map(p => p[0].toFixed(1) + ',' + p[1].toFixed(1)).join(' '));
    svg.appendChild(line);
    return svg;
  }

  function renderTiles() {
    const tiles = clear(document.getElementById('queue-tiles'));
    if (!queues) return;
    const targets = queues.targets || {};
    const t20 = targets.serviceLevelSeconds || threshold(queues.serviceLevelSeconds || [20]);
    for (const q of queues.queues || []) {
      const today = q.today || {};
      const status = q.status || {};
      const waiting = [...calls.values()].filter(c => c.queue === q.queue && !c.answeredAt && ['OFFERED', 'QUEUED', 'RINGING'].includes(c.state));
      const longest = waiting.reduce((m, c) => Math.max(m, Attune.waitSeconds(c) || 0), 0);
      const trend = q.trend || [];
      const figure = (label, value, cls) => el('div', { class: 'figure ' + (cls || '') }, el('div', { class: 'value' }, value),
        el('div', { class: 'label' }, label));
      tiles.appendChild(el('div', { class: 'tile', 'data-queue': q.queue },
        el('h3', {}, q.queue),
        el('div', { class: 'figures' },
          figure(t('col.waiting'), waiting.length, waiting.length ? 'hot' : ''),
          figure(t('col.longest'), waiting.length ? duration(longest) : '–', 'status-' + (status.longestWait || 'ok')),
          figure(t('col.sl'), percent((today.serviceLevel || {})[t20]), 'status-' + (status.serviceLevel || 'none')),
          figure(t('col.abandoned'), percent(today.abandonment))),
        el('div', { class: 'trends' },
          el('span', { class: 'muted small' }, t('wall.waitingHour')), sparkline(trend.map(s => s.waiting), Math.max(5, ...trend.map(s => s.waiting)), 'waiting'),
          el('span', { class: 'muted small' }, t('wall.slHour')), sparkline(trend.map(s => s.serviceLevel), 1, 'sl'))));
    }
  }

  function renderAgentGrid() {
    const grid = clear(document.getElementById('agent-grid'));
    for (const row of agentRows()) {
      grid.appendChild(el('div', { class: 'agent-cell state ' + row.stateClass, 'data-agent': row.agent },
        el('strong', {}, row.name), el('span', {}, row.state), el('span', { class: 'muted' }, row.inState)));
    }
    const wallAlerts = clear(document.getElementById('wall-alerts'));
    for (const a of alerts.slice(0, 6)) {
      const view = alertView(a.alert);
      wallAlerts.appendChild(el('li', { class: 'alert ' + String(view.severity || '').toLowerCase() + (a.acknowledgedAt ? ' acknowledged' : '') },
        el('strong', {}, view.title), ' ', el('span', {}, view.detail || '')));
    }
  }

  function render() {
    renderQueues();
    renderAgents();
    renderCalls();
    if (wall) {
      renderTiles();
      renderAgentGrid();
    }
  }

  // A supervisor pauses or resumes an agent at the PBX (QueuePause), as agents do from their own screen. The form is
  // outside the table the board redraws every second, so a list being chosen from stays open.
  const pauseForm = document.getElementById('pause-agent');
  pauseForm.hidden = !mayListen;
  let pauseReasons = [];
  function fillPauseForm() {
    const who = document.getElementById('pause-who');
    const agents = agentRows().filter(r => r.named).map(r => r.agent);
    if (who.options.length !== agents.length || agents.some((a, i) => who.options[i].value !== a)) {
      const chosen = who.value;
      clear(who);
      for (const a of agents) {
        const o = el('option', {}, roster.get(a) + ' · ' + a);
        o.value = a;
        who.appendChild(o);
      }
      if (agents.includes(chosen)) who.value = chosen;
    }
    const why = document.getElementById('pause-why');
    if (why.options.length !== pauseReasons.length) {
      clear(why);
      for (const r of pauseReasons) {
        const o = el('option', {}, Attune.pauseReason(r));
        o.value = r;
        why.appendChild(o);
      }
    }
  }
  async function pauseOrResume(path, body) {
    const result = document.getElementById('pause-result');
    result.className = 'small';
    result.textContent = '';
    try {
      const r = await Attune.api(path, { method: 'POST', body });
      result.textContent = r.done ? '' : r.pbx || '';
    } catch (e) {
      result.className = 'small error';
      result.textContent = e.message;
    }
  }
  pauseForm.addEventListener('submit', (e) => {
    e.preventDefault();
    pauseOrResume('/agents/pause', { agent: document.getElementById('pause-who').value,
      reason: document.getElementById('pause-why').value });
  });
  document.getElementById('resume-go').addEventListener('click',
    () => pauseOrResume('/agents/resume', { agent: document.getElementById('pause-who').value }));

  async function reload() {
    loadQueues();
    loadAlerts();
    try {
      const [live, history, agents] = await Promise.all([Attune.api('/calls'), Attune.api('/history?limit=1000'),
        Attune.api('/agents')]);
      for (const a of agents) if (a.agent) roster.set(a.agent, a.username);
      const standing = await Attune.api('/agents/status');
      pauseReasons = standing.pauseReasons || [];
      for (const s of standing.agents || []) agentStatus.set(s.agent, s);
      calls.clear();
      for (const c of live) calls.set(c.id, c);
      for (const r of history) ended.set(r.id, r);
      render();
      renderAlerts(); // by the names the roster just gave
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
        const alert = Object.assign({}, frame, { kind: frame.alertType });
        addAlert({ alert, acknowledgedBy: null, acknowledgedAt: null });
      } else if (frame.type === 'agentStatus') {
        agentStatus.set(frame.agent, frame);
        renderAgents();
      } else if (frame.type === 'alertAck') {
        const a = alerts.find(x => x.alert.id === frame.id);
        if (a) { a.acknowledgedBy = frame.by; a.acknowledgedAt = frame.at; renderAlerts(); }
      }
    },
  });
  renderAlerts();
  applyMode();
  setInterval(render, 1000);
  setInterval(loadQueues, 10000); // the server's figures (it computes them at most every few seconds)
})();

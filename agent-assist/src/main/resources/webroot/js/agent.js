'use strict';

(() => {
  const { el, clear, duration } = Attune;
  const t = I18n.t;
  const me = Attune.requireSession(['agent']);
  Attune.header(me);

  const calls = new Map();
  const promises = AttunePromises.mount({ list: 'promises', empty: 'no-promises', error: 'promise-error',
    done: 'promises-done', doneTitle: 'promises-done-title' });
  const complaints = AttuneComplaints.mount({ list: 'complaints', empty: 'no-complaints', error: 'complaint-error' });

  // My standing in the queues, as the PBX reports it; pausing asks the PBX (QueuePause), the new standing comes back.
  let myStatus = null;
  function renderStatus() {
    const s = myStatus;
    const standing = Attune.standing(s);
    // available again once a wrap-up ran out: since it ended, not since it began
    const since = standing.key === 'idle' && s && s.wrapUpUntil ? s.wrapUpUntil : s && s.since;
    Attune.text('my-status', standing.text + (since ? ' · ' + t('status.since', { time: I18n.clock(since) }) : ''));
    document.getElementById('my-status').className = 'my-status ' + standing.key;
    document.getElementById('pause').hidden = !!(s && s.paused);
    document.getElementById('pause-reason').hidden = !!(s && s.paused);
    document.getElementById('resume').hidden = !(s && s.paused);
  }
  async function pauseOrResume(path, body) {
    Attune.text('status-error', '');
    try {
      await Attune.api(path, { method: 'POST', body });
    } catch (e) {
      Attune.text('status-error', e.message);
    }
  }
  document.getElementById('pause').addEventListener('click',
    () => pauseOrResume('/agents/pause', { reason: document.getElementById('pause-reason').value }));
  document.getElementById('resume').addEventListener('click', () => pauseOrResume('/agents/resume', {}));
  async function loadStatus() {
    try {
      const answer = await Attune.api('/agents/status');
      const select = clear(document.getElementById('pause-reason'));
      for (const r of answer.pauseReasons || []) {
        const o = el('option', {}, Attune.pauseReason(r));
        o.value = r;
        select.appendChild(o);
      }
      myStatus = (answer.agents || [])[0] || myStatus;
      renderStatus();
    } catch (e) { /* the socket's reconnect tries again */ }
  }
  let panelFor = null; // call id the customer panel and the cards show

  // The complaint-handling steps (seeds 000/002). Guidance of kind CHECKLIST ticks a step by its category; its
  // title (the pack's words, in the call's language) then names the step.
  const STEPS = ['checklist.listened', 'checklist.empathized', 'checklist.asked', 'checklist.offered',
    'checklist.confirmed', 'checklist.followup'];
  const ticked = new Map(); // step → the pack's title for it

  /** Cards by the call they belong to (in arrival order); the panel shows the current call's, older calls fold away. */
  const cardsByCall = new Map();
  const EARLIER_CALLS = 5;
  const CARDS_PER_CALL = 30;
  const TRANSCRIPT_LINES = 8;
  /** The current call's live figures by party (the last speech frame of each) and what was said on it. */
  let voices = {};
  let heard = [];
  let interim = null;

  function renderCalls() {
    const body = clear(document.getElementById('my-calls'));
    const list = [...calls.values()].sort((a, b) => String(a.offeredAt).localeCompare(String(b.offeredAt)));
    pickCustomerCall(list); // first, so the highlighted row is the one the panel shows
    for (const c of list) {
      body.appendChild(el('tr', { class: c.id === panelFor ? 'selected' : '', 'data-call': c.id },
        el('td', {}, c.caller || t('caller.unknown')),
        el('td', {}, c.callerName || ''),
        el('td', {}, c.queue || ''),
        el('td', { class: 'state ' + String(c.state || '').toLowerCase() }, Attune.stateLabel(c.state)),
        el('td', {}, duration(Attune.waitSeconds(c))),
        el('td', {}, duration(Attune.talkSeconds(c)))));
    }
    document.getElementById('no-calls').hidden = list.length > 0;
  }

  /** The panel follows the newest answered call (the one the agent is talking on). */
  function pickCustomerCall(list) {
    const current = list.filter(c => c.answeredAt).pop() || list[list.length - 1];
    // After the call ends the last customer stays on screen for the wrap-up, until the next call arrives.
    if (!current || current.id === panelFor) return;
    panelFor = current.id;
    voices = {};
    heard = [];
    interim = null;
    renderMeters();
    renderTranscript();
    bucket(current.id, current);
    ticked.clear();
    renderChecklist();
    renderCards();
    loadCustomer(current);
    loadCards(current.id);
  }

  async function loadCustomer(call) {
    if (!call.caller) return;
    try {
      const panel = await Attune.api('/customers/' + encodeURIComponent(call.caller));
      if (panelFor !== call.id) return;
      showCustomer(panel);
    } catch (err) {
      if (panelFor === call.id) showCustomer({ number: call.caller, profile: { name: call.callerName }, openPromises: [], history: [] });
    }
  }

  function showCustomer(panel) {
    const p = panel.profile || {};
    document.getElementById('customer-empty').hidden = true;
    document.getElementById('customer').hidden = false;
    Attune.text('customer-name', p.name || t('customer.unknown'));
    Attune.text('customer-number', panel.number || p.number || '');
    document.getElementById('customer-vip').hidden = !p.vip;
    const language = p.language ? String(p.language).toLowerCase().split(/[-_]/)[0] : '';
    Attune.text('customer-language', language && I18n.has('language.' + language) ? t('language.' + language) : p.language || '');
    document.getElementById('customer-language').hidden = !p.language;
    // How they tended to speak on earlier calls: a hint on what to do, with what it rests on (hidden without enough calls).
    const hint = panel.styleHint;
    document.getElementById('customer-style').hidden = !hint;
    if (hint) {
      Attune.text('customer-style-hint', t('style.' + hint.kind));
      Attune.text('customer-style-basis', t('style.basis', { calls: hint.calls,
        share: I18n.number(Math.round(hint.talkShare * 100), 0) + '%', upset: hint.upsetCalls }));
    }
    const facts = clear(document.getElementById('customer-facts'));
    const fact = (k, v) => { facts.appendChild(el('dt', {}, t(k))); facts.appendChild(el('dd', {}, v)); };
    fact('customer.calls', p.calls || 0);
    fact('customer.complaints', p.complaints || 0);
    fact('customer.abandoned', p.abandoned || 0);
    fact('customer.lastContact', p.lastContactAt
      ? Attune.time(p.lastContactAt) + (p.lastOutcome ? ' · ' + t('outcome.' + p.lastOutcome) : '') : t('customer.firstCall'));

    const customerPromises = clear(document.getElementById('customer-promises'));
    // Open promises first (seed 003: do what you said): the agent can keep one with a single click.
    for (const c of panel.openPromises || []) {
      customerPromises.appendChild(el('li', { class: 'promise' }, el('strong', { lang: I18n.langOf(c.text) }, c.text || t('promises.fallback')),
        c.dueAt ? el('span', { class: 'muted' }, ' · ' + t('customer.due', { time: Attune.time(c.dueAt) })) : null,
        c.agent ? el('span', { class: 'muted' }, ' · ' + t('customer.by', { agent: c.agent })) : null, ' ',
        AttunePromises.mayCallBack(c) ? AttunePromises.button(t('promises.callBack'), 'callback', () => promises.callBack(c.id)) : null));
    }
    if (!customerPromises.firstChild) customerPromises.appendChild(el('li', { class: 'muted' }, t('customer.noneOpen')));

    const history = clear(document.getElementById('customer-history'));
    for (const r of panel.history || []) {
      history.appendChild(el('li', {},
        el('span', { class: 'badge outcome ' + String(r.outcome || '').toLowerCase() }, r.outcome ? t('outcome.' + r.outcome) : ''),
        ' ', Attune.time(r.endedAt || r.startedAt),
        r.queue ? ' · ' + r.queue : '', r.agent ? ' · ' + r.agent : '',
        r.talkSeconds ? ' · ' + t('customer.talked', { duration: duration(r.talkSeconds) }) : ''));
    }
    if (!history.firstChild) history.appendChild(el('li', { class: 'muted' }, t('customer.noHistory')));
  }

  /** The call's card list, created on first use; only the last few calls are kept. */
  function bucket(callId, call) {
    const key = callId || '';
    if (!cardsByCall.has(key)) {
      cardsByCall.set(key, { caller: call ? call.caller || call.callerName : null, since: new Date().toISOString(), cards: [] });
      const ids = [...cardsByCall.keys()].filter(k => k !== panelFor);
      while (ids.length > EARLIER_CALLS) cardsByCall.delete(ids.shift());
    }
    return cardsByCall.get(key);
  }

  function addGuidance(g) {
    if (g.kind === 'CHECKLIST' && g.category && (!g.callId || g.callId === panelFor)) {
      ticked.set(String(g.category).toLowerCase(), g.title);
      renderChecklist();
    }
    // A card without a call (a reminder of a promise) belongs to whatever the agent is doing now.
    const callId = g.callId || panelFor || '';
    const list = bucket(callId, calls.get(callId)).cards;
    list.push(g);
    if (list.length > CARDS_PER_CALL) list.shift();
    if (callId === (panelFor || '')) {
      const cards = document.getElementById('guidance-cards');
      cards.insertBefore(card(g), cards.firstChild); // added, not redrawn: a screen reader announces just this one
      while (cards.children.length > CARDS_PER_CALL) cards.removeChild(cards.lastChild);
      renderEmpty();
    } else {
      renderEarlier();
    }
  }

  function card(g) {
    const severity = String(g.severity || 'INFO').toUpperCase();
    const node = el('article', { class: 'card ' + severity.toLowerCase() + (g.verdict ? ' judged-' + g.verdict.toLowerCase() : ''),
        lang: I18n.langOf(g.message || g.title), 'data-call': g.callId || '', 'data-card': g.id || '',
        'data-category': g.category || '', tabindex: g.id ? '0' : null },
      el('div', { class: 'card-head' },
        el('span', { class: 'badge ' + severity.toLowerCase() }, t('severity.' + severity)),
        // The pack's title, in the call's language; never the rule's id (that is for programs, not people).
        el('span', { class: 'card-kind' }, g.title || t('kind.' + g.kind)),
        el('span', { class: 'muted small' }, g.at ? I18n.clock(g.at) : '')),
      el('p', { class: 'card-message' }, g.message || ''),
      g.suggestion ? el('p', { class: 'card-suggestion' }, el('span', { class: 'muted' }, t('guidance.try') + ' '), g.suggestion) : null,
      g.evidence ? el('blockquote', { class: 'card-evidence', lang: I18n.langOf(g.evidence) }, g.evidence) : null,
      g.id ? verdicts(g) : null);
    // Keyboard: Tab reaches the card and its buttons; Delete puts a focused card away.
    if (g.id) node.addEventListener('keydown', (e) => { if (e.key === 'Delete' && e.target === node) judge(g, 'dismissed'); });
    return node;
  }

  /** Helpful, wrong, put away: what the center tunes its packs from (GET /api/guidance/feedback). */
  function verdicts(g) {
    const chosen = String(g.verdict || '').toLowerCase();
    const row = el('div', { class: 'card-actions' });
    for (const [verdict, label] of [['helpful', 'feedback.helpful'], ['wrong', 'feedback.wrong'], ['dismissed', 'feedback.dismiss']]) {
      const b = el('button', { class: 'small-button verdict ' + verdict, 'aria-pressed': String(chosen === verdict) }, t(label));
      b.type = 'button';
      b.addEventListener('click', () => judge(g, verdict));
      row.appendChild(b);
    }
    row.appendChild(el('span', { class: 'error small card-error', role: 'status' }));
    return row;
  }

  async function judge(g, verdict) {
    const shown = () => document.querySelector('#guidance-panel [data-card="' + CSS.escape(g.id) + '"]');
    try {
      const judged = await Attune.api('/guidance/' + encodeURIComponent(g.id) + '/feedback', { method: 'POST', body: { verdict } });
      g.verdict = judged.verdict;
      const node = shown();
      if (!node) return;
      if (g.verdict === 'DISMISSED') {
        const next = node.nextElementSibling || node.previousElementSibling;
        node.remove();
        if (next && next.focus) next.focus(); // keep the keyboard in the list
        renderEmpty();
      } else {
        const fresh = card(g);
        node.replaceWith(fresh);
        fresh.focus();
      }
    } catch (err) {
      const node = shown();
      if (node) node.querySelector('.card-error').textContent = t('feedback.failed', { error: err.message });
    }
  }

  /** Cards kept for this call (with the agent's verdicts), e.g. after a reload: merged with those already here. */
  async function loadCards(callId) {
    try {
      const stored = await Attune.api('/guidance?callId=' + encodeURIComponent(callId));
      const b = bucket(callId, calls.get(callId));
      const byId = new Map(b.cards.filter(g => g.id).map(g => [g.id, g]));
      for (const s of stored) {
        if (byId.has(s.id)) byId.get(s.id).verdict = s.verdict;
        else b.cards.push(s);
        // the checklist's steps come back with the cards that ticked them (after a reload, on another node)
        if (callId === panelFor && s.kind === 'CHECKLIST' && s.category) ticked.set(String(s.category).toLowerCase(), s.title);
      }
      b.cards.sort((x, y) => String(x.at).localeCompare(String(y.at)));
      if (callId === panelFor) {
        renderCards();
        renderChecklist();
      }
    } catch (e) { /* the live cards still arrive; a reload tries again */ }
  }

  /** The current call's cards, newest first, and the folded history of earlier calls. */
  function renderCards() {
    const cards = clear(document.getElementById('guidance-cards'));
    const current = cardsByCall.get(panelFor || '');
    const mine = current ? current.cards.filter(g => g.verdict !== 'DISMISSED') : [];
    for (const g of mine) cards.insertBefore(card(g), cards.firstChild);
    renderEmpty();
    const call = calls.get(panelFor);
    Attune.text('guidance-call', call ? t('guidance.thisCall', { caller: call.callerName || call.caller || t('caller.unknown') }) : '');
    renderEarlier();
  }

  function renderEmpty() {
    document.getElementById('no-guidance').hidden = document.getElementById('guidance-cards').children.length > 0;
  }

  function renderEarlier() {
    const list = clear(document.getElementById('earlier-list'));
    const kept = (b) => b.cards.filter(g => g.verdict !== 'DISMISSED');
    const earlier = [...cardsByCall.entries()].filter(([id, b]) => id !== (panelFor || '') && kept(b).length > 0).reverse();
    for (const [id, b] of earlier) {
      const group = el('details', { class: 'earlier-call', 'data-call': id },
        el('summary', {}, id ? t('guidance.earlierCall', { caller: b.caller || t('caller.unknown'), time: I18n.clock(b.since), count: kept(b).length })
          : t('guidance.noCall')));
      for (const g of kept(b).reverse()) group.appendChild(card(g));
      list.appendChild(group);
    }
    document.getElementById('earlier-calls').hidden = earlier.length === 0;
  }

  const finite = (v) => typeof v === 'number' && Number.isFinite(v); // a party that did not speak sends NaN
  const number = (v, digits) => (finite(v) ? v.toFixed(digits) : t('meter.none'));
  const percent = (share) => (finite(share) ? Math.round(100 * share) : t('meter.none'));

  /** Talk share, pace and loudness of both sides, from the call's speech frames (about one per party per second). */
  function onSpeech(frame) {
    if (frame.callId !== panelFor || !frame.party) return;
    voices[frame.party] = frame;
    renderMeters();
  }

  function renderMeters() {
    const agent = voices.AGENT || {}, customer = voices.CUSTOMER || {};
    document.getElementById('call-meters').hidden = !voices.AGENT && !voices.CUSTOMER;
    document.getElementById('meter-talk-bar').style.width = finite(agent.talkShare) ? percent(agent.talkShare) + '%' : '0';
    Attune.text('meter-talk', t('meter.talkText', { agent: percent(agent.talkShare), customer: percent(customer.talkShare) }));
    Attune.text('meter-pace', t('meter.paceText', { agent: number(agent.syllablesPerSecond, 1), customer: number(customer.syllablesPerSecond, 1) }));
    Attune.text('meter-loudness', t('meter.loudText', { agent: number(agent.loudnessDbfs, 0), customer: number(customer.loudnessDbfs, 0) }));
  }

  /** What the recognizer heard on the current call: the last lines, the words that raised cards marked. */
  function onHeard(frame) {
    if (frame.callId !== panelFor || !frame.text) return;
    if (frame.final === false) {
      interim = frame;
    } else {
      heard.push(frame);
      if (heard.length > TRANSCRIPT_LINES) heard.shift();
      if (interim && interim.party === frame.party) interim = null;
    }
    renderTranscript();
  }

  function renderTranscript() {
    const box = clear(document.getElementById('live-transcript'));
    const current = cardsByCall.get(panelFor || '');
    const evidence = current ? current.cards.map(g => g.evidence).filter(Boolean) : [];
    for (const line of interim ? [...heard, interim] : heard) {
      box.appendChild(el('p', { class: 'heard ' + String(line.party).toLowerCase() + (line.final === false ? ' interim' : ''),
          lang: line.lang || I18n.langOf(line.text) },
        el('span', { class: 'who' }, t('heard.' + line.party) + ': '), Attune.marked(line.text, evidence)));
    }
    box.hidden = !box.firstChild;
    box.scrollTop = box.scrollHeight;
  }

  /** Reminders, overdue promises and a caller with an open promise also appear as cards. */
  function promiseNotice(frame) {
    const c = frame.commitment || {};
    const time = Attune.time(c.dueAt);
    const notices = {
      'reminder': ['notice.reminder', 'WARNING', t('notice.reminderText', { time, customer: c.customerName || c.customerNumber || t('notice.aCustomer') }),
        t('notice.reminderTry')],
      'overdue': ['notice.overdue', 'SEVERE', t('notice.overdueText', { time }), t('notice.overdueTry')],
      'customer-called-in': ['notice.calledIn', 'WARNING', t('notice.calledInText', { agent: c.agent || t('notice.us'), time }),
        t('notice.calledInTry')],
    };
    const n = notices[frame.change];
    if (n) {
      addGuidance({ kind: 'COMMITMENT', category: frame.change, title: t(n[0]), severity: n[1], message: n[2], suggestion: n[3],
        evidence: c.text, at: new Date().toISOString(), callId: frame.change === 'customer-called-in' ? frame.callId : null });
    }
  }

  function renderChecklist() {
    const list = clear(document.getElementById('checklist'));
    for (const key of STEPS) {
      const done = ticked.has(key);
      const label = (done && ticked.get(key)) || t(key);
      list.appendChild(el('li', { class: done ? 'done' : '', 'data-step': key, lang: I18n.langOf(label) },
        el('span', { class: 'tick', 'aria-hidden': 'true' }, done ? '✓' : '○'), ' ', label));
    }
  }

  async function reload() {
    try {
      const list = await Attune.api('/calls');
      calls.clear();
      for (const c of list) calls.set(c.id, c);
      renderCalls();
    } catch (e) { /* the socket's reconnect handles it */ }
  }

  Attune.connect({
    onOpen: () => { reload(); promises.load(); complaints.load(); loadStatus(); if (panelFor) loadCards(panelFor); },
    onFrame: (frame) => {
      if (frame.type === 'call' || frame.type === 'callGone') {
        Attune.applyCallFrame(calls, frame);
        renderCalls();
      } else if (frame.type === 'guidance') {
        addGuidance(frame);
        if (frame.callId === panelFor && frame.evidence) renderTranscript(); // mark its words in what was said
      } else if (frame.type === 'speech') {
        onSpeech(frame);
      } else if (frame.type === 'heard') {
        onHeard(frame);
      } else if (frame.type === 'agentStatus') {
        myStatus = frame;
        renderStatus();
      } else if (frame.type === 'complaint') {
        complaints.load();
      } else if (frame.type === 'commitment') {
        promises.load();
        promiseNotice(frame);
        if (panelFor && calls.has(panelFor)) loadCustomer(calls.get(panelFor)); // its open promises changed
      }
    },
  });
  renderChecklist();
  setInterval(() => {
    renderCalls();
    renderStatus(); // a wrap-up counts down
  }, 1000);
})();

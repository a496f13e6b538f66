'use strict';

(() => {
  const { el, clear, duration } = Attune;
  const me = Attune.requireSession(['agent']);
  Attune.header(me);

  const calls = new Map();
  const promises = AttunePromises.mount('promises', 'no-promises', 'promise-error');
  let panelFor = null; // call id the customer panel shows

  // The complaint-handling steps (seeds 000/002). Guidance of kind CHECKLIST ticks a step by its category.
  const STEPS = [
    ['checklist.listened', 'Listen without interrupting'],
    ['checklist.empathized', 'Acknowledge the feeling'],
    ['checklist.asked', 'Ask clarifying questions'],
    ['checklist.offered', 'Offer a solution'],
    ['checklist.confirmed', 'Confirm the customer accepts it'],
    ['checklist.followup', 'Agree the follow-up'],
  ];
  const ticked = new Set();

  function renderCalls() {
    const body = clear(document.getElementById('my-calls'));
    const list = [...calls.values()].sort((a, b) => String(a.offeredAt).localeCompare(String(b.offeredAt)));
    pickCustomerCall(list); // first, so the highlighted row is the one the panel shows
    for (const c of list) {
      body.appendChild(el('tr', { class: c.id === panelFor ? 'selected' : '', 'data-call': c.id },
        el('td', {}, c.caller || 'unknown'),
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
    ticked.clear();
    renderChecklist();
    loadCustomer(current);
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
    Attune.text('customer-name', p.name || 'Unknown caller');
    Attune.text('customer-number', panel.number || p.number || '');
    document.getElementById('customer-vip').hidden = !p.vip;
    Attune.text('customer-language', p.language || '');
    document.getElementById('customer-language').hidden = !p.language;
    const facts = clear(document.getElementById('customer-facts'));
    const fact = (k, v) => { facts.appendChild(el('dt', {}, k)); facts.appendChild(el('dd', {}, v)); };
    fact('Calls', p.calls || 0);
    fact('Complaints', p.complaints || 0);
    fact('Abandoned', p.abandoned || 0);
    fact('Last contact', p.lastContactAt ? Attune.time(p.lastContactAt) + (p.lastOutcome ? ' · ' + p.lastOutcome : '') : 'first call');

    const customerPromises = clear(document.getElementById('customer-promises'));
    // Open promises first (seed 003: do what you said): the agent can keep one with a single click.
    for (const c of panel.openPromises || []) {
      customerPromises.appendChild(el('li', { class: 'promise' }, el('strong', {}, c.text || 'promise'),
        c.dueAt ? el('span', { class: 'muted' }, ' · due ' + Attune.time(c.dueAt)) : null,
        c.agent ? el('span', { class: 'muted' }, ' · by ' + c.agent) : null, ' ',
        AttunePromises.button('Call back now', 'callback', () => promises.callBack(c.id))));
    }
    if (!customerPromises.firstChild) customerPromises.appendChild(el('li', { class: 'muted' }, 'None open.'));

    const history = clear(document.getElementById('customer-history'));
    for (const r of panel.history || []) {
      history.appendChild(el('li', {},
        el('span', { class: 'badge outcome ' + String(r.outcome || '').toLowerCase() }, r.outcome || ''),
        ' ', Attune.time(r.endedAt || r.startedAt),
        r.queue ? ' · ' + r.queue : '', r.agent ? ' · ' + r.agent : '',
        r.talkSeconds ? ' · talked ' + duration(r.talkSeconds) : ''));
    }
    if (!history.firstChild) history.appendChild(el('li', { class: 'muted' }, 'No earlier calls.'));
  }

  const KIND_LABELS = { TONE: 'Tone', PACE: 'Pace', WORDING: 'Wording', COMMITMENT: 'Promise', CHECKLIST: 'Complaint steps' };

  function addGuidance(g) {
    if (g.kind === 'CHECKLIST' && g.category) {
      ticked.add(String(g.category).toLowerCase());
      renderChecklist();
    }
    const cards = document.getElementById('guidance-cards');
    const severity = String(g.severity || 'INFO').toLowerCase();
    const card = el('article', { class: 'card ' + severity },
      el('div', { class: 'card-head' },
        el('span', { class: 'badge ' + severity }, g.severity || 'INFO'),
        // The pack's title, in the call's language; never the rule's id (that is for programs, not people).
        el('span', { class: 'card-kind' }, g.title || KIND_LABELS[g.kind] || 'Guidance'),
        el('span', { class: 'muted small' }, g.at ? new Date(g.at).toLocaleTimeString() : '')),
      el('p', { class: 'card-message' }, g.message || ''),
      g.suggestion ? el('p', { class: 'card-suggestion' }, el('span', { class: 'muted' }, 'Try: '), g.suggestion) : null,
      g.evidence ? el('blockquote', { class: 'card-evidence' }, g.evidence) : null);
    cards.insertBefore(card, cards.firstChild);
    while (cards.children.length > 20) cards.removeChild(cards.lastChild);
    document.getElementById('no-guidance').hidden = true;
  }

  /** Reminders, overdue promises and a caller with an open promise also appear as cards. */
  function promiseNotice(frame) {
    const c = frame.commitment || {};
    const notices = {
      'reminder': ['Promise due soon', 'WARNING', 'Promise due ' + Attune.time(c.dueAt) + ' to ' + (c.customerName || c.customerNumber || 'a customer') + '.',
        'Call back now, or tell the customer when you will.'],
      'overdue': ['Promise overdue', 'SEVERE', 'Promise overdue since ' + Attune.time(c.dueAt) + '; your supervisor has been told.',
        'Call the customer back now: a late call is better than none.'],
      'customer-called-in': ['Open promise to this caller', 'WARNING', 'This caller has an open promise from ' + (c.agent || 'us') + ', due ' + Attune.time(c.dueAt) + '.',
        'Start with it. Mark it done if this call settles it.'],
    };
    const n = notices[frame.change];
    if (n) addGuidance({ kind: 'COMMITMENT', category: frame.change, title: n[0], severity: n[1], message: n[2], suggestion: n[3], evidence: c.text, at: new Date().toISOString() });
  }

  function renderChecklist() {
    const list = clear(document.getElementById('checklist'));
    for (const [key, label] of STEPS) {
      const done = ticked.has(key);
      list.appendChild(el('li', { class: done ? 'done' : '', 'data-step': key }, el('span', { class: 'tick' }, done ? '✓' : '○'), ' ', label));
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
    onOpen: () => { reload(); promises.load(); },
    onFrame: (frame) => {
      if (frame.type === 'call' || frame.type === 'callGone') {
        Attune.applyCallFrame(calls, frame);
        renderCalls();
      } else if (frame.type === 'guidance') {
        addGuidance(frame);
      } else if (frame.type === 'commitment') {
        promises.load();
        promiseNotice(frame);
        if (panelFor && calls.has(panelFor)) loadCustomer(calls.get(panelFor)); // its open promises changed
      }
    },
  });
  renderChecklist();
  setInterval(renderCalls, 1000);
})();

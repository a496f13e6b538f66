'use strict';

/**
 * The agent's complaint drafts at wrap-up: what the coach heard on a complaint call, drafted as a record (kind,
 * severity, the customer's words), to confirm as it is, change, or mark as no complaint. Why the draft guessed what
 * it did is shown with the words heard. Server text is shown as text (Attune.el), never parsed as HTML; what the agent
 * has chosen or typed outlives a redraw.
 */
const AttuneComplaints = (() => {
  const { el, clear } = Attune;
  const t = I18n.t;
  const CATEGORIES = ['PRODUCT_QUALITY', 'TRANSACTION_PROCESS', 'COMMUNICATION_CONFLICT', 'SERVICE_STANDARD'];
  const SEVERITIES = ['MAJOR', 'JUSTIFIED', 'UNJUSTIFIED', 'MINOR'];

  function choice(name, values, current, onChange) {
    const select = el('select', { class: 'complaint-' + name, 'aria-label': t('complaint.' + name) },
      el('option', {}, t('complaint.choose')), ...values.map(v => el('option', {}, t(name + '.' + v))));
    select.options[0].value = '';
    values.forEach((v, i) => { select.options[i + 1].value = v; });
    select.value = current || '';
    select.addEventListener('change', () => onChange(select.value));
    return select;
  }

  function mount({ list: listId, empty: emptyId, error: errorId }) {
    const list = document.getElementById(listId);
    const empty = document.getElementById(emptyId);
    const error = document.getElementById(errorId);
    /** What the agent chose or typed per draft id, kept across redraws. */
    const edits = new Map();

    function editOf(c) {
      if (!edits.has(c.id)) edits.set(c.id, { category: c.category, severity: c.severity, summary: c.summary || '' });
      return edits.get(c.id);
    }

    async function act(c, action, body) {
      error.textContent = '';
      try {
        await Attune.api('/complaints/' + encodeURIComponent(c.id) + '/' + action, { method: 'POST', body });
        edits.delete(c.id);
        await load();
      } catch (e) {
        error.textContent = e.message;
      }
    }

    function row(c) {
      const edit = editOf(c);
      const summary = el('textarea', { class: 'complaint-summary', 'aria-label': t('complaint.summary'),
        lang: c.lang === 'zh' ? 'zh-CN' : c.lang || undefined });
      summary.value = edit.summary;
      summary.rows = 3;
      summary.addEventListener('input', () => { edit.summary = summary.value; });
      const confirm = AttunePromises.button(t('complaint.confirm'), 'primary confirm', () => {
        if (!edit.category || !edit.severity) { error.textContent = t('complaint.chooseBoth'); return; }
        act(c, 'confirm', { category: edit.category, severity: edit.severity, summary: edit.summary.trim() });
      });
      const discard = AttunePromises.button(t('complaint.discard'), 'cancel', () => act(c, 'discard', {}));
      const reasons = el('ul', { class: 'complaint-reasons small' }, ...(c.reasons || []).map(r =>
        el('li', {}, el('span', { lang: I18n.langOf(r.why) }, r.why), r.said ? ' — “' + r.said + '”' : '')));
      const cards = (c.cards || []).length ? el('p', { class: 'muted small' },
        t('complaint.cards', { cards: c.cards.join(' · ') })) : null;
      return el('li', { class: 'complaint', 'data-complaint': c.id },
        el('div', { class: 'promise-head' },
          el('strong', {}, (c.customerName ? c.customerName + ' ' : '') + (c.customerNumber || t('caller.unknown'))),
          el('span', { class: 'muted' }, ' · ' + Attune.time(c.draftedAt))),
        el('div', { class: 'promise-edit' },
          choice('category', CATEGORIES, edit.category, v => { edit.category = v; }),
          choice('severity', SEVERITIES, edit.severity, v => { edit.severity = v; })),
        summary,
        reasons.children.length ? el('p', { class: 'muted small' }, t('complaint.why')) : null,
        reasons.children.length ? reasons : null,
        cards,
        el('div', { class: 'promise-actions' }, confirm, discard));
    }

    function render(drafts) {
      const active = document.activeElement;
      const typingIn = active && active.closest && active.closest('li[data-complaint]')
        ? active.closest('li[data-complaint]').dataset.complaint : null;
      const caret = typingIn && typeof active.selectionStart === 'number'
        ? [active.selectionStart, active.selectionEnd, active.className] : null;
      clear(list);
      for (const c of drafts) list.appendChild(row(c));
      for (const id of [...edits.keys()]) if (!drafts.some(c => c.id === id)) edits.delete(id); // done elsewhere
      empty.hidden = drafts.length > 0;
      list.closest('section').hidden = drafts.length === 0; // nothing to record: the panel stays out of the way
      if (typingIn && caret) {
        const again = list.querySelector('li[data-complaint="' + CSS.escape(typingIn) + '"] .' + caret[2].split(' ')[0]);
        if (again) { again.focus(); try { again.setSelectionRange(caret[0], caret[1]); } catch (e) { /* a select */ } }
      }
    }

    async function load() {
      try {
        render(await Attune.api('/complaints?status=draft'));
      } catch (e) {
        error.textContent = e.message;
      }
    }

    return { load };
  }

  return { mount };
})();

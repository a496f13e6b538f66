'use strict';

/**
 * The agent's promises: confirm what the coach noted (or change its time), call the customer back with one click,
 * cancel with a reason. Everything the server sends is shown as text (Attune.el), never parsed as HTML.
 *
 * Only the actions the API accepts for a promise's state are offered. Live promises come first, then the last few
 * closed ones. The list is redrawn whenever any promise changes; what the agent is typing (a reason, a new time)
 * is kept across redraws, with the cursor where it was.
 */
const AttunePromises = (() => {
  const { el, clear } = Attune;
  const t = I18n.t;
  const LIVE = new Set(['PROPOSED', 'OPEN', 'OVERDUE']);
  const RECENTLY_CLOSED = 5;

  function button(label, cls, onClick) {
    const b = el('button', { class: 'small-button ' + (cls || '') }, label);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  /** The PBX is asked to call back only on an agreed promise (a proposed one is confirmed first). */
  function mayCallBack(c) {
    return c.status === 'OPEN' || c.status === 'OVERDUE';
  }

  /** A new time can be agreed while the promise is proposed or open (the API refuses it once overdue or closed). */
  function mayChangeTime(c) {
    return c.status === 'PROPOSED' || c.status === 'OPEN';
  }

  /** datetime-local wants wall time without zone, here the browser's (what the picker shows and returns). */
  function localInputValue(iso) {
    const d = new Date(iso);
    const pad = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  }

  function mount({ list: listId, empty: emptyId, error: errorId, done: doneId, doneTitle: doneTitleId }) {
    const list = document.getElementById(listId);
    const empty = document.getElementById(emptyId);
    const error = document.getElementById(errorId);
    const doneList = doneId ? document.getElementById(doneId) : null;
    const doneTitle = doneTitleId ? document.getElementById(doneTitleId) : null;
    /** Open editors by promise id: which one and what is typed so far; they outlive a redraw. */
    const drafts = new Map();

    async function act(path, body, id) {
      error.textContent = '';
      try {
        await Attune.api(path, { method: 'POST', body: body || {} });
        if (id) drafts.delete(id);
        await load();
      } catch (e) {
        error.textContent = e.message;
      }
    }

    function field(draft, input) {
      input.value = draft.value;
      input.addEventListener('input', () => { draft.value = input.value; });
      return input;
    }

    function editor(c, draft) {
      const input = field(draft, el('input', { class: 'due-input', 'aria-label': t('promises.changeTime') }));
      input.type = 'datetime-local';
      const save = button(t('promises.saveTime'), 'primary', () => {
        if (!input.value) { error.textContent = t('promises.pickTime'); return; }
        act('/commitments/' + encodeURIComponent(c.id) + '/confirm', { due: new Date(input.value).toISOString() }, c.id);
      });
      return [el('div', { class: 'promise-edit' }, input, save), input];
    }

    /** Closing by hand needs a reason: resolved (kept some other way) or cancelled. */
    function closer(c, draft) {
      const resolving = draft.action === 'resolve';
      const placeholder = t(resolving ? 'promises.howKept' : 'promises.whyCancel');
      const reason = field(draft, el('input', { class: 'reason-input', 'aria-label': placeholder }));
      reason.placeholder = placeholder;
      const go = button(t(resolving ? 'promises.markDone' : 'promises.cancelIt'), resolving ? 'primary' : 'danger', () => {
        if (!reason.value.trim()) { error.textContent = t('promises.sayWhy'); return; }
        act('/commitments/' + encodeURIComponent(c.id) + '/' + draft.action, { reason: reason.value.trim() }, c.id);
      });
      return [el('div', { class: 'promise-edit' }, reason, go), reason];
    }

    function open(c, action, value) {
      drafts.set(c.id, { action, value });
      render(last, c.id);
    }

    function head(c) {
      const status = String(c.status).toLowerCase();
      return el('div', { class: 'promise-head' },
        el('span', { class: 'badge ' + status }, t('status.' + c.status)),
        el('strong', { lang: I18n.langOf(c.text) }, c.text || t('promises.fallback')),
        el('span', { class: 'muted' }, ' · ' + t('promises.due', { time: Attune.time(c.dueAt) }) + (c.dueStated ? '' : ' ' + t('promises.noTime'))),
        el('span', { class: 'muted' }, ' · ' + (c.customerName ? c.customerName + ' ' : '') + (c.customerNumber || '')));
    }

    function row(c) {
      const id = encodeURIComponent(c.id);
      const item = el('li', { class: 'promise ' + String(c.status).toLowerCase(), 'data-commitment': c.id }, head(c));
      const actions = el('div', { class: 'promise-actions' });
      if (c.status === 'PROPOSED') actions.appendChild(button(t('promises.confirm'), 'primary confirm', () => act('/commitments/' + id + '/confirm', {}, c.id)));
      if (mayChangeTime(c)) actions.appendChild(button(t('promises.changeTime'), 'edit', () => open(c, 'due', localInputValue(c.dueAt))));
      if (mayCallBack(c)) actions.appendChild(button(t('promises.callBack'), 'callback', () => act('/commitments/' + id + '/callback')));
      actions.appendChild(button(t('promises.resolve'), 'resolve', () => open(c, 'resolve', '')));
      actions.appendChild(button(t('promises.cancel'), 'cancel', () => open(c, 'cancel', '')));
      item.appendChild(actions);
      const draft = drafts.get(c.id);
      let input = null;
      if (draft && (draft.action !== 'due' || mayChangeTime(c))) {
        const [box, field] = draft.action === 'due' ? editor(c, draft) : closer(c, draft);
        item.appendChild(box);
        input = field;
      }
      return [item, input];
    }

    let last = [];

    /** {@code focusOn}: the promise whose editor was just opened. */
    function render(items, focusOn) {
      last = items;
      // Where the agent was typing, so the redraw puts the cursor back.
      const active = document.activeElement;
      const typing = active && active.closest && active.closest('#' + listId + ' .promise-edit') ? active : null;
      const typingIn = typing ? typing.closest('li[data-commitment]').dataset.commitment : null;
      const caret = typing && typeof typing.selectionStart === 'number' ? [typing.selectionStart, typing.selectionEnd] : null;
      clear(list);
      const live = items.filter(c => LIVE.has(c.status));
      let refocus = null;
      for (const c of live) {
        const [item, input] = row(c);
        list.appendChild(item);
        if (input && (c.id === focusOn || c.id === typingIn)) refocus = input;
      }
      for (const id of [...drafts.keys()]) if (!live.some(c => c.id === id)) drafts.delete(id); // closed elsewhere
      empty.hidden = list.children.length > 0;
      if (refocus) {
        refocus.focus();
        if (caret && !focusOn && refocus.type !== 'datetime-local') try { refocus.setSelectionRange(caret[0], caret[1]); } catch (e) { /* not a text field */ }
      }
      if (doneList) {
        clear(doneList);
        const closed = items.filter(c => !LIVE.has(c.status))
          .sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt))).slice(0, RECENTLY_CLOSED);
        for (const c of closed) doneList.appendChild(el('li', { class: 'promise ' + String(c.status).toLowerCase(), 'data-commitment': c.id }, head(c)));
        if (doneTitle) doneTitle.hidden = closed.length === 0;
      }
    }

    async function load() {
      try {
        render(await Attune.api('/commitments?status=' + (doneList ? 'recent' : 'open')));
      } catch (e) {
        error.textContent = e.message;
      }
    }

    return { load, callBack: (id) => act('/commitments/' + encodeURIComponent(id) + '/callback') };
  }

  return { mount, button, mayCallBack };
})();

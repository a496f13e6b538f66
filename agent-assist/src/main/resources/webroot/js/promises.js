'use strict';

/**
 * The agent's promises: confirm what the coach noted (or change its time), call the customer back with one click,
 * cancel with a reason. Everything the server sends is shown as text (Attune.el), never parsed as HTML.
 */
const AttunePromises = (() => {
  const { el, clear } = Attune;
  const LIVE = new Set(['PROPOSED', 'OPEN', 'OVERDUE']);

  function button(label, cls, onClick) {
    const b = el('button', { class: 'small-button ' + (cls || '') }, label);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  /** datetime-local wants local wall time without zone. */
  function localInputValue(iso) {
    const d = new Date(iso);
    const pad = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  }

  function mount(listId, emptyId, errorId) {
    const list = document.getElementById(listId);
    const empty = document.getElementById(emptyId);
    const error = document.getElementById(errorId);

    async function act(path, body) {
      error.textContent = '';
      try {
        await Attune.api(path, { method: 'POST', body: body || {} });
        await load();
      } catch (e) {
        error.textContent = e.message;
      }
    }

    function editor(c, row) {
      const input = el('input', { class: 'due-input' });
      input.type = 'datetime-local';
      input.value = localInputValue(c.dueAt);
      const save = button('Save time', 'primary', () => {
        if (!input.value) { error.textContent = 'Pick a date and time.'; return; }
        act('/commitments/' + encodeURIComponent(c.id) + '/confirm', { due: new Date(input.value).toISOString() });
      });
      row.appendChild(el('div', { class: 'promise-edit' }, input, save));
      input.focus();
    }

    /** Closing by hand needs a reason: resolved (kept some other way) or cancelled. */
    function closer(c, row, action, label, cls, placeholder) {
      const reason = el('input', { class: 'reason-input' });
      reason.placeholder = placeholder;
      const go = button(label, cls, () => {
        if (!reason.value.trim()) { error.textContent = 'Say why.'; return; }
        act('/commitments/' + encodeURIComponent(c.id) + '/' + action, { reason: reason.value.trim() });
      });
      row.appendChild(el('div', { class: 'promise-edit' }, reason, go));
      reason.focus();
    }

    function render(items) {
      clear(list);
      for (const c of items.filter(c => LIVE.has(c.status))) {
        const status = String(c.status).toLowerCase();
        const row = el('li', { class: 'promise ' + status, 'data-commitment': c.id },
          el('div', { class: 'promise-head' },
            el('span', { class: 'badge ' + status }, c.status),
            el('strong', {}, c.text || 'promise'),
            el('span', { class: 'muted' }, ' · due ' + Attune.time(c.dueAt) + (c.dueStated ? '' : ' (no time agreed)')),
            el('span', { class: 'muted' }, ' · ' + (c.customerName ? c.customerName + ' ' : '') + (c.customerNumber || ''))));
        const actions = el('div', { class: 'promise-actions' });
        if (c.status === 'PROPOSED') {
          actions.appendChild(button('Confirm', 'primary confirm', () => act('/commitments/' + encodeURIComponent(c.id) + '/confirm')));
        }
        actions.appendChild(button('Change time', 'edit', () => editor(c, row)));
        actions.appendChild(button('Call back now', 'callback', () => act('/commitments/' + encodeURIComponent(c.id) + '/callback')));
        actions.appendChild(button('Done…', 'resolve', () => closer(c, row, 'resolve', 'Mark done', 'primary',
          'How was it kept? (e.g. the customer called in and it was sorted)')));
        actions.appendChild(button('Cancel…', 'cancel', () => closer(c, row, 'cancel', 'Cancel promise', 'danger',
          'Why? (e.g. customer withdrew the request)')));
        row.appendChild(actions);
        list.appendChild(row);
      }
      empty.hidden = list.children.length > 0;
    }

    async function load() {
      try {
        render(await Attune.api('/commitments?status=open'));
      } catch (e) {
        error.textContent = e.message;
      }
    }

    return { load, callBack: (id) => act('/commitments/' + encodeURIComponent(id) + '/callback') };
  }

  return { mount, button };
})();

/*
 * Shared by the pages: the session token, API calls, the live WebSocket, and DOM building.
 * Every piece of text from the server goes into the page with textContent (via el()/text()), never as HTML:
 * caller names, transcripts and evidence are hostile input.
 */
'use strict';

const Attune = (() => {
  const KEY = 'attune.session';

  function session() {
    try {
      return JSON.parse(sessionStorage.getItem(KEY)) || null;
    } catch (e) {
      return null;
    }
  }

  function saveSession(s) {
    sessionStorage.setItem(KEY, JSON.stringify(s));
  }

  function signOut() {
    sessionStorage.removeItem(KEY);
    location.replace('/');
  }

  /** The signed-in session, or back to the login page when there is none or the role does not fit. */
  function requireSession(roles) {
    const s = session();
    if (!s || !s.token || (roles && !roles.includes(s.role))) {
      location.replace('/');
      throw new Error('not signed in');
    }
    return s;
  }

  async function api(path, options = {}) {
    const s = session();
    const headers = Object.assign({ 'Accept': 'application/json' }, options.headers || {});
    if (s && s.token) headers['Authorization'] = 'Bearer ' + s.token;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch('/api' + path, {
      method: options.method || 'GET',
      headers,
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    if (response.status === 401 && path !== '/login') {
      signOut();
      throw new Error('session expired');
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const err = new Error((body && body.message) || ('HTTP ' + response.status));
      err.status = response.status;
      throw err;
    }
    return body;
  }

  /** Builds an element; string/number children become text nodes, so nothing is ever parsed as HTML. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'title') node.title = String(v);
      else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'lang' || k === 'role' || k === 'tabindex') {
        node.setAttribute(k, String(v));
      }
      else if (k === 'colspan') node.colSpan = v;
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** {@code text} as text nodes with every occurrence of {@code phrases} in a mark (case-insensitive); no HTML. */
  function marked(text, phrases) {
    const source = String(text || '');
    const lower = source.toLowerCase();
    const wanted = [...new Set((phrases || []).filter(p => p && String(p).trim()).map(p => String(p).toLowerCase()))];
    const out = [];
    let at = 0;
    while (at < source.length) {
      let best = -1, length = 0;
      for (const p of wanted) {
        const i = lower.indexOf(p, at);
        if (i >= 0 && (best < 0 || i < best || (i === best && p.length > length))) { best = i; length = p.length; }
      }
      if (best < 0) break;
      if (best > at) out.push(source.slice(at, best));
      out.push(el('mark', {}, source.slice(best, best + length)));
      at = best + length;
    }
    if (at < source.length) out.push(source.slice(at));
    return out;
  }

  function text(id, value) {
    document.getElementById(id).textContent = value === undefined || value === null ? '' : String(value);
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function seconds(fromIso, toMs) {
    if (!fromIso) return null;
    const from = Date.parse(fromIso);
    if (Number.isNaN(from)) return null;
    return Math.max(0, Math.round(((toMs || Date.now()) - from) / 1000));
  }

  function duration(s) {
    if (s === null || s === undefined) return '';
    const m = Math.floor(s / 60), r = s % 60;
    return m >= 60 ? Math.floor(m / 60) + 'h' + String(m % 60).padStart(2, '0') + 'm'
                   : m + ':' + String(r).padStart(2, '0');
  }

  /** A moment as the reader reads it: their language, the center's zone. */
  function time(iso) {
    return I18n.dateTime(iso);
  }

  /** Live updates: reconnects with back-off; onOpen runs after every (re)connect, to reload the full state. */
  function connect({ onFrame, onOpen }) {
    let delay = 500;
    const state = document.getElementById('link-state');
    function open() {
      const s = session();
      if (!s) return signOut();
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      const ws = new WebSocket(scheme + '://' + location.host + '/ws?token=' + encodeURIComponent(s.token));
      let keepAlive = null;
      ws.onopen = () => {
        delay = 500;
        // An idle socket is cut by many proxies; a small frame every 25 s keeps it open.
        keepAlive = setInterval(() => { if (ws.readyState === 1) ws.send('{"type":"ping"}'); }, 25000);
        if (state) { state.textContent = I18n.t('top.live'); state.className = 'link-state up'; }
        if (onOpen) onOpen();
      };
      ws.onmessage = (msg) => {
        let frame;
        try { frame = JSON.parse(msg.data); } catch (e) { return; }
        if (frame && typeof frame.type === 'string') onFrame(frame);
      };
      ws.onclose = () => {
        clearInterval(keepAlive);
        if (state) { state.textContent = I18n.t('top.reconnecting'); state.className = 'link-state down'; }
        // A closed socket may mean an expired token: the next API call sends us to the login page if so.
        api('/calls').catch(() => {});
        setTimeout(open, delay);
        delay = Math.min(delay * 2, 10000);
      };
    }
    open();
  }

  function header(s) {
    I18n.apply();
    text('who', s.username + ' · ' + I18n.t('role.' + s.role) + (s.agent ? ' · ' + s.agent : ''));
    document.getElementById('logout').addEventListener('click', signOut);
  }

  function stateLabel(state) {
    return !state ? '' : I18n.has('state.' + state) ? I18n.t('state.' + state) : String(state).toLowerCase();
  }

  /** A pause reason in the reader's language; one typed on a phone or the PBX (not ours) is shown as it came. */
  function pauseReason(reason) {
    const key = 'pause.' + String(reason || '').replace(/-/g, '_');
    return !reason ? I18n.t('pause.none') : I18n.has(key) ? I18n.t(key) : String(reason);
  }

  /**
   * What an agent's standing in the queues says they do when no call says it: out of every queue, paused (and why),
   * in wrap-up after a queue call (the PBX offers them nothing until it ends), or available; {@code since}: when that
   * began, null where the time in it says nothing (available).
   */
  function standing(s) {
    if (s && !s.loggedIn) return { key: 'logged-out', text: I18n.t('state.loggedOut'), since: s.since };
    if (s && s.paused) return { key: 'paused', text: I18n.t('state.paused', { reason: pauseReason(s.pauseReason) }), since: s.since };
    const left = s && s.wrapUpUntil ? Math.ceil((Date.parse(s.wrapUpUntil) - Date.now()) / 1000) : 0;
    if (left > 0) return { key: 'wrap-up', text: I18n.t('state.wrapUp', { left: duration(left) }), since: s.since };
    return { key: 'idle', text: I18n.t('state.available'), since: null };
  }

  /** Applies a {"type":"call"} or {"type":"callGone"} frame to a map of live calls by id. */
  function applyCallFrame(calls, frame) {
    if (frame.type === 'callGone') {
      calls.delete(frame.id);
      return;
    }
    const call = frame.call;
    const event = frame.event || {};
    const id = (call && call.id) || event.callId;
    if (!id) return;
    if (event.type === 'CallEnded' || (call && call.state === 'ENDED')) calls.delete(id);
    else if (call) calls.set(id, call);
  }

  /** Talk time so far: from answer to now, minus completed and current hold. */
  function talkSeconds(call) {
    const talking = seconds(call.answeredAt);
    if (talking === null) return null;
    const held = (call.holdSeconds || 0) + (call.heldSince ? seconds(call.heldSince) : 0);
    return Math.max(0, talking - held);
  }

  function waitSeconds(call) {
    const from = call.queuedAt || call.offeredAt;
    if (!from) return null;
    if (call.answeredAt) return Math.max(0, Math.round((Date.parse(call.answeredAt) - Date.parse(from)) / 1000));
    return seconds(from);
  }

  return { session, saveSession, signOut, requireSession, api, el, marked, text, clear, seconds, duration, time, connect,
           header, stateLabel, pauseReason, standing, applyCallFrame, talkSeconds, waitSeconds };
})();

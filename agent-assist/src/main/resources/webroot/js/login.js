'use strict';

(() => {
  const existing = Attune.session();
  if (existing && existing.token) {
    location.replace(existing.role === 'agent' ? '/agent.html' : '/supervisor.html');
    return;
  }
  I18n.apply();
  const form = document.getElementById('login-form');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    Attune.text('login-error', '');
    const button = document.getElementById('login-button');
    button.disabled = true;
    try {
      const res = await Attune.api('/login', {
        method: 'POST',
        body: { username: document.getElementById('username').value, password: document.getElementById('password').value },
      });
      Attune.saveSession({ token: res.token, role: res.role, username: res.username, agent: res.agent, timeZone: res.timeZone });
      location.replace(res.role === 'agent' ? '/agent.html' : '/supervisor.html');
    } catch (err) {
      Attune.text('login-error', err.status === 401 ? I18n.t('login.wrong') : I18n.t('login.failed', { error: err.message }));
    } finally {
      button.disabled = false;
    }
  });
})();

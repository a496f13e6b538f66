'use strict';

/** Admins: per category, the cards shown and agents' verdicts; the wrong ones' utterances, matched words marked. */
(() => {
  const { el, clear } = Attune;
  const t = I18n.t;
  const me = Attune.requireSession(['admin']);
  Attune.header(me);

  const days = document.getElementById('days');
  for (const n of [7, 30, 90]) {
    const option = el('option', {}, t('fb.days', { days: n }));
    option.value = String(n);
    days.appendChild(option);
  }
  days.value = '30';
  days.addEventListener('change', load);

  /** The utterance as text with the evidence marked, never parsed as HTML. */
  function marked(utterance, evidence) {
    if (!utterance) return el('span', { class: 'muted' }, t('fb.noUtterance'));
    return el('span', { lang: I18n.langOf(utterance) }, Attune.marked(utterance, [evidence]));
  }

  function render(report) {
    const body = clear(document.getElementById('categories'));
    for (const c of report.categories || []) {
      body.appendChild(el('tr', { 'data-category': c.category },
        el('td', {}, el('strong', { lang: I18n.langOf(c.title) }, c.title || c.category), ' ', el('code', { class: 'muted small' }, c.category)),
        el('td', {}, c.kind ? t('kind.' + c.kind) : ''),
        el('td', { class: 'num shown' }, c.shown),
        el('td', { class: 'num helpful' }, c.helpful),
        el('td', { class: 'num wrong' + (c.wrong ? ' hot' : '') }, c.wrong),
        el('td', { class: 'num dismissed' }, c.dismissed)));
      if (c.wrongExamples && c.wrongExamples.length) {
        const list = el('ul', { class: 'list wrong-examples' });
        for (const x of c.wrongExamples) {
          list.appendChild(el('li', {}, marked(x.utterance, x.evidence), ' ',
            el('span', { class: 'muted small' }, t('fb.example', { time: Attune.time(x.at), agent: x.agent || '' }))));
        }
        body.appendChild(el('tr', { class: 'examples', 'data-examples': c.category },
          el('td', { colspan: 6 }, el('details', {}, el('summary', {}, t('fb.wrongSaid', { count: c.wrong })), list))));
      }
    }
    document.getElementById('no-cards').hidden = (report.categories || []).length > 0;
  }

  async function load() {
    Attune.text('feedback-error', '');
    try {
      render(await Attune.api('/guidance/feedback?days=' + encodeURIComponent(days.value)));
    } catch (e) {
      Attune.text('feedback-error', e.message);
    }
  }

  load();
})();

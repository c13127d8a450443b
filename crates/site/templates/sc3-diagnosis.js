// The self-diagnosis page: draws the 25 questions from the JSON embedded in
// the page, scores the answers as they are given (4 / 2 / 0 / -1), and shows
// the total, the parts, the band and, for each answer short of 実施している,
// links to the base items and sample-regulation chapters that address it.
// Answers never leave the browser: they can be saved to a file (the same TOML
// the command `cargo xtask diagnose` reads), loaded from one, and printed.
// `#answers=0,1,2,…` (indices of the answers) fills the form in.
(function () {
  'use strict';
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function init() {
    var root = document.getElementById('sc3-diagnosis');
    var specEl = document.getElementById('sc3-diagnosis-spec');
    if (!root || !specEl) { return; }
    var spec = JSON.parse(specEl.textContent);
    var form = el('form', { id: 'sc3-diagnosis-form' });
    var chosen = new Array(spec.questions.length).fill(null);

    spec.parts.forEach(function (part) {
      var fs = el('fieldset', { 'class': 'sc3-part' });
      fs.appendChild(el('legend', {}, part.title));
      spec.questions.filter(function (q) { return q.part === part.id; }).forEach(function (q) {
        var i = spec.questions.indexOf(q);
        var box = el('div', { 'class': 'sc3-question', id: 'q' + q.number });
        box.appendChild(el('p', { 'class': 'sc3-question-text' }, q.number + '. ' + q.text));
        box.appendChild(el('p', { 'class': 'sc3-question-hint' }, q.hint));
        var choices = el('div', { 'class': 'sc3-choices', role: 'radiogroup' });
        spec.answers.forEach(function (a, k) {
          var label = el('label', {});
          var input = el('input', { type: 'radio', name: 'q' + q.number, value: String(k) });
          input.addEventListener('change', function () { chosen[i] = k; update(); });
          label.appendChild(input);
          label.appendChild(document.createTextNode(' ' + a));
          choices.appendChild(label);
        });
        box.appendChild(choices);
        fs.appendChild(box);
      });
      form.appendChild(fs);
    });

    var buttons = el('div', { 'class': 'sc3-diagnosis-buttons' });
    var save = el('button', { type: 'button', id: 'sc3-save' }, '答えをファイルに保存');
    var loadLabel = el('label', { 'class': 'sc3-load' }, 'ファイルから読み込む ');
    var load = el('input', { type: 'file', accept: '.toml,.txt', id: 'sc3-load' });
    loadLabel.appendChild(load);
    var print = el('button', { type: 'button', id: 'sc3-print' }, '印刷');
    var clear = el('button', { type: 'button', id: 'sc3-clear' }, 'すべて消す');
    [save, loadLabel, print, clear].forEach(function (b) { buttons.appendChild(b); });

    var result = el('section', { id: 'sc3-diagnosis-result', 'aria-live': 'polite' });
    root.appendChild(buttons);
    root.appendChild(form);
    root.appendChild(result);

    function setAnswers(list) {
      list.forEach(function (k, i) {
        if (i >= chosen.length || k === null || k < 0 || k >= spec.answers.length) { return; }
        chosen[i] = k;
        var input = form.querySelector('input[name="q' + spec.questions[i].number + '"][value="' + k + '"]');
        if (input) { input.checked = true; }
      });
      update();
    }

    function update() {
      result.textContent = '';
      var answered = chosen.filter(function (c) { return c !== null; }).length;
      var total = 0;
      chosen.forEach(function (c) { if (c !== null) { total += spec.points[c]; } });
      var head = el('h2', { id: 'sc3-total' });
      head.textContent = answered === spec.questions.length
        ? '合計 ' + total + ' 点 / 100 点'
        : '回答 ' + answered + ' / ' + spec.questions.length + ' 問（途中の合計 ' + total + ' 点）';
      result.appendChild(head);
      var table = el('table', { 'class': 'sc3-parts' });
      spec.parts.forEach(function (part) {
        var score = 0, max = 0;
        spec.questions.forEach(function (q, i) {
          if (q.part !== part.id) { return; }
          max += 4;
          if (chosen[i] !== null) { score += spec.points[chosen[i]]; }
        });
        var tr = el('tr', {});
        tr.appendChild(el('td', {}, part.title));
        tr.appendChild(el('td', { 'class': 'sc3-num' }, score + ' / ' + max));
        table.appendChild(tr);
      });
      result.appendChild(table);
      if (answered === spec.questions.length) {
        var band = spec.bands.find(function (b) { return b.min <= total && total <= b.max; });
        if (band) {
          result.appendChild(el('p', { 'class': 'sc3-band', id: 'sc3-band' }, band.label));
          result.appendChild(el('p', {}, band.advice));
        }
      }
      var weak = [];
      spec.questions.forEach(function (q, i) {
        if (chosen[i] !== null && spec.points[chosen[i]] < 4) { weak.push({ q: q, points: spec.points[chosen[i]], answer: spec.answers[chosen[i]] }); }
      });
      weak.sort(function (a, b) { return a.points - b.points || a.q.number - b.q.number; });
      if (weak.length > 0) {
        result.appendChild(el('h3', {}, '見直したい設問（' + weak.length + ' 問）'));
        var list = el('ol', { 'class': 'sc3-weak' });
        weak.forEach(function (w) {
          var li = el('li', {});
          li.appendChild(el('p', {}, '設問' + w.q.number + '（' + w.answer + '）: ' + w.q.text));
          var refs = el('p', { 'class': 'sc3-implements' });
          refs.appendChild(document.createTextNode('サンプル規程: '));
          w.q.chapters.forEach(function (c, k) {
            if (k > 0) { refs.appendChild(document.createTextNode('、')); }
            refs.appendChild(el('a', { href: c.href }, c.clause ? '第' + c.clause + '条' : c.id));
          });
          refs.appendChild(document.createTextNode(' ／ 基本項目: '));
          w.q.items.forEach(function (it, k) {
            if (k > 0) { refs.appendChild(document.createTextNode('、')); }
            refs.appendChild(el('a', { href: it.href, title: it.title }, it.id));
          });
          li.appendChild(refs);
          list.appendChild(li);
        });
        result.appendChild(list);
      }
    }

    save.addEventListener('click', function () {
      var lines = ['# 5分でできる！情報セキュリティ自社診断の回答', 'answers = ['];
      chosen.forEach(function (c) { lines.push('  "' + (c === null ? 'わからない' : spec.answers[c]) + '",'); });
      lines.push(']');
      var blob = new Blob([lines.join('\n') + '\n'], { type: 'text/plain' });
      var a = el('a', { href: URL.createObjectURL(blob), download: 'diagnosis.toml' });
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
    load.addEventListener('change', function () {
      var file = load.files && load.files[0];
      if (!file) { return; }
      file.text().then(function (text) {
        var found = text.match(/"[^"]*"/g) || [];
        setAnswers(found.map(function (s) { return spec.answers.indexOf(s.slice(1, -1).trim()); }));
      });
    });
    print.addEventListener('click', function () { window.print(); });
    clear.addEventListener('click', function () {
      chosen.fill(null);
      form.reset();
      update();
    });

    var m = /answers=([0-9,]+)/.exec(window.location.hash);
    if (m) { setAnswers(m[1].split(',').map(function (x) { return parseInt(x, 10); })); } else { update(); }
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();

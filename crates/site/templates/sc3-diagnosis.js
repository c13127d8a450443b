// The self-diagnosis page: draws the 25 questions from the JSON embedded in
// the page, scores the answers as they are given (4 / 2 / 0 / -1), and shows
// the total, the parts, the band and, for each answer short of 実施している,
// links to the base items and sample-regulation chapters that address it.
// Answers never leave the browser: they can be saved to a file (the same TOML
// the command `cargo xtask diagnose` reads), loaded from one, and printed.
// `#answers=0,1,2,…` (indices of the answers) fills the form in;
// `&adopted=all` ticks every chapter in the ★3 readiness section.
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
    var ready = readinessSection(el);
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
      if (ready) { ready.update(chosen); }
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
  // ---------------------------------------------------------------- ★3 readiness
  // The rules of sc3_toolkit::readiness (crates/toolkit/src/readiness.rs),
  // over the basis the build embeds: evidence per base item is the strongest
  // of its sources (answer, adopted clause: partial, register: full);
  // targets together; the status is the weakest link of the entry's relation
  // and the evidence. Strengths: 0 unknown, 1 none, 2 partial, 3 full.
  var STRENGTH_LABEL = ['記録なし', '未実施', '一部', '記録あり'];
  var STATUS = ['met', 'partly', 'not-yet', 'not-covered', 'outside'];
  var STATUS_LABEL = { 'met': '記録が支える', 'partly': '一部を支える', 'not-yet': 'まだ', 'not-covered': '記録なし', 'outside': '基本項目の外' };
  var RELATION_LABEL = { covered: '対応', partial: '準対応', none: '非対応' };

  function together(strengths) {
    if (strengths.length === 0 || strengths.every(function (s) { return s === 0; })) { return 0; }
    if (strengths.every(function (s) { return s === 3; })) { return 3; }
    if (strengths.every(function (s) { return s <= 1; })) { return 1; }
    return 2;
  }
  function status(relation, evidence) {
    if (relation !== 'covered' && relation !== 'partial') { return 'outside'; }
    if (evidence === 0) { return 'not-covered'; }
    if (evidence === 1) { return 'not-yet'; }
    return relation === 'covered' && evidence === 3 ? 'met' : 'partly';
  }

  // One line per criterion: { id, title, status, entry, targets, next }.
  // answers: one index per question or null; adopted: chapter -> true.
  function assess(b, answers, adopted, register) {
    function target(item) {
      var sources = [];
      b.questions.forEach(function (q, i) {
        if (q.items.indexOf(item) < 0) { return; }
        var a = answers[i];
        var known = a !== null && a !== undefined && a < 3;
        sources.push({ text: known ? '設問' + q.number + '「' + b.answers[a] + '」' : '設問' + q.number + '（わからない・未回答）',
          strength: known ? 3 - a : 0 });
      });
      b.clauses.forEach(function (c) {
        if (adopted[c.chapter] && c.implements.indexOf(item) >= 0) {
          sources.push({ text: '採用した第' + c.number + '条「' + c.title + '」', strength: 2, clause: c.number });
        }
      });
      if (register && b.register_items.indexOf(item) >= 0) { sources.push({ text: '情報資産の台帳', strength: 3 }); }
      var strength = sources.reduce(function (m, s) { return Math.max(m, s.strength); }, 0);
      return { item: item, title: b.items[item] || '', strength: strength, sources: sources };
    }
    return b.criteria.map(function (c) {
      var e = c.entry;
      var linked = e && (e.relation === 'covered' || e.relation === 'partial');
      var targets = linked ? e.targets.map(target) : [];
      var evidence = together(targets.map(function (t) { return t.strength; }));
      var st = status(e ? e.relation : null, evidence);
      return { id: c.id, title: c.title, status: st, entry: e, targets: targets, next: linked ? nextSteps(b, answers, adopted, e, targets, st) : ['突合表に対応する基本項目がない: 自社の対策と証跡で直接備える'] };
    });
  }
  function nextSteps(b, answers, adopted, e, targets, st) {
    var next = [], seenQ = {}, clauses = [], seenC = {};
    targets.filter(function (t) { return t.strength < 3; }).forEach(function (t) {
      var asked = false;
      b.questions.forEach(function (q, i) {
        if (q.items.indexOf(t.item) < 0) { return; }
        asked = true;
        var a = answers[i];
        if (a === 0 || seenQ[i]) { return; }
        seenQ[i] = true;
        var known = a !== null && a !== undefined && a < 3;
        var phase = known && b.points[a] > 0 ? b.phases[1] : b.phases[0];
        next.push(known
          ? '設問' + q.number + '（今は「' + b.answers[a] + '」）を実施している状態にする（計画の時期: ' + phase + '）'
          : '設問' + q.number + 'に答える（わからない・未回答。計画の時期: ' + phase + '）');
      });
      if (!asked && t.strength === 2) {
        next.push(t.item + '（' + t.title + '）は採用した条だけが記録: その条を運用している記録（証跡）を残す');
      }
      if (!asked && t.strength === 0) {
        b.clauses.forEach(function (c) { if (c.implements.indexOf(t.item) >= 0) { clauses.push(c.number); } });
      }
    });
    if (st !== 'met') { clauses = e.regulations.concat(clauses); }
    clauses.forEach(function (n) {
      var c = b.clauses.find(function (x) { return x.number === n; });
      if (!c || adopted[c.chapter] || seenC[n]) { return; }
      seenC[n] = true;
      next.push('第' + c.number + '条「' + c.title + '」を採用する（' + (b.chapters[c.chapter] || c.chapter) + '）');
    });
    if (e.relation === 'partial') { next.push('準対応: 理由に書いた残りの部分は基本項目の外にあり、自社の対策と証跡で補う'); }
    return next;
  }
  function pathText(l) {
    if (!l.entry) { return '突合表に行がない'; }
    return (RELATION_LABEL[l.entry.relation] || '（不明）') + (l.entry.strm ? '（' + l.entry.strm + '）' : '') + ' → ' +
      (l.entry.targets.length ? l.entry.targets.join('、') : '（なし）');
  }
  function targetText(t) {
    if (t.sources.length === 0) { return t.item + '（' + t.title + '）: 記録なし'; }
    return t.item + '（' + t.title + '）: ' + t.sources.map(function (s) { return s.text; }).join('、') + ' → ' + STRENGTH_LABEL[t.strength];
  }

  // A workbook with one sheet of inline strings (never a formula), stored
  // in a ZIP without compression.
  var CRC = (function () {
    var t = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) { c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1; }
      t.push(c >>> 0);
    }
    return t;
  })();
  function crc32(bytes) {
    var c = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) { c = CRC[(c ^ bytes[i]) & 0xFF] ^ (c >>> 8); }
    return (c ^ 0xFFFFFFFF) >>> 0;
  }
  function zip(files) {
    var enc = new TextEncoder(), parts = [], central = [], offset = 0;
    function u16(v) { return [v & 0xFF, (v >>> 8) & 0xFF]; }
    function u32(v) { return [v & 0xFF, (v >>> 8) & 0xFF, (v >>> 16) & 0xFF, (v >>> 24) & 0xFF]; }
    files.forEach(function (f) {
      var name = enc.encode(f[0]), data = enc.encode(f[1]), crc = crc32(data);
      // Version 20, no flags, stored, time and date of 1980-01-01 00:00.
      var common = [].concat(u16(20), u16(0), u16(0), u16(0), u16(0x21), u32(crc), u32(data.length), u32(data.length), u16(name.length), u16(0));
      var local = new Uint8Array([].concat(u32(0x04034b50), common));
      parts.push(local, name, data);
      central.push(new Uint8Array([].concat(u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u32(0), u32(offset))), name);
      offset += local.length + name.length + data.length;
    });
    var size = central.reduce(function (s, p) { return s + p.length; }, 0);
    var end = new Uint8Array([].concat(u32(0x06054b50), u16(0), u16(0), u16(files.length), u16(files.length), u32(size), u32(offset), u16(0)));
    return new Blob(parts.concat(central, [end]), { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  }
  function xml(s) {
    return String(s).replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function xlsx(rows) {
    var sheet = rows.map(function (row, r) {
      return '<row r="' + (r + 1) + '">' + row.map(function (v) {
        return '<c t="inlineStr"><is><t xml:space="preserve">' + xml(v) + '</t></is></c>';
      }).join('') + '</row>';
    }).join('');
    var head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
    return zip([
      ['[Content_Types].xml', head + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'],
      ['_rels/.rels', head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
      ['xl/workbook.xml', head + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="準備状況" sheetId="1" r:id="rId1"/></sheets></workbook>'],
      ['xl/_rels/workbook.xml.rels', head + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
      ['xl/worksheets/sheet1.xml', head + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + sheet + '</sheetData></worksheet>']
    ]);
  }

  // The section: chapters and register to tick, the counts, one entry per
  // criterion, and the checklist to download. Returns { update(chosen) }.
  function readinessSection(el) {
    var root = document.getElementById('sc3-readiness');
    var basisEl = document.getElementById('sc3-readiness-basis');
    if (!root || !basisEl) { return null; }
    var b = JSON.parse(basisEl.textContent);
    var adopted = {}, register = false, last = [];
    var choose = el('fieldset', { 'class': 'sc3-part', id: 'sc3-readiness-records' });
    choose.appendChild(el('legend', {}, '自社の記録（採用した規程の章と、情報資産の台帳）'));
    Object.keys(b.chapters).forEach(function (c) {
      var label = el('label', { 'class': 'sc3-chapter' });
      var box = el('input', { type: 'checkbox', value: c, id: 'sc3-chapter-' + c });
      box.addEventListener('change', function () { adopted[c] = box.checked; draw(); });
      label.appendChild(box);
      label.appendChild(document.createTextNode(' ' + b.chapters[c] + ' '));
      choose.appendChild(label);
    });
    var regLabel = el('label', {});
    var regBox = el('input', { type: 'checkbox', id: 'sc3-register' });
    regBox.addEventListener('change', function () { register = regBox.checked; draw(); });
    regLabel.appendChild(regBox);
    regLabel.appendChild(document.createTextNode(' 情報資産の台帳がある'));
    choose.appendChild(regLabel);
    var button = el('button', { type: 'button', id: 'sc3-readiness-xlsx' }, 'チェックリストを XLSX で保存');
    var out = el('div', { id: 'sc3-readiness-result', 'aria-live': 'polite' });
    root.appendChild(choose);
    root.appendChild(button);
    root.appendChild(out);
    var lines = [];
    function draw() {
      lines = assess(b, last, adopted, register);
      out.textContent = '';
      var counts = {};
      STATUS.forEach(function (s) { counts[s] = 0; });
      lines.forEach(function (l) { counts[l.status] += 1; });
      var table = el('table', { 'class': 'sc3-parts', id: 'sc3-readiness-counts' });
      STATUS.forEach(function (s) {
        var tr = el('tr', {});
        tr.appendChild(el('td', {}, STATUS_LABEL[s]));
        tr.appendChild(el('td', { 'class': 'sc3-num', 'data-status': s }, String(counts[s])));
        table.appendChild(tr);
      });
      out.appendChild(table);
      var list = el('ol', { 'class': 'sc3-readiness' });
      lines.forEach(function (l) {
        var li = el('li', { 'data-criterion': l.id, 'data-status': l.status });
        var p = el('p', {});
        p.appendChild(el('a', { href: b.href.criteria[l.id] || '#' }, l.id));
        p.appendChild(document.createTextNode(' ' + l.title + ' — '));
        p.appendChild(el('strong', {}, STATUS_LABEL[l.status]));
        li.appendChild(p);
        var detail = el('ul', {});
        detail.appendChild(el('li', {}, '突合表（このプロジェクトの判断）: ' + pathText(l)));
        if (l.entry && l.entry.rationale) { detail.appendChild(el('li', {}, '理由: ' + l.entry.rationale)); }
        l.targets.forEach(function (t) {
          var tli = el('li', {});
          tli.appendChild(document.createTextNode('自社の記録: '));
          tli.appendChild(el('a', { href: b.href.items[t.item] || '#' }, t.item));
          tli.appendChild(document.createTextNode(targetText(t).slice(t.item.length)));
          detail.appendChild(tli);
        });
        l.next.forEach(function (n) { detail.appendChild(el('li', {}, '次にすること: ' + n)); });
        li.appendChild(detail);
        list.appendChild(li);
      });
      out.appendChild(list);
    }
    button.addEventListener('click', function () {
      var rows = [[b.scheme_title + ' ' + b.level + ' の準備状況（推定）: 当社']];
      document.querySelectorAll('#sc3-readiness-notice p').forEach(function (p) { rows.push([p.textContent]); });
      rows.push([]);
      rows.push(['評価基準', '区分', '名前（経済産業省の要求事項名）', '状況（推定）', '突合表（このプロジェクトの判断）', '理由（このプロジェクトの判断）', '自社の記録', '次にすること', '自社の証跡', '担当者', 'メモ']);
      lines.forEach(function (l) {
        rows.push([l.id, b.level, l.title, STATUS_LABEL[l.status], pathText(l), l.entry ? l.entry.rationale : '',
          l.targets.map(targetText).join('\n'), l.next.join('\n'), '', '', '']);
      });
      var a = el('a', { href: URL.createObjectURL(xlsx(rows)), download: 'readiness.xlsx' });
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
    // `#…&adopted=all` (or a list of chapters) ticks chapters, as a
    // company.toml would adopt them.
    var m = /adopted=([0-9a-z,-]+)/.exec(window.location.hash);
    if (m) {
      Object.keys(b.chapters).forEach(function (c) {
        if (m[1] === 'all' || m[1].split(',').indexOf(c) >= 0) {
          adopted[c] = true;
          document.getElementById('sc3-chapter-' + c).checked = true;
        }
      });
    }
    return { update: function (chosen) { last = chosen.slice(); draw(); } };
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();

// Japanese search for the handbook. Loads sc3-search-index.json (built in
// Rust: sections of every page and an index of character bigrams), finds the
// sections that contain every word of the query, ranks them and shows
// snippets with the matches highlighted. Content is always inserted as text,
// never as HTML. Opening a page with ?search=<query> shows the results.
(function () {
  'use strict';
  var root = (typeof path_to_root !== 'undefined') ? path_to_root : '';
  var index = null;
  var loading = null;

  function load() {
    if (!loading) {
      loading = fetch(root + 'sc3-search-index.json')
        .then(function (r) { return r.json(); })
        .then(function (j) { index = j; return j; });
    }
    return loading;
  }

  function norm(s) { return s.normalize('NFKC').toLowerCase(); }

  function grams(word) {
    var c = Array.from(word);
    if (c.length === 1) { return [c[0]]; }
    var g = [];
    for (var i = 0; i + 1 < c.length; i++) { g.push(c[i] + c[i + 1]); }
    return g;
  }

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) { i++; } else { j++; }
    }
    return out;
  }

  function count(hay, needle) {
    var n = 0, at = hay.indexOf(needle);
    while (at !== -1) { n++; at = hay.indexOf(needle, at + needle.length); }
    return n;
  }

  // The sections containing every word of the query, best first.
  function search(query) {
    var words = norm(query).split(/\s+/).filter(function (w) { return w.length > 0; });
    if (words.length === 0) { return []; }
    var candidates = null;
    words.forEach(function (w) {
      if (Array.from(w).length < 2) { return; } // one character: checked below
      grams(w).forEach(function (g) {
        var postings = index.bigrams[g] || [];
        candidates = candidates === null ? postings.slice() : intersect(candidates, postings);
      });
    });
    if (candidates === null) { candidates = index.docs.map(function (_, i) { return i; }); }
    var results = [];
    candidates.forEach(function (i) {
      var d = index.docs[i];
      var title = norm(d.t), body = norm(d.b), score = 0;
      for (var k = 0; k < words.length; k++) {
        var inTitle = count(title, words[k]), inBody = count(body, words[k]);
        if (inTitle + inBody === 0) { return; }
        score += 10 * inTitle + Math.min(inBody, 20) + (d.u.indexOf('#') === -1 ? 0 : 0.5);
      }
      results.push({ doc: d, score: score });
    });
    results.sort(function (a, b) { return b.score - a.score || a.doc.u.localeCompare(b.doc.u); });
    return results.slice(0, 50).map(function (r) { return r.doc; });
  }

  // The normalised text, with where each of its units comes from in the
  // original: NFKC changes lengths (… becomes ...), so positions found in
  // the normalised text are mapped back before anything is cut or marked.
  function normMap(text) {
    var out = '', starts = [], ends = [];
    for (var o = 0; o < text.length;) {
      var ch = String.fromCodePoint(text.codePointAt(o));
      var n = norm(ch);
      for (var k = 0; k < n.length; k++) { starts.push(o); ends.push(o + ch.length); }
      out += n;
      o += ch.length;
    }
    return { text: out, starts: starts, ends: ends };
  }

  // A snippet around the first match, with every match in <mark>.
  function snippet(text, words) {
    var m = normMap(text);
    var ranges = [];
    words.forEach(function (w) {
      var at = m.text.indexOf(w);
      while (at !== -1) {
        ranges.push([m.starts[at], m.ends[at + w.length - 1]]);
        at = m.text.indexOf(w, at + w.length);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var first = ranges.length > 0 ? ranges[0][0] : 0;
    var start = Math.max(0, first - 40);
    var end = Math.min(text.length, start + 160);
    var frag = document.createDocumentFragment();
    if (start > 0) { frag.appendChild(document.createTextNode('…')); }
    var at = start;
    ranges.forEach(function (r) {
      if (r[0] < at || r[1] > end) { return; }
      frag.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(r[0], r[1]);
      frag.appendChild(mark);
      at = r[1];
    });
    frag.appendChild(document.createTextNode(text.slice(at, end)));
    if (end < text.length) { frag.appendChild(document.createTextNode('…')); }
    return frag;
  }

  var SAFE_PAGE = /^[A-Za-z0-9_@][A-Za-z0-9._@\/-]*\.html(#[^\s]*)?$/;

  function render(query, panel) {
    panel.textContent = '';
    var words = norm(query).split(/\s+/).filter(function (w) { return w.length > 0; });
    if (words.length === 0) { panel.hidden = true; return; }
    var found = search(query);
    var head = document.createElement('p');
    head.className = 'sc3-search-count';
    head.textContent = '「' + query + '」の検索結果: ' + found.length + ' 件';
    panel.appendChild(head);
    var list = document.createElement('ol');
    list.className = 'sc3-search-list';
    found.forEach(function (d) {
      // Only a page of this site: a relative path to an .html file.
      if (!SAFE_PAGE.test(d.u)) { return; }
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = root + d.u;
      a.textContent = d.t;
      a.className = 'sc3-search-title';
      var p = document.createElement('p');
      p.className = 'sc3-search-snippet';
      p.appendChild(snippet(d.b, words));
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
    panel.appendChild(list);
    panel.hidden = false;
  }

  function init() {
    var bar = document.getElementById('mdbook-menu-bar');
    var content = document.getElementById('mdbook-content') || document.body;
    var form = document.createElement('form');
    form.className = 'sc3-search-form';
    form.setAttribute('role', 'search');
    var input = document.createElement('input');
    input.type = 'search';
    input.id = 'sc3-search-input';
    input.placeholder = '手引きを検索（例: 委託先）';
    input.setAttribute('aria-label', '手引きを検索');
    form.appendChild(input);
    var panel = document.createElement('section');
    panel.id = 'sc3-search-results';
    panel.hidden = true;
    if (bar) {
      var right = bar.querySelector('.right-buttons');
      bar.insertBefore(form, right);
    } else {
      content.insertBefore(form, content.firstChild);
    }
    content.insertBefore(panel, content.firstChild);

    var timer = null;
    function run(q, push) {
      load().then(function () {
        render(q, panel);
        if (push) {
          var url = new URL(window.location.href);
          if (q) { url.searchParams.set('search', q); } else { url.searchParams.delete('search'); }
          window.history.replaceState(null, '', url);
        }
      });
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value.trim(), true); }, 150);
    });
    form.addEventListener('submit', function (e) { e.preventDefault(); run(input.value.trim(), true); });
    document.addEventListener('keydown', function (e) {
      if (e.key === '/' && document.activeElement !== input) { e.preventDefault(); input.focus(); }
    });
    var q = new URLSearchParams(window.location.search).get('search');
    if (q) { input.value = q; run(q, false); }
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();

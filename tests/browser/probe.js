// Measures the page as laid out and writes what it found, as JSON, into <pre id="probe-result">
// (read back from Chromium's --dump-dom by tests/browser.rs). Run after the page's own script.
//   split: words in a table cell (or card field) laid out on more than one line, that is, a
//          cell narrower than its longest word;
//   cut:   boxes whose content is wider than the box that clips or scrolls it, and the page
//          itself wider than the window;
//   axe:   axe-core's serious and critical violations, when axe-core was put in the page.
(function () {
  var result = { width: window.innerWidth, height: document.documentElement.scrollHeight, split: [], cut: [], axe: null };
  var name = function (el) {
    var text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);
    return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
      (el.className && typeof el.className === "string" ? "." + el.className.trim().replace(/\s+/g, ".") : "") +
      " »" + text + "«";
  };
  // Hidden from sight on purpose (a heading row kept for screen readers): a box 1 px wide or
  // less, or one not laid out at all, here or above.
  var hidden = function (el) {
    for (var e = el; e && e !== document.body; e = e.parentElement) {
      var r = e.getBoundingClientRect();
      if (e.getClientRects().length === 0 || r.width <= 1) { return true; }
    }
    return false;
  };
  Array.prototype.forEach.call(document.querySelectorAll("th, td"), function (cell) {
    if (hidden(cell)) { return; }
    var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var re = /\S+/g, m;
      while ((m = re.exec(node.data))) {
        var range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        var tops = {};
        Array.prototype.forEach.call(range.getClientRects(), function (r) {
          if (r.width > 0) { tops[Math.round(r.top)] = true; }
        });
        if (Object.keys(tops).length > 1) {
          result.split.push("»" + m[0] + "« in " + name(cell) + " (" + Math.round(cell.getBoundingClientRect().width) + " px wide)");
        }
      }
    }
  });
  var root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) {
    result.cut.push("the page is " + root.scrollWidth + " px wide in a window of " + window.innerWidth + " px");
  }
  Array.prototype.forEach.call(document.querySelectorAll("body *"), function (el) {
    var style = getComputedStyle(el);
    if (style.overflowX === "visible" || el.clientWidth <= 1 || hidden(el)) { return; }
    if (el.scrollWidth > el.clientWidth + 1) {
      result.cut.push(name(el) + ": content " + el.scrollWidth + " px in a box of " + el.clientWidth + " px");
    }
  });
  var write = function () {
    var pre = document.createElement("pre");
    pre.id = "probe-result";
    pre.textContent = JSON.stringify(result);
    document.body.appendChild(pre);
  };
  if (!window.axe) { write(); return; }
  window.axe.run(document, { resultTypes: ["violations"] }).then(function (found) {
    result.axe = found.violations.filter(function (v) {
      return v.impact === "serious" || v.impact === "critical";
    }).map(function (v) {
      return v.impact + " " + v.id + ": " + v.help + " (" +
        v.nodes.map(function (n) { return n.target.join(" "); }).join(", ") + ")";
    });
    write();
  }, function (e) { result.axe = ["axe-core failed: " + e]; write(); });
})();

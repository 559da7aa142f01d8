// Mawas survey: progressive enhancement of a form that already works without JavaScript.
// Keeps a draft on this device, shows progress, marks skipped statements, asks once before sending
// a form with more than a quarter of its statements empty, and filters the unit list. Also serves
// the posters page (its print button), which shares the survey's frame.
(function () {
  "use strict";

  function store(action, key, value) {
    try {
      if (action === "get") return window.localStorage.getItem(key);
      if (action === "set") window.localStorage.setItem(key, value);
      if (action === "remove") window.localStorage.removeItem(key);
    } catch (e) {
      // Private mode or a full disk: the form still works, only without a draft.
    }
    return null;
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? values[name] : all;
    });
  }

  function setUpUnitFilter() {
    var filter = document.getElementById("unit-filter");
    var select = document.getElementById("unit");
    if (!filter || !select) return;
    filter.parentNode.hidden = false;
    filter.addEventListener("input", function () {
      var needle = filter.value.trim().toLowerCase();
      var groups = select.querySelectorAll("optgroup");
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var group = option.parentNode.tagName === "OPTGROUP" ? option.parentNode.label : "";
        var text = (option.textContent + " " + group).toLowerCase();
        option.hidden = needle !== "" && text.indexOf(needle) === -1;
      });
      Array.prototype.forEach.call(groups, function (group) {
        var visible = Array.prototype.some.call(group.children, function (o) { return !o.hidden; });
        group.hidden = !visible;
      });
    });
  }

  function setUpForm(form) {
    var key = form.getAttribute("data-draft-key");
    var total = parseInt(form.getAttribute("data-total"), 10) || 0;
    var items = Array.prototype.slice.call(form.querySelectorAll("fieldset.item"));
    var progress = document.getElementById("progress");
    var comment = document.getElementById("comment");
    var counter = document.getElementById("comment-counter");
    var confirmed = false;

    function isAnswered(fieldset) {
      return !!fieldset.querySelector('input[name^="a_"]:checked');
    }

    function markSkipped(showAll) {
      var lastAnswered = -1;
      items.forEach(function (item, i) { if (isAnswered(item)) lastAnswered = i; });
      var empty = 0;
      items.forEach(function (item, i) {
        var skipped = !isAnswered(item) && (showAll || i < lastAnswered);
        if (!isAnswered(item)) empty++;
        item.classList.toggle("is-unanswered", skipped);
        var badge = item.querySelector(".unanswered-badge");
        if (skipped && !badge) {
          badge = document.createElement("p");
          badge.className = "unanswered-badge";
          badge.textContent = form.getAttribute("data-unanswered");
          item.querySelector("legend").insertAdjacentElement("afterend", badge);
        } else if (!skipped && badge) {
          badge.remove();
        }
      });
      return empty;
    }

    function update() {
      var empty = markSkipped(false);
      if (progress) {
        progress.hidden = false;
        progress.textContent = fill(form.getAttribute("data-progress"), { a: total - empty, n: total });
      }
      if (comment && counter) {
        counter.textContent = fill(form.getAttribute("data-counter"), {
          n: comment.value.length,
          max: counter.getAttribute("data-max")
        });
      }
    }

    function save() {
      var draft = {};
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.type === "hidden" || el.name === "u") return;
        if (el.type === "radio") {
          if (el.checked) draft[el.name] = el.value;
        } else if (el.value) {
          draft[el.name] = el.value;
        }
      });
      store("set", key, JSON.stringify(draft));
    }

    function restore() {
      // The server's own values win: a form that came back with errors already holds the answers.
      if (document.getElementById("error-summary") || form.querySelector('input[type="radio"]:checked')) return;
      var saved = store("get", key);
      if (!saved) return;
      var draft;
      try { draft = JSON.parse(saved); } catch (e) { return; }
      var restored = false;
      Object.keys(draft).forEach(function (name) {
        var fields = form.elements[name];
        if (!fields) return;
        if (fields.length !== undefined && fields[0] && fields[0].type === "radio") {
          Array.prototype.forEach.call(fields, function (r) {
            if (r.value === draft[name]) { r.checked = true; restored = true; }
          });
        } else if (fields.type !== "hidden") {
          fields.value = draft[name];
          restored = true;
        }
      });
      if (restored) {
        var note = document.createElement("p");
        note.className = "draft-note";
        note.setAttribute("role", "status");
        note.textContent = form.getAttribute("data-restored");
        form.insertBefore(note, form.firstChild);
      }
    }

    restore();
    update();
    form.addEventListener("change", function () { update(); save(); });
    form.addEventListener("input", function () { update(); save(); });
    form.addEventListener("submit", function (event) {
      var empty = markSkipped(true);
      if (!confirmed && empty * 4 > total) {
        confirmed = true;
        if (!window.confirm(fill(form.getAttribute("data-confirm"), { n: empty }))) {
          event.preventDefault();
          var first = form.querySelector("fieldset.is-unanswered input");
          if (first) first.focus();
          return;
        }
      }
      var button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
    });
  }

  function clearSentDraft() {
    var done = document.querySelector("[data-clear-draft]");
    if (done) store("remove", done.getAttribute("data-clear-draft"));
  }

  // The posters' print button: the Content-Security-Policy forbids inline onclick handlers.
  function setUpPrintButtons() {
    var buttons = document.querySelectorAll("[data-print]");
    var rows = document.querySelectorAll("[data-print-row]");
    for (var r = 0; r < rows.length; r++) rows[r].hidden = false;
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function () {
        window.print();
      });
    }
  }

  function start() {
    setUpUnitFilter();
    setUpPrintButtons();
    var form = document.getElementById("survey-form");
    if (form) setUpForm(form);
    clearSentDraft();
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

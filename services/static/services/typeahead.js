/* Typeahead for the search box: suggestions from /api/v1/suggest/ as the resident types.
   Progressive enhancement: without JavaScript the box is a plain search form. ARIA 1.2
   combobox with a listbox: ↑/↓ choose, Enter opens the chosen one, Esc closes; the number of
   suggestions is announced to screen readers. No inline script (strict CSP). */
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest]");
  if (!input || !window.fetch) return;
  var KINDS = { word: "搜索", matter: "事项", life_event: "一件事" };
  var list = document.createElement("ul");
  var status = document.createElement("p");
  var items = [], active = -1, timer = null, latest = 0;

  list.id = input.id + "-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "输入提示");
  list.hidden = true;
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  input.parentNode.appendChild(list);
  input.parentNode.appendChild(status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function render(results) {
    list.textContent = "";
    items = results;
    active = -1;
    input.removeAttribute("aria-activedescendant");
    results.forEach(function (result, i) {
      var option = document.createElement("li");
      var kind = document.createElement("span");
      option.id = list.id + "-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = result.text;
      kind.className = "suggestion-kind";
      kind.textContent = KINDS[result.kind] || "";
      option.appendChild(kind);
      list.appendChild(option);
    });
    if (results.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = results.length + " 条输入提示，可用上下方向键选择";
    } else {
      close();
      status.textContent = "";
    }
  }

  function load() {
    var q = input.value.trim();
    var n = ++latest;
    if (!q) return render([]);
    fetch(input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(q), {
      headers: { Accept: "application/json" },
    })
      .then(function (r) { return r.ok ? r.json() : { results: [] }; })
      .then(function (data) { if (n === latest) render(data.results || []); })
      .catch(function () { /* suggestions are a help; the form still works */ });
  }

  function move(step) {
    if (list.hidden || !items.length) return;
    var options = list.children;
    if (active >= 0) options[active].setAttribute("aria-selected", "false");
    active = (active + step + items.length) % items.length;
    options[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", options[active].id);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(load, 120);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (list.hidden) load(); else move(1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      move(-1);
    } else if (event.key === "Escape") {
      close();
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = items[active].url;
    }
  });
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  list.addEventListener("click", function (event) {
    var option = event.target.closest("[role=option]");
    if (option) window.location.href = items[Array.prototype.indexOf.call(list.children, option)].url;
  });
  input.addEventListener("blur", function () { setTimeout(close, 200); });
})();

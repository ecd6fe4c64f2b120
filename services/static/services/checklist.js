// Optional enhancement of a 一件事 material checklist: ticks are kept in this browser only
// (localStorage, by event code and material name; nothing is sent), with a count, a print
// button and a clear button. Without JavaScript the list still ticks and prints.
(function () {
  var section = document.querySelector("[data-checklist]");
  if (!section) return;
  var key = "erqi-checklist:" + section.getAttribute("data-checklist");
  var boxes = Array.prototype.slice.call(section.querySelectorAll("input[type=checkbox]"));
  var count = section.querySelector("[data-checklist-count]");
  var store = null;
  try {
    store = window.localStorage;
  } catch (e) {
    store = null; // storage refused (private mode): ticks simply are not kept
  }

  function load() {
    try {
      return JSON.parse((store && store.getItem(key)) || "[]");
    } catch (e) {
      return [];
    }
  }

  function save() {
    var ticked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    try {
      if (store) {
        if (ticked.length) store.setItem(key, JSON.stringify(ticked));
        else store.removeItem(key);
      }
    } catch (e) {
      // full or refused: the ticks stay on screen
    }
    count.textContent = "已准备 " + ticked.length + " / " + boxes.length + " 样";
  }

  var kept = load();
  boxes.forEach(function (box) {
    box.checked = kept.indexOf(box.value) !== -1;
    box.addEventListener("change", save);
  });
  section.querySelector("[data-checklist-tools]").hidden = false;
  section.querySelector("[data-checklist-print]").addEventListener("click", function () {
    window.print();
  });
  section.querySelector("[data-checklist-clear]").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    save();
  });
  save();
})();

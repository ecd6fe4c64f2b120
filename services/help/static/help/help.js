// Optional enhancement: suggest matters by name while typing (the catalogue's own API).
// Without JavaScript the field still takes a matter's exact name or code.
(function () {
  var input = document.querySelector("input[list=matter-options]");
  var list = document.getElementById("matter-options");
  if (!input || !list || !window.fetch) return;
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(function () {
      fetch("/api/v1/matters/?page_size=8&q=" + encodeURIComponent(q))
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          list.textContent = "";
          (data.results || []).forEach(function (matter) {
            var option = document.createElement("option");
            option.value = matter.name;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 250);
  });
})();

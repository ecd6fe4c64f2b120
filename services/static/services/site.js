// Optional enhancement: "用我的位置" fills the lat/lng fields of the matter page's form.
// Without JavaScript (or without permission) the street select still sorts the venues.
(function () {
  var form = document.querySelector("[data-locate]");
  if (!form || !navigator.geolocation) return;
  var button = form.querySelector("[data-geolocate]");
  var status = form.querySelector("[data-geo-status]");
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = "正在获取您的位置…";
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.querySelector("[data-lat]").value = position.coords.latitude.toFixed(6);
        form.querySelector("[data-lng]").value = position.coords.longitude.toFixed(6);
        form.querySelector("select[name=street]").value = "";
        form.submit();
      },
      function () {
        status.textContent = "没能获取位置，请在上面选择您所在的街道。";
      },
      { timeout: 10000, maximumAge: 600000 }
    );
  });
})();

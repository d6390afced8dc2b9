// Applies catalogue filters without a full page reload. Without this script
// the catalogue is a plain GET form and works the same, one page at a time.
(function () {
  "use strict";
  var container = document.querySelector("[data-catalogue]");
  if (!container || !window.fetch || !window.history) { return; }

  function load(url, push) {
    container.setAttribute("aria-busy", "true");
    var focusedId = document.activeElement && document.activeElement.id;
    fetch(url, { headers: { "X-Catalogue-Fragment": "1" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        container.innerHTML = html;
        container.removeAttribute("aria-busy");
        if (push) { history.pushState({ catalogue: true }, "", url); }
        var again = focusedId && document.getElementById(focusedId);
        if (again) { again.focus(); }
      })
      .catch(function () { window.location.href = url; });
  }

  function formUrl(form) {
    var params = new URLSearchParams(new FormData(form));
    var pairs = [];
    params.forEach(function (value, key) { if (value !== "") { pairs.push([key, value]); } });
    var query = new URLSearchParams(pairs).toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  container.addEventListener("change", function (event) {
    if (event.target.matches("input[type=checkbox]")) {
      load(formUrl(event.target.form), true);
    }
  });
  container.addEventListener("submit", function (event) {
    event.preventDefault();
    load(formUrl(event.target), true);
  });
  container.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-catalogue-link]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    event.preventDefault();
    load(link.href, true);
  });
  window.addEventListener("popstate", function () { load(window.location.href, false); });
})();

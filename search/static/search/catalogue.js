// Applies catalogue filters and shortlist stars without a full page reload.
// Without this script the catalogue is a plain GET form, the filters open from
// a <details> and a star is a POST form: everything works the same, one page
// at a time.
(function () {
  "use strict";
  var container = document.querySelector("[data-catalogue]");
  if (!container || !window.fetch || !window.history) { return; }
  var wide = window.matchMedia("(min-width: 60rem)");
  var columnByCss = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");

  // Wide screens show the filters as a column; where CSS cannot open a
  // closed <details>, open it here.
  function openFiltersWhenWide() {
    var filters = container.querySelector("[data-filters]");
    if (filters && wide.matches && !columnByCss) { filters.open = true; }
  }

  // The filters stay open on a phone when the results are replaced.
  function filtersOpen() {
    var filters = container.querySelector("[data-filters]");
    return Boolean(filters && filters.open);
  }
  function reopenFilters(wasOpen) {
    var filters = container.querySelector("[data-filters]");
    if (filters && wasOpen) { filters.open = true; }
  }

  // A selector that finds the focused control again once the results are
  // replaced: its id, or for a filter's checkbox (no id) its name and value.
  function focusKeyOf(element) {
    if (!element || element === document.body || !container.contains(element)) { return null; }
    if (element.id) { return "#" + CSS.escape(element.id); }
    var fieldset = element.closest("fieldset[id]");
    if (fieldset && element.matches(".facet__more")) { return "#" + CSS.escape(fieldset.id) + " .facet__more"; }
    if (element.name && element.value) {
      return element.tagName.toLowerCase() + "[name=\"" + CSS.escape(element.name) + "\"][value=\"" +
        CSS.escape(element.value) + "\"]";
    }
    return null;
  }

  // ``refocus`` (optional) picks the control to focus in the new results.
  function load(url, push, refocus) {
    container.setAttribute("aria-busy", "true");
    var focusKey = focusKeyOf(document.activeElement);
    var wasOpen = filtersOpen();
    fetch(url, { headers: { "X-Catalogue-Fragment": "1" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        container.innerHTML = html;
        container.removeAttribute("aria-busy");
        reopenFilters(wasOpen);
        openFiltersWhenWide();
        if (push) { history.pushState({ catalogue: true }, "", url); }
        // Focus goes back to the same control in the new results (a filter, a
        // chip's neighbour, the apply button), so a keyboard user keeps their place.
        var again = (refocus && refocus()) || (focusKey && container.querySelector(focusKey));
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

  // A star is a button of the shared shortlist form (the results) or of a
  // form of its own (a programme page): it sends add=<id> or remove=<id>.
  function star(form, button) {
    button = button || form.querySelector("button");
    var data = new FormData(form);
    data.append(button.name, button.value);
    fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" }
    })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (result) {
        button.name = result.starred ? "remove" : "add";
        button.classList.toggle("star--on", result.starred);
        // The star (☆ or ★) is the class's, drawn by CSS.
        button.textContent = form.getAttribute(result.starred ? "data-label-remove" : "data-label-add");
        var link = document.querySelector("[data-shortlist-link]");
        if (link) { link.lastChild.textContent = " " + result.link_label; }
      })
      // A full shortlist or a lost session: let the server say it in a page.
      .catch(function () {
        var action = document.createElement("input");
        action.type = "hidden";
        action.name = button.name;
        action.value = button.value;
        form.appendChild(action);
        form.submit();
      });
  }

  container.addEventListener("change", function (event) {
    var form = event.target.form;
    if (event.target.matches("input[type=checkbox]") && form && form.hasAttribute("data-catalogue-form")) {
      load(formUrl(form), true);
    }
  });
  container.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-star-form")) {
      event.preventDefault();
      star(form, event.submitter);
    } else if (form.hasAttribute("data-catalogue-form")) {
      event.preventDefault();
      load(formUrl(form), true);
    }
  });
  // "Show all (n)" under a filter: the same results with every value of that
  // filter listed; the focus goes to the first value that was not shown.
  function firstNewValue(fieldset) {
    var shown = {};
    fieldset.querySelectorAll("input[type=checkbox]").forEach(function (input) { shown[input.value] = true; });
    var selector = "#" + CSS.escape(fieldset.id) + " input[type=checkbox]";
    return function () {
      return Array.prototype.find.call(container.querySelectorAll(selector), function (input) {
        return !shown[input.value];
      });
    };
  }

  container.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-catalogue-link], a.facet__more");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    event.preventDefault();
    var fieldset = link.matches(".facet__more") && link.closest("fieldset[id]");
    load(link.href, true, fieldset ? firstNewValue(fieldset) : null);
  });
  window.addEventListener("popstate", function () { load(window.location.href, false); });
  openFiltersWhenWide();
})();

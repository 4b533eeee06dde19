// Filter by verdict and search; the state lives in the address's # part.
(function () {
  "use strict";
  var claims = Array.prototype.slice.call(document.querySelectorAll("li.claim"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button[data-filter]"));
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");

  function state() {
    var params = new URLSearchParams(location.hash.slice(1));
    return { verdict: params.get("verdict") || "all", q: params.get("q") || "" };
  }

  function save(s) {
    var params = new URLSearchParams();
    if (s.verdict !== "all") params.set("verdict", s.verdict);
    if (s.q) params.set("q", s.q);
    var hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    apply(s);
  }

  function apply(s) {
    var q = s.q.toLowerCase();
    var visible = 0;
    claims.forEach(function (li) {
      var byVerdict = s.verdict === "all" ||
        (s.verdict === "finding" ? li.dataset.finding === "true" : li.dataset.verdict === s.verdict);
      var bySearch = !q || li.textContent.toLowerCase().indexOf(q) >= 0;
      li.hidden = !(byVerdict && bySearch);
      if (!li.hidden) visible += 1;
    });
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.filter === s.verdict));
    });
    if (search.value !== s.q) search.value = s.q;
    shown.textContent = visible + " of " + claims.length + " claims shown";
    document.body.dataset.visible = String(visible);
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () { save({ verdict: b.dataset.filter, q: state().q }); });
  });
  search.addEventListener("input", function () { save({ verdict: state().verdict, q: search.value }); });
  window.addEventListener("hashchange", function () { apply(state()); });
  apply(state());
})();

// Filter by verdict and search; the state lives in the address's # part
// (#verdict=findings&q=rutte). "finding" is read as "findings"; a verdict the
// page does not know shows every claim.
(function () {
  "use strict";
  var claims = Array.prototype.slice.call(document.querySelectorAll("li.claim"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button[data-filter]"));
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");

  var ALIASES = { finding: "findings" };
  var FILTERS = buttons.map(function (b) { return b.dataset.filter; });

  // The filter a verdict in the address names: the button's own name.
  function canonical(verdict) {
    var v = (verdict || "all").trim().toLowerCase();
    v = ALIASES[v] || v;
    return FILTERS.indexOf(v) >= 0 ? v : "all";
  }

  function state() {
    var params = new URLSearchParams(location.hash.slice(1));
    return { verdict: canonical(params.get("verdict")), q: params.get("q") || "" };
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
        (s.verdict === "findings" ? li.dataset.finding === "true" : li.dataset.verdict === s.verdict);
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
    document.body.dataset.filter = s.verdict;
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () { save({ verdict: b.dataset.filter, q: state().q }); });
  });
  search.addEventListener("input", function () { save({ verdict: state().verdict, q: search.value }); });
  window.addEventListener("hashchange", function () { apply(state()); });
  // An address with another spelling of a filter is rewritten as the
  // buttons write it (#verdict=finding becomes #verdict=findings); an
  // address without one (a claim's #ID) is left alone.
  var given = new URLSearchParams(location.hash.slice(1)).get("verdict");
  if (given !== null && given !== state().verdict) save(state()); else apply(state());
})();

// Program filters without reloading the page, combining a track and a kind.
// Without this script every filter link opens a page of its own, so the
// program works the same, one filter at a time.
(function () {
  "use strict";

  var program = document.querySelector('[data-program="all"]');
  if (!program || !window.URLSearchParams || !window.history) {
    return;
  }
  var sessions = Array.prototype.slice.call(program.querySelectorAll(".session"));
  var days = Array.prototype.slice.call(program.querySelectorAll(".program-day"));
  var links = Array.prototype.slice.call(program.querySelectorAll("a[data-filter]"));
  var status = program.querySelector(".program-status");
  var chosen = { track: "", kind: "" };

  function offered(dimension, value) {
    return links.some(function (link) {
      return link.getAttribute("data-filter") === dimension && link.getAttribute("data-value") === value;
    });
  }

  function keeps(session) {
    var track = session.getAttribute("data-track");
    // Sessions without a track (keynotes, breaks) belong to every track.
    var trackFits = !chosen.track || !track || track === chosen.track;
    var kindFits = !chosen.kind || session.getAttribute("data-kind") === chosen.kind;
    return trackFits && kindFits;
  }

  function show() {
    var shown = 0;
    sessions.forEach(function (session) {
      session.hidden = !keeps(session);
      if (!session.hidden) {
        shown += 1;
      }
    });
    days.forEach(function (day) {
      day.hidden = !day.querySelector(".session:not([hidden])");
    });
    links.forEach(function (link) {
      var current = chosen[link.getAttribute("data-filter")] === link.getAttribute("data-value");
      if (current) {
        link.setAttribute("aria-current", "true");
      } else {
        link.removeAttribute("aria-current");
      }
    });
    if (status) {
      status.textContent =
        chosen.track || chosen.kind
          ? status.getAttribute("data-template").replace("{shown}", shown).replace("{total}", sessions.length)
          : "";
    }
  }

  function remember() {
    var query = new URLSearchParams();
    if (chosen.track) {
      query.set("track", chosen.track);
    }
    if (chosen.kind) {
      query.set("kind", chosen.kind);
    }
    var search = query.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
  }

  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
        return; // let "open in a new tab" open the filter's own page
      }
      event.preventDefault();
      chosen[link.getAttribute("data-filter")] = link.getAttribute("data-value");
      show();
      remember();
    });
  });

  // A filtered address (?track=…&kind=…) opens filtered.
  var asked = new URLSearchParams(location.search);
  ["track", "kind"].forEach(function (dimension) {
    var value = asked.get(dimension) || "";
    if (value && offered(dimension, value)) {
      chosen[dimension] = value;
    }
  });
  show();
})();

// What is on now and what comes next in each room, judged from the visitor's
// clock: the sessions' times are instants (ISO 8601 with the venue's offset),
// so a visitor in another time zone sees the same sessions marked, and the
// times shown are the venue's clock.  Only during one of the edition's days
// is anything marked; before and after, and without this script, the page
// shows the program as it is and the "now on" strip stays hidden.
(function () {
  "use strict";

  var block = document.getElementById("conference-data");
  if (!block) {
    return;
  }
  var data = JSON.parse(block.textContent);
  var labels = data.labels;
  var root = new URL(data.root, location.href);
  var strip = document.getElementById("now-on");
  var list = strip && strip.querySelector(".now-list");
  var sessions = data.sessions.map(function (session) {
    return { session: session, start: Date.parse(session.start), end: Date.parse(session.end) };
  });
  var days = data.days.map(function (day) {
    return { from: Date.parse(day.from), to: Date.parse(day.to) };
  });
  // Session elements of this page (program entries, a session's own page).
  var elements = {};
  Array.prototype.forEach.call(document.querySelectorAll("[data-session]"), function (element) {
    var id = element.getAttribute("data-session");
    (elements[id] = elements[id] || []).push(element);
  });
  var marked = [];
  var shown = null; // what the page shows now, to leave it be while nothing changes

  function clock(iso) {
    return iso.slice(11, 16); // the venue's time of day, as written by the build
  }

  function label(text, kind) {
    var span = document.createElement("span");
    span.className = "now-label now-label-" + kind;
    span.textContent = text;
    return span;
  }

  function mark(id, kind) {
    (elements[id] || []).forEach(function (element) {
      if (kind === "now") {
        element.setAttribute("aria-current", "time");
      }
      element.classList.add("is-" + kind);
      var heading = element.querySelector("h1, h2, h3, h4") || element;
      heading.insertBefore(label(labels[kind], kind), heading.firstChild);
      marked.push(element);
    });
  }

  function unmark() {
    marked.forEach(function (element) {
      element.removeAttribute("aria-current");
      element.classList.remove("is-now", "is-next");
      Array.prototype.forEach.call(element.querySelectorAll(".now-label"), function (span) {
        span.parentNode.removeChild(span);
      });
    });
    marked = [];
  }

  function entry(kind, item, time) {
    var li = document.createElement("li");
    li.className = "now-item now-item-" + kind;
    li.appendChild(label(labels[kind], kind));
    li.appendChild(document.createTextNode(" " + time + (item.session.room ? " · " + item.session.room : "") + " · "));
    var link = document.createElement("a");
    link.href = new URL(item.session.url, root).href;
    link.textContent = item.session.title;
    if (item.session.lang) {
      link.lang = item.session.lang;
    }
    li.appendChild(link);
    return li;
  }

  function update() {
    var now = Date.now();
    var today = days.filter(function (day) {
      return day.from <= now && now < day.to;
    })[0];
    var on = [];
    var next = [];
    if (today) {
      on = sessions.filter(function (item) {
        return item.start <= now && now < item.end;
      });
      // Sessions are in time order: the first later one of each room is its next.
      var seen = {};
      sessions.forEach(function (item) {
        var room = item.session.room;
        if (item.start > now && item.start < today.to && !seen.hasOwnProperty(room)) {
          seen[room] = true;
          next.push(item);
        }
      });
    }
    // Redrawn only when something changed, so that a link being read or
    // focused in the strip stays where it is.
    var state = on.concat(next).map(function (item) {
      return item.session.id;
    }).join(" ") + "|" + on.length;
    if (state === shown) {
      return;
    }
    shown = state;
    unmark();
    on.forEach(function (item) {
      mark(item.session.id, "now");
    });
    next.forEach(function (item) {
      mark(item.session.id, "next");
    });
    if (!list) {
      return;
    }
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    if (!on.length && !next.length) {
      strip.hidden = true;
      return;
    }
    on.forEach(function (item) {
      list.appendChild(entry("now", item, clock(item.session.start) + "–" + clock(item.session.end)));
    });
    if (!on.length) {
      var quiet = document.createElement("li");
      quiet.textContent = labels.nothing;
      list.appendChild(quiet);
    }
    next.forEach(function (item) {
      list.appendChild(entry("next", item, clock(item.session.start)));
    });
    strip.hidden = false;
  }

  update();
  // Follow the clock through the day.
  setInterval(update, 30000);
})();

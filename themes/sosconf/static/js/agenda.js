// My agenda: a star on every session, remembered in this browser for the
// edition (localStorage, the same in both languages); the starred sessions in
// time order with clashes marked; and an .ics file of them made right here.
// Without this script (or without storage) the stars and the agenda stay
// hidden, and the program is the same for everyone.
(function () {
  "use strict";

  var block = document.getElementById("conference-data");
  var stars = Array.prototype.slice.call(document.querySelectorAll("button[data-star]"));
  var view = document.getElementById("my-agenda");
  if (!block || !(stars.length || view)) {
    return;
  }
  var data = JSON.parse(block.textContent);
  var labels = data.labels;
  var root = new URL(data.root, location.href);
  var key = "sosconf-agenda-" + data.edition;
  var store;
  try {
    store = window.localStorage;
    store.getItem(key);
  } catch (error) {
    return; // storage turned off: nothing could be remembered
  }
  var byId = {};
  data.sessions.forEach(function (session) {
    byId[session.id] = session;
  });

  function starred() {
    var ids;
    try {
      ids = JSON.parse(store.getItem(key) || "[]");
    } catch (error) {
      ids = [];
    }
    // A session taken out of the program since it was starred is dropped.
    return Array.isArray(ids)
      ? ids.filter(function (id) {
          return byId.hasOwnProperty(id);
        })
      : [];
  }

  function save(ids) {
    try {
      store.setItem(key, JSON.stringify(ids));
    } catch (error) {
      // full or refused: the stars stay as they were
    }
  }

  function inOrder(ids) {
    return ids
      .map(function (id) {
        return byId[id];
      })
      .sort(function (a, b) {
        return Date.parse(a.start) - Date.parse(b.start) || Date.parse(a.end) - Date.parse(b.end);
      });
  }

  function clashes(session, others) {
    return others.filter(function (other) {
      return (
        other !== session &&
        Date.parse(other.start) < Date.parse(session.end) &&
        Date.parse(session.start) < Date.parse(other.end)
      );
    });
  }

  function element(name, className, text) {
    var made = document.createElement(name);
    if (className) {
      made.className = className;
    }
    if (text) {
      made.textContent = text;
    }
    return made;
  }

  function link(session) {
    var a = element("a", "", session.title);
    a.href = new URL(session.url, root).href;
    if (session.lang) {
      a.lang = session.lang;
    }
    return a;
  }

  function dayOf(session) {
    var start = Date.parse(session.start);
    return data.days.filter(function (day) {
      return Date.parse(day.from) <= start && start < Date.parse(day.to);
    })[0];
  }

  function showAgenda(sessions) {
    var days = view.querySelector(".agenda-days");
    while (days.firstChild) {
      days.removeChild(days.firstChild);
    }
    view.hidden = !sessions.length;
    var list = null;
    var shownDay = null;
    sessions.forEach(function (session) {
      var day = dayOf(session);
      if (!list || day !== shownDay) {
        shownDay = day;
        days.appendChild(element("h3", "", day ? day.label : session.start.slice(0, 10)));
        list = days.appendChild(element("ol", "agenda-list"));
      }
      var item = list.appendChild(element("li", "agenda-item"));
      item.appendChild(
        element("span", "agenda-time", session.start.slice(11, 16) + "–" + session.end.slice(11, 16))
      );
      item.appendChild(document.createTextNode(" "));
      item.appendChild(link(session));
      if (session.room) {
        item.appendChild(element("span", "agenda-room", " · " + session.room));
      }
      var overlapping = clashes(session, sessions);
      if (overlapping.length) {
        item.classList.add("agenda-clash");
        var note = item.appendChild(element("p", "agenda-clash-note"));
        var parts = labels.clash.split("{titles}");
        note.appendChild(document.createTextNode(parts[0]));
        overlapping.forEach(function (other, index) {
          if (index) {
            note.appendChild(document.createTextNode(labels.separator));
          }
          note.appendChild(link(other));
        });
        note.appendChild(document.createTextNode(parts[1] || ""));
      }
    });
  }

  function show() {
    var ids = starred();
    stars.forEach(function (button) {
      button.setAttribute("aria-pressed", ids.indexOf(button.getAttribute("data-star")) >= 0 ? "true" : "false");
      button.hidden = false;
    });
    if (view) {
      showAgenda(inOrder(ids));
    }
  }

  // iCalendar (RFC 5545): text escaped, times in UTC, lines folded at 75 octets.
  function escaped(text) {
    return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  function utc(iso) {
    return new Date(iso).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  }

  function folded(line) {
    var out = "";
    var octets = 0;
    Array.from(line).forEach(function (character) {
      var code = character.codePointAt(0);
      var size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      if (octets + size > 75) {
        out += "\r\n ";
        octets = 1;
      }
      out += character;
      octets += size;
    });
    return out;
  }

  function calendar(sessions) {
    var stamp = utc(new Date().toISOString());
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//sosconf//my agenda//EN", "CALSCALE:GREGORIAN"];
    sessions.forEach(function (session) {
      lines.push(
        "BEGIN:VEVENT",
        // The UID of the session in the edition's own calendar file, so a
        // calendar that has both shows the session once.
        "UID:" + data.uid.replace("{id}", session.id),
        "DTSTAMP:" + stamp,
        "DTSTART:" + utc(session.start),
        "DTEND:" + utc(session.end),
        "SUMMARY:" + escaped(session.title),
        "URL:" + new URL(session.url, root).href
      );
      if (session.room) {
        lines.push("LOCATION:" + escaped(session.room));
      }
      lines.push("END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(folded).join("\r\n") + "\r\n";
  }

  function download(button) {
    var file = new Blob([calendar(inOrder(starred()))], { type: "text/calendar" });
    var a = element("a");
    a.href = URL.createObjectURL(file);
    a.download = button.getAttribute("data-filename");
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () {
      URL.revokeObjectURL(a.href);
    }, 1000);
  }

  stars.forEach(function (button) {
    button.addEventListener("click", function () {
      var id = button.getAttribute("data-star");
      var ids = starred();
      var at = ids.indexOf(id);
      if (at >= 0) {
        ids.splice(at, 1);
      } else {
        ids.push(id);
      }
      save(ids);
      show();
    });
  });
  if (view) {
    view.querySelector(".agenda-download").addEventListener("click", function (event) {
      download(event.currentTarget);
    });
  }
  // Stars set in another tab of the site show here too.
  window.addEventListener("storage", function (event) {
    if (event.key === key) {
      show();
    }
  });
  show();
})();

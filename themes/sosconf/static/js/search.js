/* The search page, run with Pagefind's JS API (pagefind/<group>/pagefind.js, made by the build).

   Without this script the page still offers its form and links to browse.
   Pagefind loads the index of the page's <html lang>, so results stay in the
   visitor's language.  It finds its index and the pages' addresses from where
   the groups lie, so the site also works from a sub-path. */
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  if (!form || typeof WebAssembly !== "object" || !window.URLSearchParams) {
    return;
  }
  var input = form.elements.q;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var fallback = document.getElementById("search-fallback");
  var messages = form.dataset;
  var MAX_RESULTS = 20;
  var TYPING_PAUSE_MS = 250;
  var pagefind = null;
  var latest = 0;
  var typingTimer = null;

  fallback.hidden = true;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? String(values[key]) : whole;
    });
  }

  /* The index comes in groups (a year's pages, the rest of the site): load
     Pagefind from the first group of the page's language and merge the
     others into the same search. */
  function loadPagefind() {
    if (!pagefind) {
      var manifestUrl = new URL(messages.groups, document.baseURI);
      var lang = document.documentElement.lang.toLowerCase();
      pagefind = fetch(manifestUrl)
        .then(function (response) {
          if (!response.ok) {
            throw new Error("no search index at " + manifestUrl);
          }
          return response.json();
        })
        .then(function (manifest) {
          var groups = (manifest.languages[lang] || []).map(function (group) {
            return new URL(group + "/", manifestUrl).href;
          });
          if (!groups.length) {
            throw new Error("no search index in " + lang);
          }
          return import(groups[0] + "pagefind.js").then(function (api) {
            return api
              .options({ basePath: groups[0] })
              .then(function () {
                return Promise.all(
                  groups.slice(1).map(function (group) {
                    return api.mergeIndex(group);
                  })
                );
              })
              .then(function () {
                return api;
              });
          });
        });
    }
    return pagefind;
  }

  /* Pagefind's excerpt is escaped text with <mark> around the matches: keep
     only text and <mark>, so nothing else from the index reaches the page. */
  function excerpt(html) {
    var paragraph = document.createElement("p");
    var parsed = new DOMParser().parseFromString(html, "text/html").body.childNodes;
    Array.prototype.forEach.call(parsed, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function resultItem(result) {
    var item = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.meta.title || result.url;
    heading.appendChild(link);
    item.appendChild(heading);
    item.appendChild(excerpt(result.excerpt));
    return item;
  }

  function summary(count, query) {
    var template = count === 0 ? messages.noResults : count === 1 ? messages.oneResult : messages.results;
    return fill(template, { count: count, query: query });
  }

  function search(query) {
    var ticket = ++latest;
    query = query.trim();
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return Promise.resolve();
    }
    status.textContent = messages.searching;
    return loadPagefind()
      .then(function (api) {
        return api.search(query);
      })
      .then(function (found) {
        var shown = found.results.slice(0, MAX_RESULTS).map(function (result) {
          return result.data();
        });
        return Promise.all(shown).then(function (results) {
          if (ticket !== latest) {
            return; // a newer query is on its way
          }
          list.replaceChildren.apply(list, results.map(resultItem));
          status.textContent = summary(found.results.length, query);
        });
      })
      .catch(function (error) {
        if (ticket === latest) {
          status.textContent = messages.failed;
          fallback.hidden = false;
        }
        console.error(error);
      });
  }

  // Keep the query in the address, so the back button and shared links work.
  function remember(query) {
    var url = new URL(window.location.href);
    if (query) {
      url.searchParams.set("q", query);
    } else {
      url.searchParams.delete("q");
    }
    window.history.replaceState(null, "", url);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(typingTimer);
    remember(input.value.trim());
    search(input.value);
  });

  input.addEventListener("input", function () {
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(function () {
      remember(input.value.trim());
      search(input.value);
    }, TYPING_PAUSE_MS);
  });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
})();

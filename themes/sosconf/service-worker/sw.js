// The site's service worker: the build writes it at the site's root as sw.js,
// with BUILD below filled in (sosconf.offline).
//
// It keeps the files of the editions a visitor opened (their program, session
// pages, speakers page, the theme's files and the edition's pictures, listed
// by the build in each edition's offline.json) in one cache named after the
// build's content.  A new build is a new worker: it fetches the same lists
// again into its own cache and removes the old one.  Pages come from the
// network while there is one, the kept copy when there is none or it is too
// slow; files named after their content and pictures come from the cache.
// Everything else (other pages, the search index) is left to the browser.
"use strict";

var BUILD = { cache: "sosconf-offline-preview", folders: [], files: [] };
var PREFIX = "sosconf-offline-";
var SCOPE = self.registration.scope;
var LIST = /\/offline\.json$/;
var FINGERPRINTED = /\.[0-9a-f]{10}\.(?:css|js)$/;
// How long a page may take from the network before the kept copy is shown.
var PATIENCE = 4000;

function isOld(name) {
  return name.indexOf(PREFIX) === 0 && name !== BUILD.cache;
}

// Fetch one edition's list and every file on it, unless this build's cache has it.
function keep(url) {
  return caches.open(BUILD.cache).then(function (cache) {
    return cache.match(url).then(function (kept) {
      if (kept) {
        return undefined;
      }
      return fetch(url, { cache: "no-cache" }).then(function (response) {
        if (!response.ok) {
          return undefined; // an edition no longer on the site
        }
        return response
          .clone()
          .json()
          .then(function (paths) {
            return cache.addAll(
              paths.map(function (path) {
                return new Request(SCOPE + path, { cache: "no-cache" });
              })
            );
          })
          .then(function () {
            return cache.put(url, response);
          });
      });
    });
  });
}

self.addEventListener("install", function (event) {
  // The editions the old caches kept, kept again from this build; if the
  // network fails here the install fails and the old worker stays.
  event.waitUntil(
    caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names.filter(isOld).map(function (name) {
            return caches
              .open(name)
              .then(function (cache) {
                return cache.keys();
              })
              .then(function (requests) {
                return Promise.all(
                  requests
                    .filter(function (request) {
                      return LIST.test(request.url);
                    })
                    .map(function (request) {
                      return keep(request.url);
                    })
                );
              });
          })
        );
      })
      .then(function () {
        return self.skipWaiting();
      })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (names) {
        return Promise.all(names.filter(isOld).map(caches.delete.bind(caches)));
      })
      .then(function () {
        return self.clients.claim();
      })
  );
});

self.addEventListener("message", function (event) {
  var url = event.data && event.data.keep;
  if (typeof url === "string" && url.indexOf(SCOPE) === 0 && LIST.test(url)) {
    event.waitUntil(keep(url));
  }
});

function handled(path) {
  return (
    path.indexOf("theme/") === 0 ||
    BUILD.files.indexOf(path) >= 0 ||
    BUILD.folders.some(function (folder) {
      return path.indexOf(folder) === 0;
    })
  );
}

// Pages, and theme files whose name stays the same between builds, change.
function changes(path) {
  if (/\.(?:css|js)$/.test(path)) {
    return !FINGERPRINTED.test(path);
  }
  return /(?:^|\/)$|\.html$/.test(path);
}

function kept(request) {
  return caches.open(BUILD.cache).then(function (cache) {
    // A program opened filtered (?track=…) is the same page.
    return cache.match(request, { ignoreSearch: request.mode === "navigate" });
  });
}

function networkFirst(request) {
  var copy = kept(request);
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () {
      copy.then(function (response) {
        if (response) {
          resolve(response);
        }
      });
    }, PATIENCE);
    fetch(request).then(
      function (response) {
        clearTimeout(timer);
        resolve(response);
      },
      function (error) {
        clearTimeout(timer);
        copy.then(function (response) {
          if (response) {
            resolve(response);
          } else {
            reject(error);
          }
        });
      }
    );
  });
}

function cacheFirst(request) {
  return kept(request).then(function (response) {
    return response || fetch(request);
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) {
    return;
  }
  var path = request.url.slice(SCOPE.length).split(/[?#]/)[0];
  if (handled(path)) {
    event.respondWith(changes(path) ? networkFirst(request) : cacheFirst(request));
  }
});

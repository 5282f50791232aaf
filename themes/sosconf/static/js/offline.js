// Keeps this edition's pages for a hall without a network: registers the
// site's service worker (sw.js at the site's root, so that it may answer for
// every page) and asks it to keep the files the build listed for this
// edition and language.  Without it the site works online as before.
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !window.caches) {
    return;
  }
  // Both addresses are relative to the page in the preview, absolute when published.
  var list = new URL(script.getAttribute("data-list"), location.href).href;
  navigator.serviceWorker
    .register(new URL(script.getAttribute("data-worker"), location.href).href)
    .then(function () {
      return navigator.serviceWorker.ready;
    })
    .then(function (registration) {
      registration.active.postMessage({ keep: list });
    })
    .catch(function () {
      // No worker (a private window, storage refused): nothing is kept.
    });
})();

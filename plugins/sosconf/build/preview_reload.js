// Served by `make serve` only, and added by it to every page it sends: the
// built pages never contain it.  It asks the preview server how the last
// rebuild went, reloads the page after each successful one and shows a failed
// one's errors over the page (which stays the last good build).
(() => {
  "use strict";
  const STATE = "/__sosconf__/state";
  let seen = null;
  let panel = null;

  function hide() {
    if (panel) {
      panel.remove();
      panel = null;
    }
  }

  // Styles go through the CSSOM: the site's Content-Security-Policy refuses
  // style attributes and <style> elements that are not its own files.
  function show(errors) {
    hide();
    panel = document.createElement("aside");
    panel.setAttribute("role", "alert");
    panel.id = "sosconf-preview-errors";
    Object.assign(panel.style, {
      position: "fixed", left: "0", right: "0", bottom: "0", zIndex: "2147483647",
      maxHeight: "50vh", overflow: "auto", margin: "0", padding: "1em",
      background: "#fff4f4", color: "#600", borderTop: "3px solid #c00",
      font: "14px/1.5 ui-monospace, monospace", whiteSpace: "pre-wrap",
    });
    const title = document.createElement("strong");
    title.textContent =
      "The last rebuild failed; this page is the last good build. Fix the content and save:\n";
    panel.append(title, errors.join("\n"));
    document.body.append(panel);
  }

  async function poll() {
    try {
      const response = await fetch(STATE, { cache: "no-store" });
      const state = await response.json();
      if (seen !== null && state.build !== seen && state.ok) {
        location.reload();
        return;
      }
      seen = state.build;
      if (state.ok) {
        hide();
      } else if (!panel || panel.dataset.build !== String(state.build)) {
        show(state.errors);
        panel.dataset.build = String(state.build);
      }
    } catch {
      // The preview is restarting or stopped: ask again.
    }
    setTimeout(poll, 700);
  }

  poll();
})();

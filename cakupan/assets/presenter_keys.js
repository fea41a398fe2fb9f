// The presenter's keyboard and clicker: a clicker sends PageDown/PageUp or arrow keys, a keyboard adds Space,
// Enter, Backspace, Home, End, F (full screen) and Esc (leave). Each key clicks the presenter's own button, so
// the slide changes exactly as a mouse click would change it, URL included. Runs in the component's iframe and
// listens on the page itself (same origin), so it works as soon as the page opens, without clicking into it.
(function () {
  const page = window.parent;
  const doc = page.document;
  if (page.__cakupanPresenterKeys) return;   // installed once per browser tab; every rerun reloads this frame
  page.__cakupanPresenterKeys = true;
  const BUTTONS = {
    ArrowRight: "presenter_next", ArrowDown: "presenter_next", PageDown: "presenter_next", " ": "presenter_next",
    Enter: "presenter_next", ArrowLeft: "presenter_previous", ArrowUp: "presenter_previous",
    PageUp: "presenter_previous", Backspace: "presenter_previous", Home: "presenter_first", End: "presenter_last",
    Escape: "presenter_exit",
  };
  const button = (key) => doc.querySelector(`.st-key-${key} button`);
  const typing = (target) => ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.isContentEditable;
  doc.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) return;
    if (!doc.querySelector(".st-key-presenter_controls")) return;   // another page of the app is shown
    if (event.key === "f" || event.key === "F") {
      event.preventDefault();
      if (doc.fullscreenElement) doc.exitFullscreen(); else doc.documentElement.requestFullscreen();
      return;
    }
    const target = BUTTONS[event.key] && button(BUTTONS[event.key]);
    if (!target) return;
    event.preventDefault();   // also keeps Space/Enter from clicking a focused button a second time
    if (!target.disabled) target.click();
  }, true);
  // The control bar stays out of the audience's sight: it shows while the mouse moves, and fades 2.5 s later.
  let hide;
  doc.addEventListener("mousemove", () => {
    doc.body.classList.add("cakupan-controls-visible");
    clearTimeout(hide);
    hide = setTimeout(() => doc.body.classList.remove("cakupan-controls-visible"), 2500);
  });
})();

// Follows a mailing on its page without reloading it: the figures, the progress bar and the controls that apply are
// updated in place every 2 seconds, so keyboard focus and scroll stay where the officer left them. Screen readers hear
// a change of state and every tenth of the way, politely, not every figure. Without this script the page reloads
// itself (a <noscript> refresh) and works the same.
(function () {
  "use strict";
  var section = document.querySelector("[data-mailing-progress]");
  if (!section || section.getAttribute("data-follow") !== "true") return;
  var url = section.getAttribute("data-mailing-progress");
  var announce = section.querySelector("[data-announce]");
  var note = section.querySelector("[data-refresh-note]");
  var format = new Intl.NumberFormat("en-GB");
  var lastStatus = text("status");
  var lastTenth = tenth(number("done"), number("total"));

  function figures(name) { return document.querySelectorAll('[data-figure="' + name + '"]'); }
  function text(name) { var f = figures(name); return f.length ? f[0].textContent.trim() : ""; }
  function number(name) { return parseInt(text(name).replace(/[^0-9]/g, ""), 10) || 0; }
  function tenth(done, total) { return total > 0 ? Math.floor(done * 10 / total) : 0; }
  function set(name, value) {
    figures(name).forEach(function (element) {
      if (element.tagName === "PROGRESS") { element.value = value; return; }
      if (element.textContent !== value) element.textContent = value;
    });
  }

  function show(data) {
    set("status", data.status);
    figures("status").forEach(function (element) { element.className = "mailing-status status-" + data.status; });
    set("reason", data.reason ? ": " + data.reason : "");
    set("done", format.format(data.done));
    set("total", format.format(data.total));
    set("sent", format.format(data.sent));
    set("failed", format.format(data.failed));
    set("skipped", format.format(data.skipped));
    set("waiting", format.format(data.waiting));
    set("retrying", format.format(data.retrying));
    set("progress", data.done);
    document.querySelectorAll("[data-mailing-actions] [data-when]").forEach(function (form) {
      var when = form.getAttribute("data-when").split(" ");
      var applies = when.indexOf("failed") >= 0 ? data.failed > 0 && data.status !== "cancelled" : when.indexOf(data.status) >= 0;
      // A control that holds the focus stays until the focus leaves it, so the keyboard never loses its place.
      if (!applies && form.contains(document.activeElement)) return;
      form.hidden = !applies;
    });
    var now = tenth(data.done, data.total);
    if (data.status !== lastStatus) {
      announce.textContent = "Mailing " + data.status + (data.reason ? ": " + data.reason : "") + ". " + format.format(data.done) + " of " + format.format(data.total) + " done.";
    } else if (now !== lastTenth) {
      announce.textContent = format.format(data.done) + " of " + format.format(data.total) + " done.";
    }
    lastStatus = data.status;
    lastTenth = now;
    if (note) note.hidden = data.status !== "running" && data.status !== "scheduled";
    return data.follow;
  }

  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (data) { if (show(data)) window.setTimeout(poll, 2000); })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  window.setTimeout(poll, 2000);
})();

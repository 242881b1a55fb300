// Progressive enhancement only: every page reads fine without this script.
// Times come from the server in Korean time (KST) with the UTC instant in <time datetime>;
// here they are shown in the reader's own time zone and language.
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;
  // Explicit fields: Intl refuses dateStyle/timeStyle together with timeZoneName.
  var styles = {
    date: { year: "numeric", month: "long", day: "numeric" },
    datetime: { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit",
                timeZoneName: "short" },
    // In a day of the schedule: the reader's day may not be Korea's, so it is named too.
    time: { weekday: "short", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }
  };
  // Also called on what the page receives later (a comment sent in place).
  window.kpressLocalTimes = function (root) {
    root.querySelectorAll("time[data-local]").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      var style = styles[el.getAttribute("data-local")];
      if (isNaN(when) || !style) return;
      try {
        var local = new Intl.DateTimeFormat(lang, style).format(when);
        el.title = el.textContent;  // the Korean time stays at hand
        el.textContent = local;
      } catch (e) { /* keep the server's text */ }
    });
  };
  window.kpressLocalTimes(document);
})();

// Countdowns to the next episode: "(in 2 d 03 h 12 min)", then "(started)", in the words the
// page gives (data-days, data-hours, data-started: messages of the page's language).
(function () {
  "use strict";
  var items = document.querySelectorAll("[data-countdown]");
  if (!items.length) return;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function fill(pattern, values) {
    return (pattern || "").replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }
  function tick() {
    var now = Date.now();
    items.forEach(function (el) {
      var start = Date.parse(el.getAttribute("data-countdown"));
      if (isNaN(start)) return;
      var left = Math.floor((start - now) / 60000);
      if (left < 0) {
        el.textContent = el.getAttribute("data-started");
      } else {
        var days = Math.floor(left / 1440), hours = Math.floor(left / 60) % 24, minutes = left % 60;
        el.textContent = fill(el.getAttribute(days ? "data-days" : "data-hours"), { d: days, h: pad(hours), m: pad(minutes) });
      }
      el.hidden = false;
    });
  }
  tick();
  setInterval(tick, 30000);
})();

// Reactions: counts from the API (the page itself is cached for everyone); a click sends the
// reaction without leaving the page. Without this script the form posts and comes back.
(function () {
  "use strict";
  var box = document.querySelector("[data-reactions]");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-reactions");
  var form = box.querySelector("form");
  function show(data) {
    if (!data || !data.counts) return;
    box.querySelectorAll("[data-count]").forEach(function (el) {
      var n = data.counts[el.getAttribute("data-count")];
      el.textContent = n ? String(n) : "";
    });
    box.querySelectorAll("button[name=reaction]").forEach(function (b) {
      b.setAttribute("aria-pressed", b.value === data.mine ? "true" : "false");
    });
  }
  fetch(url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; }).then(show)
    .catch(function () {});
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || !button.value) return;  // let the form post
    event.preventDefault();
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ reaction: button.value })
    }).then(function (r) {
      if (r.status === 429) { box.setAttribute("data-busy", "true"); return null; }
      return r.ok ? r.json() : null;
    }).then(show).catch(function () { form.submit(); });
  });
})();

// Video facades: nothing is loaded from the provider until the reader presses play; then the
// privacy-enhanced player replaces the poster.
(function () {
  "use strict";
  document.querySelectorAll("figure[data-player]").forEach(function (figure) {
    var facade = figure.querySelector(".video-facade");
    if (!facade) return;
    facade.addEventListener("click", function (event) {
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.src = figure.getAttribute("data-player");
      frame.title = (figure.querySelector("figcaption") || facade).textContent.trim();
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      facade.replaceWith(frame);
    });
  });
})();

// "Watch now": where a show's streaming links name regions, the reader's region (from the
// browser's language, fr-FR -> FR) puts its own first and hides those meant elsewhere.
(function () {
  "use strict";
  var region = (navigator.language || "").split("-")[1];
  if (!region) return;
  region = region.toUpperCase();
  document.querySelectorAll("[data-watch]").forEach(function (list) {
    var links = list.querySelectorAll("[data-regions]");
    var mine = [];
    links.forEach(function (link) {
      var regions = link.getAttribute("data-regions");
      if (!regions) return;  // everywhere
      if (regions.split(" ").indexOf(region) >= 0) mine.push(link);
      else link.hidden = true;
    });
    if (!mine.length) links.forEach(function (link) { link.hidden = false; });  // none for us: show all
  });
})();

// Comments: the form of a page kept by the cache carries the token of when the page was made;
// as the reader starts writing, a token made now replaces it, so the time trap (a form sent back
// within seconds) counts from then.
(function () {
  "use strict";
  var form = document.querySelector("form.comment-form[data-token-url]");
  if (!form || !window.fetch) return;
  var asked = false;
  // Sent in place: an approved comment shows by reloading the page at it (the page left the
  // cache when it was approved); one that waits is shown to its writer above the form.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var field = function (name) { var el = form.querySelector("[name=" + name + "]"); return el ? el.value : ""; };
    var notify = form.querySelector("[name=notify]");
    var body = { author: field("author"), body: field("body"), email: field("email"), token: field("token"),
                 website: field("website"), notify: !!(notify && notify.checked) };
    if (field("parent")) body.parent = Number(field("parent"));
    fetch(form.getAttribute("data-api-url"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (data) { return { ok: r.ok, data: data }; });
    }).then(function (answer) {
      var errors = form.querySelector(".form-errors");
      if (!answer.ok) {
        if (!errors) { errors = document.createElement("div"); errors.className = "form-errors"; errors.setAttribute("role", "alert"); form.prepend(errors); }
        errors.textContent = answer.data.error || "";
        return;
      }
      if (errors) errors.remove();
      if (answer.data.status === "approved" && !field("parent")) {
        location.hash = "comment-" + answer.data.id;
        location.reload();
        return;
      }
      return fetch("/comments/" + answer.data.id, { credentials: "same-origin" }).then(function (r) { return r.text(); })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var mine = page.querySelector(".comment");
          var notice = page.querySelector(".notice");
          if (notice) form.before(notice);
          if (mine) {
            form.before(mine);
            if (window.kpressLocalTimes) window.kpressLocalTimes(mine);
          }
          form.querySelector("[name=body]").value = "";
        });
    }).catch(function () { form.submit(); });
  });
  form.addEventListener("focusin", function () {
    if (asked) return;
    asked = true;
    fetch(form.getAttribute("data-token-url"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && data.token) form.querySelector("input[name=token]").value = data.token;
      }).catch(function () {});
  });
})();

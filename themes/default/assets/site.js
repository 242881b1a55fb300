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
                timeZoneName: "short" }
  };
  document.querySelectorAll("time[data-local]").forEach(function (el) {
    var when = new Date(el.getAttribute("datetime"));
    var style = styles[el.getAttribute("data-local")];
    if (isNaN(when) || !style) return;
    try {
      var local = new Intl.DateTimeFormat(lang, style).format(when);
      el.title = el.textContent;  // the Korean time stays at hand
      el.textContent = local;
    } catch (e) { /* keep the server's text */ }
  });
})();

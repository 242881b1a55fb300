// Progressive enhancement only: every page reads fine without this script.
// Times come from the server in Korean time (KST) with the UTC instant in <time datetime>;
// here they are shown in the reader's own time zone and language.
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;
  var styles = {
    date: { dateStyle: "long" },
    datetime: { dateStyle: "long", timeStyle: "short", timeZoneName: "short" }
  };
  document.querySelectorAll("time[data-local]").forEach(function (el) {
    var when = new Date(el.getAttribute("datetime"));
    var style = styles[el.getAttribute("data-local")];
    if (isNaN(when) || !style) return;
    try {
      el.title = el.textContent;
      el.textContent = new Intl.DateTimeFormat(lang, style).format(when);
    } catch (e) { /* keep the server's text */ }
  });
})();

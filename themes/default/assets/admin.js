// The editor's live preview and autosave. Without this script the editor still works: the
// "Prévisualiser" button opens the preview in a new tab and nothing is saved until asked.
(function () {
  'use strict';
  var form = document.getElementById('editor');
  if (!form) return;
  var frame = document.querySelector('.preview-frame');
  var status = form.querySelector('.autosave-status');

  function body() { return new URLSearchParams(new FormData(form)); }

  var previewTimer = null;
  var previewed = '';
  function preview() {
    var data = body();
    var key = data.toString();
    if (key === previewed || !frame) return;
    previewed = key;
    fetch(form.dataset.preview, { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { frame.srcdoc = html; })
      .catch(function () { previewed = ''; });
  }

  var saved = body().toString();
  function autosave() {
    if (!form.dataset.autosave) return;
    var data = body();
    var key = data.toString();
    if (key === saved) return;
    fetch(form.dataset.autosave, { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (answer) {
        saved = key;
        if (status) {
          var at = new Date(answer.saved_at);
          var time = at.toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit' });
          status.textContent = (status.dataset.saved || '').replace('{time}', time);
        }
      })
      .catch(function () { if (status) status.textContent = status.dataset.failed || ''; });
  }

  form.addEventListener('input', function () {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(preview, 600);
  });
  form.addEventListener('submit', function () { saved = body().toString(); });
  setInterval(autosave, 10000);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') autosave(); });
  preview();
})();

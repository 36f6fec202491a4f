// The story editor, enhanced: a live preview beside the text, the text kept while it is
// typed (autosave: not a revision), and who else has the story open. The page works
// without any of it; every request carries the form's own CSRF token.
(function () {
  'use strict';
  var form = document.querySelector('form[data-editor]');
  if (!form || !window.fetch || !window.FormData) return;
  var panel = document.querySelector('[data-live-preview]');
  var status = form.querySelector('[data-autosave-status]');
  var presence = document.querySelector('[data-presence-list]');
  var storyId = form.getAttribute('data-story') || '';

  function fields() {
    var data = new URLSearchParams(new FormData(form));
    data.set('id', storyId);
    return data;
  }

  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString()
    });
  }

  // Live preview: the reader's view of what is typed, a moment after typing stops.
  var previewTimer = null;
  function refreshPreview() {
    post(form.getAttribute('data-preview-url'), fields()).then(function (res) {
      if (!res.ok) return;
      return res.text().then(function (html) {
        // The server renders it: Markdown in safe mode, every field escaped.
        panel.innerHTML = html;
        panel.hidden = false;
        document.body.classList.add('editor--live');
      });
    }).catch(function () {});
  }

  // Autosave: at most every 5 s while the text changes; a save deletes what was kept.
  var autosaveUrl = form.getAttribute('data-autosave-url');
  var dirty = false;
  var saving = false;
  function autosave() {
    if (!autosaveUrl || !dirty || saving) return;
    dirty = false;
    saving = true;
    post(autosaveUrl, fields()).then(function (res) {
      return res.json().then(function (body) {
        if (status) status.textContent = res.ok ? 'Kept at ' + body.saved + ' (not saved yet).' : body.error;
      });
    }).catch(function () {
      dirty = true;
    }).then(function () {
      saving = false;
    });
  }

  form.addEventListener('input', function () {
    dirty = true;
    if (panel) {
      clearTimeout(previewTimer);
      previewTimer = setTimeout(refreshPreview, 600);
    }
  });
  form.addEventListener('submit', function () {
    dirty = false;  // the form itself is on its way
  });
  if (autosaveUrl) setInterval(autosave, 5000);

  // Presence: a heartbeat every 20 s says who else has the story open.
  var presenceUrl = form.getAttribute('data-presence-url');
  function heartbeat() {
    var token = new URLSearchParams();
    token.set('csrf', form.querySelector('input[name="csrf"]').value);
    post(presenceUrl, token).then(function (res) {
      if (!res.ok || !presence) return;
      return res.json().then(function (body) {
        presence.querySelector('span').textContent = body.others.join(', ');
        presence.hidden = body.others.length === 0;
        presence.setAttribute('data-presence-state', 'fresh');
      });
    }).catch(function () {});
  }
  if (presenceUrl) {
    heartbeat();
    setInterval(heartbeat, 20000);
  }
  if (panel) refreshPreview();
})();

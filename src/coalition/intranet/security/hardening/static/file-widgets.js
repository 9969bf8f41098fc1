/* File and image fields of edit forms: the file input is usable only while "Replace with new file" is
   chosen. plone.formwidget.namedfile does this with inline onclick handlers, which the site's
   Content-Security-Policy refuses (security/hardening/widgets/). */
(function () {
  "use strict";
  var SUFFIX = /-(nochange|remove|replace)$/;

  function sync(radio) {
    var input = document.getElementById(radio.id.replace(SUFFIX, "-input"));
    if (input && radio.checked) {
      input.disabled = radio.value !== "replace";
    }
  }

  function isAction(element) {
    return element.type === "radio" && /\.action$/.test(element.name || "") && SUFFIX.test(element.id || "");
  }

  function syncAll() {
    var radios = document.querySelectorAll('input[type="radio"][name$=".action"]');
    for (var i = 0; i < radios.length; i++) {
      if (isAction(radios[i])) {
        sync(radios[i]);
      }
    }
  }

  document.addEventListener("change", function (event) {
    if (isAction(event.target)) {
      sync(event.target);
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", syncAll);
  } else {
    syncAll();
  }
  // Forms opened in a modal (mockup's pat-plone-modal) arrive after the page loaded.
  new MutationObserver(syncAll).observe(document.documentElement, { childList: true, subtree: true });
})();

// The meeting app's script: no build step, no library. It only sends the page's forms and
// swaps in the HTML the server answers; every ranking, diff and decision is made on the server
// by kriterium's own code. Without it every form still works as a plain form.
"use strict";

// --- tuning (/rounds/ID/tune) -------------------------------------------------------------
// Moving a slider shows its value at once, then (after a pause in the moving) asks the server
// for the changes fragment under the form's weights and budget and puts it in #changes; the
// address follows, so the tuning can be shared. The save form's weights follow the sliders.
(function () {
  var form = document.getElementById("tune");
  var changes = document.getElementById("changes");
  if (!form || !changes) {
    return;
  }
  var url = form.getAttribute("data-changes");
  var timer = null;
  var asked = 0;
  var amount = function (value) {
    return Number(value).toLocaleString(document.documentElement.lang || "da");
  };
  var show = function (input) {
    var out = document.getElementById(input.id + "-out");
    if (out) {
      out.value = input.id === "budget" ? amount(input.value) : input.value;
    }
    var saved = document.querySelector("#save input[type=hidden][name='" + input.name + "']");
    if (saved) {
      saved.value = input.value;
    }
  };
  var refresh = function () {
    var query = new URLSearchParams(new FormData(form)).toString();
    var mine = ++asked;
    fetch(url + "?" + query, { credentials: "same-origin" })
      .then(function (response) {
        return response.text().then(function (html) {
          return { ok: response.ok, html: html };
        });
      })
      .then(function (answer) {
        if (mine !== asked) {
          return; // a later move has been asked for; its answer counts
        }
        if (answer.ok) {
          changes.innerHTML = answer.html;
        } else {
          // The error page's heading and sentence, in place of the changes.
          var page = new DOMParser().parseFromString(answer.html, "text/html");
          var main = page.querySelector("main");
          changes.innerHTML = "";
          var alert = document.createElement("div");
          alert.setAttribute("role", "alert");
          alert.className = "note";
          alert.textContent = main ? main.textContent.trim() : answer.html;
          changes.appendChild(alert);
        }
        history.replaceState(null, "", form.getAttribute("action") + "?" + query);
      })
      .catch(function () {
        // The server is not answering (stopped?): the Recompute button still works.
      });
  };
  form.addEventListener("input", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "range") {
      return;
    }
    show(input);
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  });
})();

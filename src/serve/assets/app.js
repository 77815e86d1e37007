// The meeting app's script: no build step, no library. It only sends the page's forms and
// swaps in the HTML the server answers; every ranking, diff and decision is made on the server
// by kriterium's own code. Without it every form still works as a plain form.
"use strict";

/* The live meeting's clocks tick between two refreshes. Each [data-clock] element carries the seconds
   counted before its running stretch (data-base), when that stretch began (data-since, empty when
   stopped) and, for a countdown, the seconds allowed (data-allowed). Without JS the server's figures stand. */
(function () {
  "use strict";
  var root = document.querySelector("[data-server-now]");
  var skew = root ? Date.parse(root.getAttribute("data-server-now")) - Date.now() : 0;
  function format(seconds) {
    var sign = seconds < 0 ? "\u2212" : "";
    seconds = Math.abs(seconds);
    var hours = Math.floor(seconds / 3600), minutes = Math.floor((seconds % 3600) / 60), rest = seconds % 60;
    var mm = (hours && minutes < 10 ? "0" : "") + minutes, ss = (rest < 10 ? "0" : "") + rest;
    return sign + (hours ? hours + ":" : "") + mm + ":" + ss;
  }
  function tick() {
    var now = Date.now() + skew;
    var clocks = document.querySelectorAll("[data-clock]");
    for (var i = 0; i < clocks.length; i++) {
      var el = clocks[i], seconds = parseInt(el.getAttribute("data-base"), 10) || 0;
      var since = el.getAttribute("data-since");
      if (since) { seconds += Math.max(0, Math.floor((now - Date.parse(since)) / 1000)); }
      var allowed = el.getAttribute("data-allowed");
      el.textContent = format(allowed ? parseInt(allowed, 10) - seconds : seconds);
    }
  }
  window.setInterval(tick, 1000);
})();

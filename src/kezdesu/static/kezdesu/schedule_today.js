// The schedule opens on today's entry (issue 14). Without JavaScript the list starts with the current month and
// the "Go to today" link leads there; this only saves the scroll when that entry is below the first screen.
(function () {
  "use strict";
  if (window.location.hash) return;
  var today = document.getElementById("today");
  if (!today || window.scrollY > 0) return;
  if (today.getBoundingClientRect().top > window.innerHeight * 0.6) today.scrollIntoView({ block: "start" });
})();

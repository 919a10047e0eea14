// A form sent answers where the person looks (issue 14): the page brings its error summary or its confirmation
// ([data-form-answer], from includes/error_summary.html and includes/confirmation.html) into view and focuses
// it, so that a phone shows it and a screen reader reads it. Without JavaScript the form's action, or the
// redirect after it, names the answer's id as fragment and the browser lands there by itself. A form without
// such an answer (the office's) brings its first error into view, as before.
(() => {
  const ANSWER = "[data-form-answer]:not([data-form-answered])";
  const FIRST_ERROR = ".form-errors, .field--error";

  const topInView = (element) => {
    const top = element.getBoundingClientRect().top;
    return top >= 0 && top < window.innerHeight * 0.75;
  };

  const showAnswer = () => {
    const answer = document.querySelector(ANSWER);
    if (!answer) return false;
    answer.setAttribute("data-form-answered", "");
    if (!topInView(answer)) answer.scrollIntoView({ block: "start" });
    answer.focus({ preventScroll: true });
    return true;
  };

  window.addEventListener("load", () => {
    if (showAnswer()) return;
    const error = document.querySelector(FIRST_ERROR);
    if (error) error.scrollIntoView({ block: "start" });
  });
  // A form sent with htmx (the live page's question) gets its answer in place: the same, once it has settled.
  document.addEventListener("htmx:afterSettle", showAnswer);
})();

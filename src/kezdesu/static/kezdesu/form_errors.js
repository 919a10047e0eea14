// A form sent back with errors: bring the first error into view, so that a user on a phone sees it rather
// than the top of the page or of the form (without JavaScript, the form's action anchors the page at the form).
window.addEventListener("load", () => {
  const error = document.querySelector(".form-errors, .field--error");
  if (error) error.scrollIntoView({ block: "start" });
});

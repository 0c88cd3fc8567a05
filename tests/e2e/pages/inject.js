// A hostile page: the quote it prints contains markup that would run script if anyone inserted it
// as HTML. textContent puts it on the page as plain text, so the page itself stays safe.
document.addEventListener("DOMContentLoaded", () => {
  const p = document.getElementById("p-inject");
  p.textContent = '"<img src=x onerror="window.pwned=1"> is what we will build," Mayor Ana Ruiz said.';
});

// Small behaviours that every page shares. No inline scripts: the CSP forbids them.
document.addEventListener("click", (event) => {
  // Buttons that ask before a destructive action: <button data-confirm="…">.
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});

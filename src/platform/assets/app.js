// Progressive enhancement only: every page works without this script.
/* global document, window, fetch, setTimeout, clearTimeout, URLSearchParams, FormData */
import { initAll as initGovukFrontend } from '/assets/govuk-frontend.min.js';
import { initAll as initMojFrontend } from '/assets/moj-frontend.min.js';

initGovukFrontend();
initMojFrontend();

// The timeout warning (GOV.UK pattern, WCAG 2.2.1): two minutes before a session ends without
// activity, a dialog offers to stay signed in. Staying asks the server to extend the session
// without leaving the page, so nothing typed is lost; when the time has run out the page goes
// to sign-in. Without JavaScript the same choice is the "Stay signed in" page linked at the top.
const sessionDialog = document.querySelector('[data-module="waymark-session-dialog"]');
if (sessionDialog && typeof sessionDialog.showModal === 'function') {
  const warnAfter = Number(sessionDialog.dataset.warnAfter) * 1000;
  const secondsLeft = Number(sessionDialog.dataset.secondsLeft) * 1000;
  let endTimer;
  const schedule = (warnIn, endIn) => {
    setTimeout(() => {
      sessionDialog.showModal();
      sessionDialog.querySelector('button')?.focus();
    }, warnIn);
    endTimer = setTimeout(() => window.location.assign('/sign-in?expired'), endIn);
  };
  const stay = sessionDialog.querySelector('form[action="/session/extend"]');
  stay?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await fetch(stay.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(stay)),
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!response.ok) return stay.submit();
    sessionDialog.close();
    clearTimeout(endTimer);
    schedule(warnAfter, secondsLeft);
  });
  // Escape closes the dialog: that is a choice to stay, as in the GOV.UK pattern.
  sessionDialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    stay?.requestSubmit();
  });
  schedule(warnAfter, secondsLeft);
}

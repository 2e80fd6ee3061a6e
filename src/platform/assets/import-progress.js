// Progressive enhancement for the page that follows a referral import: asks for the progress
// every two seconds and moves the bar in place, then reloads the page when the import has
// finished. Without JavaScript the page offers a link to refresh it.
/* global document, window, fetch, setTimeout */
const root = document.querySelector('[data-module="waymark-import-progress"]');

if (root) {
  const url = root.getAttribute('data-progress-url');
  const bar = root.querySelector('progress');
  const percent = root.querySelector('[data-progress-percent]');
  const message = root.querySelector('[data-progress-message]');
  const refresh = root.querySelector('[data-progress-refresh]');
  if (refresh) refresh.hidden = true;

  const poll = async () => {
    try {
      const response = await fetch(url, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      const json = (response.headers.get('content-type') || '').includes('application/json');
      if (response.ok && json) {
        const progress = await response.json();
        if (progress.status !== 'running') {
          window.location.reload();
          return;
        }
        bar.value = progress.value;
        bar.textContent = `${progress.value}%`;
        percent.textContent = progress.percent;
        message.textContent = progress.message;
      } else {
        // Signed out, or the job is gone: leave it to the person, with the link.
        if (refresh) refresh.hidden = false;
        return;
      }
    } catch {
      // A dropped connection: try again at the next tick.
    }
    setTimeout(poll, 2000);
  };
  setTimeout(poll, 2000);
}

// Logging out warns about unsent records, keeps them, and forgets the cached
// households, returned records and pages (personal data) on this phone, but only
// once the server has ended the login. Without signal the login cannot end (its
// cookie is the server's to cancel), so nothing is forgotten and the worker is
// told to log out again with signal, instead of a browser error page, an app
// that no longer opens offline and a login that is still open.
import { forgetHouseholds } from "./households.js";
import { listItems } from "./outbox.js";
import { forgetReturned } from "./returned.js";
import { t } from "./messages.js";

async function forgetPages() {
  for (const name of await caches.keys()) if (name.startsWith("fieldapp-pages-")) await caches.delete(name);
}

/** The server's answer to the logout form, or null without a connection. Its
 * redirect to the login page is not followed here: the page's "logged out"
 * notice is for the page the browser opens next. */
async function endLogin(form) {
  try {
    return await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      redirect: "manual",
      headers: { Accept: "text/html" },
    });
  } catch {
    return null;
  }
}

export function guardLogout(form) {
  form?.addEventListener("submit", async (event) => {
    event.preventDefault();
    const unsent = (await listItems()).length;
    if (unsent && !confirm(t("confirm_logout", { n: unsent }))) return;
    const answer = await endLogin(form);
    if (answer === null) {
      alert(t("logout_offline"));
      return;
    }
    if (answer.type !== "opaqueredirect") {
      form.submit(); // not the redirect of a logout: the server's page says why
      return;
    }
    await forgetHouseholds();
    await forgetReturned();
    if ("caches" in globalThis) await forgetPages();
    location.replace(form.dataset.after);
  });
}

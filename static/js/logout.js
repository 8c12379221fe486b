// Logging out warns about unsent records, keeps them, and forgets the cached
// households, returned records and pages (personal data) on this phone.
import { forgetHouseholds } from "./households.js";
import { listItems } from "./outbox.js";
import { forgetReturned } from "./returned.js";
import { t } from "./messages.js";

async function forgetPages() {
  for (const name of await caches.keys()) if (name.startsWith("fieldapp-pages-")) await caches.delete(name);
}

export function guardLogout(form) {
  form?.addEventListener("submit", async (event) => {
    event.preventDefault();
    const unsent = (await listItems()).length;
    if (unsent && !confirm(t("confirm_logout", { n: unsent }))) return;
    await forgetHouseholds();
    await forgetReturned();
    if ("caches" in globalThis) await forgetPages();
    form.submit();
  });
}

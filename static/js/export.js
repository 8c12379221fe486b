// "下载未发送记录": everything still on the phone, photos included, as one JSON file.
import { listDrafts } from "./drafts.js";
import { listItems } from "./outbox.js";
import { isoLocal } from "./time.js";

async function dataUrl(blob) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type || "application/octet-stream"};base64,${btoa(binary)}`;
}

/** The file's content: items and drafts, Blobs as data: URLs. */
export async function unsentDocument(user) {
  const items = await Promise.all(
    (await listItems()).map(async (item) => (item.blob ? { ...item, blob: await dataUrl(item.blob) } : item)),
  );
  const drafts = await Promise.all(
    (await listDrafts()).map(async (draft) => ({
      ...draft,
      photos: await Promise.all((draft.photos ?? []).map(async (p) => ({ ...p, blob: await dataUrl(p.blob) }))),
    })),
  );
  return { exported_at: isoLocal(), user, items, drafts };
}

export async function downloadUnsent(user) {
  const body = JSON.stringify(await unsentDocument(user), null, 1);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([body], { type: "application/json" }));
  link.download = `fieldapp-unsent-${isoLocal().slice(0, 16).replace(/[:T]/g, "")}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

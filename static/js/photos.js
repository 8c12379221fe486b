// Photos (input[type=file][data-photo]): shrunk on the phone to a long edge of at
// most 1600 px, JPEG quality 0.8, and kept as Blobs in the form's draft until sent.
import { getDraft, updateDraft } from "./drafts.js";
import { t } from "./messages.js";
import { isoLocal } from "./time.js";

export const MAX_EDGE = 1600;
export const QUALITY = 0.8;

/**
 * Always re-encode, even small photos: one predictable size per photo on a slow
 * link, and no EXIF (the record's position comes from the GPS widget instead).
 */
export async function downscale(file, maxEdge = MAX_EDGE, quality = QUALITY) {
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  const scale = Math.min(1, maxEdge / Math.max(bitmap.width, bitmap.height));
  const width = Math.round(bitmap.width * scale);
  const height = Math.round(bitmap.height * scale);
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext("2d").drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return canvas.convertToBlob({ type: "image/jpeg", quality });
}

function thumbnail(form, uuid, photo, index) {
  const item = document.createElement("li");
  item.className = "photo";
  item.dataset.photoUuid = photo.uuid;
  const img = document.createElement("img");
  img.src = URL.createObjectURL(photo.blob);
  img.alt = t("photo_alt", { n: index + 1 });
  const caption = document.createElement("input");
  caption.type = "text";
  caption.value = photo.caption ?? "";
  caption.setAttribute("aria-label", `${t("photo_caption")} ${index + 1}`);
  caption.placeholder = t("photo_caption");
  // No name: captions travel with the photo, not in the record's body.
  caption.addEventListener("change", () =>
    updateDraft(uuid, (d) => ({ ...d, photos: d.photos.map((p) => (p.uuid === photo.uuid ? { ...p, caption: caption.value } : p)) })),
  );
  // The tag (before / after / …) travels with the photo; the options are the
  // server's (form.html's #photo-tag-options template).
  const tag = document.createElement("select");
  tag.dataset.photoTagSelect = "";
  tag.setAttribute("aria-label", `${t("photo_tag")} ${index + 1}`);
  const options = document.getElementById("photo-tag-options");
  if (options) tag.append(options.content.cloneNode(true));
  tag.value = photo.tag ?? "";
  tag.addEventListener("change", () =>
    updateDraft(uuid, (d) => ({ ...d, photos: d.photos.map((p) => (p.uuid === photo.uuid ? { ...p, tag: tag.value } : p)) })),
  );
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "small secondary";
  remove.textContent = t("photo_remove");
  remove.addEventListener("click", async () => {
    await updateDraft(uuid, (d) => ({ ...d, photos: d.photos.filter((p) => p.uuid !== photo.uuid) }));
    await render(form, uuid);
  });
  item.dataset.tag = photo.tag ?? "";
  item.append(img, tag, caption, remove);
  return item;
}

async function render(form, uuid) {
  const list = form.querySelector("[data-photo-list]");
  list.querySelectorAll("img").forEach((img) => URL.revokeObjectURL(img.src));
  const photos = (await getDraft(uuid))?.photos ?? [];
  list.replaceChildren(...photos.map((photo, i) => thumbnail(form, uuid, photo, i)));
  list.dataset.count = String(photos.length);
}

async function addFiles(form, uuid, input, note) {
  const files = [...input.files];
  input.value = "";
  for (const file of files) {
    note.textContent = t("photo_processing");
    try {
      const blob = await downscale(file);
      const photo = {
        uuid: crypto.randomUUID(), blob, caption: "", tag: input.dataset.photoTag ?? "",
        taken_at: isoLocal(file.lastModified || Date.now()),
      };
      await updateDraft(uuid, (d) => ({ ...d, photos: [...(d.photos ?? []), photo] }));
      note.textContent = "";
    } catch {
      note.textContent = t("photo_failed");
    }
  }
  await render(form, uuid);
  // The draft now exists: let autosave keep the typed fields with it.
  form.dispatchEvent(new CustomEvent("change", { bubbles: true, detail: { touch: true } }));
}

export async function setupPhotos(form, uuid) {
  const inputs = form.querySelectorAll("input[type=file][data-photo]");
  const note = document.createElement("p");
  note.className = "hint";
  note.setAttribute("role", "status");
  inputs[inputs.length - 1].after(note);
  if (!form.querySelector("[data-photo-list]")) {
    const list = document.createElement("ul");
    list.dataset.photoList = "";
    note.after(list);
  }
  for (const input of inputs) input.addEventListener("change", () => addFiles(form, uuid, input, note));
  await render(form, uuid);
}

// bench/pwa.py: queue records with a photo each through the real outbox.
(async ({ household, count, shapes }) => {
    const { enqueue } = await import('/static/js/outbox.js');
    const user = document.getElementById('outbox-status').dataset.user;
    const barthel = { feeding: 5, bathing: 0, grooming: 5, dressing: 5, bowels: 10,
        bladder: 10, toilet: 5, transfer: 10, mobility: 10, stairs: 5 };
    let bytes = 0;
    for (let i = 0; i < count; i++) {
        // A distinct 1600 x 1200 picture per record, encoded as the phone does.
        const canvas = new OffscreenCanvas(1600, 1200);
        const pen = canvas.getContext('2d');
        // More shapes, more detail: a bigger JPEG, as a real photo is.
        for (let k = 0; k < shapes; k++) {
            pen.fillStyle = `hsl(${(i * 37 + k * 13) % 360} 50% ${30 + (k * 7) % 50}%)`;
            pen.fillRect((k * 97 + i) % 1600, (k * 61 + i * 7) % 1200, 8 + k % 90, 6 + k % 70);
        }
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
        bytes += blob.size;
        const uuid = crypto.randomUUID();
        const photo = crypto.randomUUID();
        const [hh, person] = household[i % household.length];
        await enqueue([
            { uuid, type: 'record', method: 'POST', url: '/api/v1/records', after: hh,
              household_uuid: hh, user, title: `bench ${i}`,
              body: { uuid, kind: 'respite_assessment', household_uuid: hh, person_uuid: person,
                      captured_at: new Date().toISOString(),
                      location: { lat: 18.7962, lon: 110.3905, accuracy_m: 8 },
                      data: { barthel, mode_requested: 'home' } } },
            { uuid: photo, type: 'photo', method: 'POST', url: `/api/v1/records/${uuid}/photos`,
              after: uuid, household_uuid: hh, user, blob, fields: { uuid: photo, caption: `照片 ${i}` } },
        ]);
    }
    return bytes;
})

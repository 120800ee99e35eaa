// Webhook credentials seen in this tab (at creation or rotation), held in memory only, so the
// "send an event" form can use one without the user pasting it. Gone on reload; never stored.
const map = new Map();
export const credentials = {
  get: (id) => map.get(id),
  set: (id, credential) => map.set(id, credential),
  clear: () => map.clear(),
};

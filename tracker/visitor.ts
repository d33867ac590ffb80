/** The anonymous visitor id sent with every batch: a UUID kept in storage until consent is withdrawn. */
import { type Store, VISITOR_KEY } from './storage.js';
import { uuid } from './uuid.js';

/** Returns [id(), forget()]; id() creates and stores the id on first use (only ever after consent). */
export const visitor = ([get, set, del]: Store): [id: () => string, forget: () => void] => {
  let vid = '';
  return [
    () => {
      if (!vid) {
        const v = get(VISITOR_KEY);
        set(VISITOR_KEY, (vid = v && /^[0-9a-f-]{36}$/.test(v) ? v : uuid()));
      }
      return vid;
    },
    () => {
      vid = '';
      del(VISITOR_KEY);
    },
  ];
};

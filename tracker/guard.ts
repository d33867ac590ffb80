/** Every listener, timer and entry point of the tracker runs through a guard: nothing throws into the page. */

export type Guard = <A extends unknown[]>(f: (...a: A) => unknown) => (...a: A) => void;

/** Returns [guard, stop]: after stop() (the tracker's destroy) guarded functions do nothing. */
export const guarded = (): [guard: Guard, stop: () => void] => {
  let dead = false;
  return [
    (f) =>
      (...a) => {
        if (!dead)
          try {
            f(...a);
          } catch {
            // swallowed on purpose
          }
      },
    () => {
      dead = true;
    },
  ];
};

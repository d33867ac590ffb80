/** The documented shape of one `GET /push/_errors` entry: nothing else, no record id (docs/design.md D7). */
export interface PushError {
  error_message: string;
  error_path: string;
}

export interface PushErrorList {
  add(error: PushError): void;
  /** Newest first, at most the latest 100 (docs/design.md O3). */
  list(): PushError[];
  clear(): void;
}

export function createPushErrorList(keep = 100): PushErrorList {
  let errors: PushError[] = [];
  return {
    add: (error) => {
      errors = [{ error_message: error.error_message, error_path: error.error_path }, ...errors].slice(0, keep);
    },
    list: () => errors.map((e) => ({ ...e })),
    clear: () => {
      errors = [];
    },
  };
}

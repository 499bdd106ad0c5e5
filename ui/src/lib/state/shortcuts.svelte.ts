import { ShortcutDispatcher, type Action, type KeyInput } from "../logic/shortcuts";

/** Keyboard state: the dispatcher plus whether a "g" sequence is waiting (shown as a hint). */
export class Shortcuts {
  pending = $state(false);
  #dispatcher = new ShortcutDispatcher();

  handle(ev: KeyInput): Action | null {
    const action = this.#dispatcher.handle(ev);
    this.pending = this.#dispatcher.pending;
    return action;
  }

  reset(): void {
    this.#dispatcher.reset();
    this.pending = false;
  }
}

export const shortcuts = new Shortcuts();

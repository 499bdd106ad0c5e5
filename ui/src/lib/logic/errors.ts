import type { CommandError } from "../bindings";

function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && typeof (e as CommandError).message === "string";
}

/** A first word of letters only, ended by a space, punctuation and a space, or the end: not
 * an address ("http://…", "example.com:", "mailto:…") or a path, which keep their case. */
const FIRST_WORD = /^\p{Ll}[\p{L}'-]*(?=$|\s|[,;:.!?](?:\s|$))/u;

/** The engine writes messages lowercase without a final period (they compose into chains);
 * people read sentences. */
export function errorMessage(e: unknown): string {
  let text: string;
  if (isCommandError(e)) text = e.message;
  else if (typeof e === "string") text = e;
  else text = "Something went wrong";
  text = text.trim() || "Something went wrong";
  if (FIRST_WORD.test(text)) text = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** The `kind` of a CommandError, so callers can branch without parsing messages. */
export function errorKind(e: unknown): string | null {
  return isCommandError(e) && typeof e.kind === "string" ? e.kind : null;
}

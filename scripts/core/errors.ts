/**
 * Every error this project throws on purpose, in one place. Each is about the user's input or
 * environment, and its message says what was wrong and what to do; the CLI prints it without a
 * stack trace. Anything else that escapes a command is a bug of ours, reported as an internal error.
 */

/** A mistake in how a command was called (exit 2), with a message for the user. */
export class UsageError extends Error {}

/** git failed, or is missing; the message says which command and why. */
export class GitError extends Error {}

/** Why a site or report folder could not be written; the previous one, if any, is untouched. */
export class SiteWriteError extends Error {}

/** Why a record file could not be written (something in the way, no permission); nothing was changed. */
export class RecordWriteError extends Error {}

/** A frontmatter layout the text edits cannot extend (a one-line `{…}` map or `[…]` list), at the key written that way. */
export class LayoutError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A message a channel did not take. `refused` is a definite no (an HTTP 4xx other than 408 and
 * 429, a 3xx, an SMTP 5xx): tried again on later runs only up to a limit. Otherwise the failure was
 * passing (a 429, a 5xx, a timeout, the network, a secret not set) and the next run tries again.
 * The message never holds a secret (a webhook URL, an SMTP password).
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly refused: boolean,
  ) {
    super(message);
  }
}

/** Announce's state could not be saved (a file, or the state branch on GitHub): what was sent since the last save may be sent again. */
export class StateWriteError extends Error {}

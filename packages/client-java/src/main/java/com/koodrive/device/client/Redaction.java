package com.koodrive.device.client;

/** Keeps the access token out of everything a caller or a log can see. */
final class Redaction {
  static final String REDACTED = "[redacted]";
  private static final int MAX_CAUSE_DEPTH = 4;

  private Redaction() {}

  /** Every occurrence of the secret in a text the server or a library gave us, replaced. */
  static String redact(String text, String secret) {
    if (text == null || secret == null || secret.isEmpty()) return text;
    return text.replace(secret, REDACTED);
  }

  /**
   * A copy of a foreign exception that is safe to keep as a cause: its class name and message (token redacted) and
   * its stack frames, and its own cause copied the same way (up to a few levels). Nothing else of it is kept.
   */
  static Throwable scrub(Throwable cause, String secret) {
    return scrub(cause, secret, 0);
  }

  private static Throwable scrub(Throwable cause, String secret, int depth) {
    if (cause == null || depth >= MAX_CAUSE_DEPTH) return null;
    Throwable inner = scrub(cause.getCause(), secret, depth + 1);
    ScrubbedCause copy =
        new ScrubbedCause(cause.getClass().getName() + ": " + redact(String.valueOf(cause.getMessage()), secret), inner);
    copy.setStackTrace(cause.getStackTrace());
    return copy;
  }

  /** A foreign exception's class name and redacted message, standing in for it in a cause chain. */
  static final class ScrubbedCause extends Exception {
    private static final long serialVersionUID = 1L;

    ScrubbedCause(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

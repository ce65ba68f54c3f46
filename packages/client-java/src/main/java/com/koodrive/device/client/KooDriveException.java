package com.koodrive.device.client;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The only exception {@link KooDriveClient} throws during a call (unchecked). {@link #kind()} says what failed;
 * the other accessors are filled in when that kind has them. It never carries the access token: not in its message,
 * its {@link #msg()}, its {@code toString()}, its stack trace or its cause chain.
 */
public final class KooDriveException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as a closed set: switch on it exhaustively. */
  public enum Kind {
    /** A non-2xx answer; {@link #status()}, and {@link #code()} and {@link #msg()} when the body was the envelope. */
    HTTP,
    /** A 2xx answer whose envelope {@code code} is not 0: KooDrive refused the call, whatever {@code data} held. */
    API,
    /** A 2xx answer that is not what the spec describes; {@link #field()} names what was wrong. */
    INVALID_RESPONSE,
    /** The request failed before a whole answer arrived (connection refused, reset, ...). */
    NETWORK,
    /** An attempt ran past the client's {@code timeout}. */
    TIMEOUT,
    /** The calling thread was interrupted, or the future of an async call cancelled. */
    ABORTED,
    /** The access token supplier threw or gave no usable token; no request was sent for that attempt. */
    ACCESS_TOKEN
  }

  private final Kind kind;
  private final Integer status;
  private final Integer code;
  private final String msg;
  private final Duration retryAfter;
  private final String field;
  private volatile int attempts;

  private KooDriveException(Builder builder) {
    super(builder.message, builder.cause);
    this.kind = builder.kind;
    this.status = builder.status;
    this.code = builder.code;
    this.msg = builder.msg;
    this.retryAfter = builder.retryAfter;
    this.field = builder.field;
  }

  static Builder of(Kind kind, String message) {
    return new Builder(kind, message);
  }

  /** What failed. */
  public Kind kind() {
    return kind;
  }

  /** The HTTP status of the answer, when one arrived. */
  public OptionalInt status() {
    return status == null ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** The envelope's {@code code}, when the body was the {@code {code, msg}} envelope. */
  public OptionalInt code() {
    return code == null ? OptionalInt.empty() : OptionalInt.of(code);
  }

  /** The envelope's {@code msg}, with the access token redacted. */
  public Optional<String> msg() {
    return Optional.ofNullable(msg);
  }

  /** The wait the server asked for in {@code Retry-After}, when it sent a usable one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** For {@link Kind#INVALID_RESPONSE}: the field that was wrong, as a path ({@code data[3].deviceId}, {@code body}). */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** How many requests the call made before it gave up (0 when it gave up before sending one). */
  public int attempts() {
    return attempts;
  }

  KooDriveException withAttempts(int count) {
    this.attempts = count;
    return this;
  }

  static final class Builder {
    private final Kind kind;
    private final String message;
    private Throwable cause;
    private Integer status;
    private Integer code;
    private String msg;
    private Duration retryAfter;
    private String field;

    private Builder(Kind kind, String message) {
      this.kind = kind;
      this.message = message;
    }

    Builder cause(Throwable value) {
      this.cause = value;
      return this;
    }

    Builder status(Integer value) {
      this.status = value;
      return this;
    }

    Builder code(int value) {
      this.code = value;
      return this;
    }

    Builder msg(String value) {
      this.msg = value;
      return this;
    }

    Builder retryAfter(Duration value) {
      this.retryAfter = value;
      return this;
    }

    Builder field(String value) {
      this.field = value;
      return this;
    }

    KooDriveException build() {
      return new KooDriveException(this);
    }
  }
}

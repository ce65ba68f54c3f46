package com.koodrive.device.client;

import com.koodrive.device.client.model.BoundDeviceEntity;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A blocking call run on another thread, as a future: cancelling the future interrupts the thread running the call,
 * which stops it.
 */
final class AsyncCall extends CompletableFuture<List<BoundDeviceEntity>> implements Runnable {
  /** Where calls run when the builder was given no executor: a shared pool of daemon threads. */
  static final ExecutorService DEFAULT_EXECUTOR = Executors.newCachedThreadPool(daemonThreads());

  private final Supplier<List<BoundDeviceEntity>> call;
  private Thread worker;

  private AsyncCall(Supplier<List<BoundDeviceEntity>> call) {
    this.call = call;
  }

  /** Runs the call on the executor; the future fails with ABORTED when the executor refuses it. */
  static CompletableFuture<List<BoundDeviceEntity>> start(Executor executor, Supplier<List<BoundDeviceEntity>> call) {
    AsyncCall async = new AsyncCall(call);
    try {
      executor.execute(async);
    } catch (RejectedExecutionException e) {
      async.completeExceptionally(
          KooDriveException.of(KooDriveException.Kind.ABORTED, "The executor refused to run the call")
              .cause(Redaction.scrub(e, null))
              .build());
    }
    return async;
  }

  @Override
  public void run() {
    synchronized (this) {
      if (isDone()) return;
      worker = Thread.currentThread();
    }
    try {
      complete(call.get());
    } catch (Throwable e) {
      completeExceptionally(e);
    } finally {
      synchronized (this) {
        worker = null;
      }
      Thread.interrupted(); // a pool thread must not keep this call's interrupt
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      synchronized (this) {
        if (worker != null) worker.interrupt();
      }
    }
    return cancelled;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "koodrive-client-async-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}

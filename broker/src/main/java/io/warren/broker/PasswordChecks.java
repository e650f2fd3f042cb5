package io.warren.broker;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool that checks slow password hashes away from the event loops: one thread per core, and
 * a bounded queue, so that a flood of logins from many sources costs CPU but never memory or
 * the event loops' time.
 */
final class PasswordChecks {
    static final int QUEUE = 1024;

    private PasswordChecks() {}

    static ExecutorService start() {
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicInteger ids = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "warren-password-check-" + ids.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}

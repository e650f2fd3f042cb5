package io.warren.broker.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Slows password guessing per source address, for AMQP and the management API alike. A source's
 * n-th failed login in a row is refused only after {@code initial × 2^(n-1)}, at most the maximum,
 * and its next password is checked no earlier than that refusal would go out: a guesser gains
 * nothing by hanging up early or by guessing on many connections at once, since one source gets
 * at most one check per current delay. A source quiet for the forget-after period starts afresh;
 * a correct login clears the wait it left behind (not its count). Other sources are never slowed.
 * IPv6 sources count by their /64, which one host usually holds whole.
 *
 * <p>Failed logins are logged as RabbitMQ logs them, at error level, but at most one line per
 * source per {@link #LOG_INTERVAL_NANOS}; the rest are summed up in one line when the interval is
 * over or the source is forgotten. Thread-safe; memory is bounded by {@link #MAX_SOURCES}.
 */
public final class LoginThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    static final int MAX_SOURCES = 100_000;
    static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final long initialNanos;
    private final long maxNanos;
    private final long forgetAfterNanos;
    private final LongSupplier clock;
    private final Consumer<String> log;
    private final Cache<String, Source> sources;

    public LoginThrottle(PasswordSettings settings) {
        this(settings, System::nanoTime, true, line -> LOG.error("{}", line));
    }

    /** @param log where the log lines go (the error level of this class's logger, outside tests) */
    LoginThrottle(PasswordSettings settings, LongSupplier clock, boolean expireInBackground, Consumer<String> log) {
        this.log = log;
        this.initialNanos = TimeUnit.MILLISECONDS.toNanos(settings.failureDelayMs());
        this.maxNanos = TimeUnit.MILLISECONDS.toNanos(settings.maxFailureDelayMs());
        this.forgetAfterNanos = TimeUnit.MILLISECONDS.toNanos(settings.forgetAfterMs());
        this.clock = clock;
        // Removal (and its summary line) on the thread that causes it, so that close() logs what is owed.
        Caffeine<Object, Object> b = Caffeine.newBuilder().maximumSize(MAX_SOURCES).executor(Runnable::run)
                .expireAfterAccess(forgetAfterNanos + maxNanos, TimeUnit.NANOSECONDS);
        if (expireInBackground) {
            b.scheduler(Scheduler.systemScheduler());
        }
        this.sources = b.<String, Source>removalListener((key, source, cause) -> {
            if (source != null && cause != RemovalCause.REPLACED) {
                source.logSummary(key);
            }
        }).build();
    }

    /** The most a refusal is held. */
    public long maxDelayNanos() {
        return maxNanos;
    }

    /**
     * Books the check of a password from {@code source}: how long to wait before checking it
     * (0 for a source without recent failures), or -1 when the source already has more checks
     * waiting than the maximum delay covers, in which case the login is to be refused unchecked
     * after {@link #maxDelayNanos()}.
     */
    public long admit(InetAddress source) {
        Source s = sources.getIfPresent(key(source));
        if (s == null) {
            return 0;
        }
        synchronized (s) {
            long now = clock.getAsLong();
            s.forgetIfQuiet(now);
            if (s.failures == 0) {
                return 0;
            }
            long slot = Math.max(now, s.nextCheck);
            if (slot - now > maxNanos) {
                return -1;
            }
            s.nextCheck = slot + delay(s.failures);
            return slot - now;
        }
    }

    /** A login from {@code source} succeeded: checks booked after it need not wait for it. */
    public void succeeded(InetAddress source) {
        Source s = sources.getIfPresent(key(source));
        if (s != null) {
            synchronized (s) {
                s.nextCheck = clock.getAsLong();
            }
        }
    }

    /**
     * A login from {@code source} failed; returns how long to hold its refusal. {@code message}
     * says what failed, as the log line gives it.
     */
    public long failed(InetAddress source, String message) {
        String key = key(source);
        Source s = sources.get(key, k -> new Source());
        synchronized (s) {
            long now = clock.getAsLong();
            s.forgetIfQuiet(now);
            s.failures++;
            s.lastFailure = now;
            long d = delay(s.failures);
            s.nextCheck = Math.max(s.nextCheck, now + d);
            s.log(key, message, now);
            return d;
        }
    }

    /**
     * Logs a login from {@code source} refused without a check (see {@link #admit}), within the
     * same one-line-per-interval limit as failures, without counting it as one.
     */
    public void refusedUnchecked(InetAddress source, String message) {
        String key = key(source);
        Source s = sources.get(key, k -> new Source());
        synchronized (s) {
            s.log(key, message, clock.getAsLong());
        }
    }

    /** Logs what the per-source summaries still owe; for a broker that stops. */
    public void close() {
        sources.invalidateAll();
    }

    /** The hold after the n-th failure in a row: initial doubled n-1 times, at most the maximum. */
    long delay(int failures) {
        if (failures <= 0 || initialNanos == 0) {
            return 0;
        }
        long d = initialNanos;
        for (int i = 1; i < failures && d < maxNanos; i++) {
            d <<= 1;
        }
        return Math.min(d, maxNanos);
    }

    /** The address, or an IPv6 address's /64. */
    static String key(InetAddress source) {
        if (source instanceof Inet6Address v6) {
            byte[] prefix = Arrays.copyOf(v6.getAddress(), 8);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                b.append(Integer.toHexString(((prefix[i] & 0xff) << 8) | (prefix[i + 1] & 0xff))).append(':');
            }
            return b.append(":/64").toString();
        }
        return source.getHostAddress();
    }

    private final class Source {
        int failures;
        long lastFailure;
        long nextCheck;
        long logIntervalStart;
        boolean logged;
        int unlogged;
        String lastUnlogged;

        void forgetIfQuiet(long now) {
            if (failures > 0 && now - lastFailure > forgetAfterNanos) {
                failures = 0;
                nextCheck = now;
            }
        }

        void log(String key, String message, long now) {
            if (logged && now - logIntervalStart < LOG_INTERVAL_NANOS) {
                unlogged++;
                lastUnlogged = message;
                return;
            }
            logSummary(key);
            logged = true;
            logIntervalStart = now;
            log.accept(message);
        }

        synchronized void logSummary(String key) {
            if (unlogged > 0) {
                log.accept(unlogged + " more failed logins from " + key + " since the last one logged; the last: "
                        + lastUnlogged);
                unlogged = 0;
                lastUnlogged = null;
            }
        }
    }
}

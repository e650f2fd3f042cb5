package io.warren.broker.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The TLS side of one listener family: the server context built from {@link TlsOptions}, kept up
 * to date with its PEM files. Once a second a background thread compares the files' size,
 * content with that the context was built from; when one changed, the
 * context is rebuilt and new connections get it, while connections already open carry on with
 * the one they shook hands with. A rebuild that fails (a file half-written, a key that does not
 * match yet) keeps the context in use; if the files stay broken for a second check, one ERROR
 * names the setting and file. Never plaintext.
 *
 * <p>{@link #newHandler} is called on event loops; it only reads a volatile field.
 */
public final class ServerTls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    /** RabbitMQ's default ssl_handshake_timeout. */
    public static final long DEFAULT_HANDSHAKE_TIMEOUT_MS = 5_000;
    static final long CHECK_INTERVAL_MS = 1_000;
    private static final ScheduledExecutorService CHECKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "warren-tls-reload");
        t.setDaemon(true);
        return t;
    });

    /** Runs the JDK engine's delegated handshake tasks off the event loops; one thread a core. */
    private static final ExecutorService HANDSHAKE_TASKS = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), new ThreadFactory() {
                private final AtomicInteger next = new AtomicInteger();

                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "warren-tls-handshake-" + next.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }
            });
    private final TlsOptions options;
    private final long handshakeTimeoutMs;
    private volatile Loaded current;
    private List<Object> failedStamps;
    private boolean failureLogged;
    private volatile String reloadProblem;
    private ScheduledFuture<?> checks;

    private ServerTls(TlsOptions options, long handshakeTimeoutMs, Loaded first) {
        this.options = options;
        this.handshakeTimeoutMs = handshakeTimeoutMs;
        this.current = first;
    }

    /**
     * Builds the context and starts watching its files.
     *
     * @param handshakeTimeoutMs {@code ssl_handshake_timeout}: a TLS handshake not finished this long
     *                           after the connection was accepted closes it; 0 never does
     * @throws TlsConfigException when the options or files cannot be used
     */
    public static ServerTls open(TlsOptions options, long handshakeTimeoutMs) {
        ServerTls tls = new ServerTls(options, handshakeTimeoutMs, load(options));
        TlsContexts.Engine engine = TlsContexts.engine(options);
        LOG.info("{}: TLS by the {} engine (warren.ssl_provider = {}){}", options.prefix(),
                tls.engine() == TlsProvider.OPENSSL ? "OpenSSL (" + OpenSsl.versionString() + ")" : "JDK",
                options.provider().name().toLowerCase(java.util.Locale.ROOT),
                engine.why() == null ? "" : ": " + engine.why());
        warnIfOutOfDate(options, tls.certificate());
        tls.checks = CHECKER.scheduleWithFixedDelay(tls::checkFiles, CHECK_INTERVAL_MS, CHECK_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
        return tls;
    }

    /** Checks the options and files once without keeping anything: what a start does before binding. */
    public static void validate(TlsOptions options) {
        load(options);
    }

    public TlsOptions options() {
        return options;
    }

    /** A handler for a newly accepted connection, to go first in its pipeline. Any thread. */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        Loaded loaded = current;
        // The JDK engine's handshake work (key exchange, signature, certificate checks) comes as
        // delegated tasks, which Netty would run on the event loop, in front of the other
        // connections' traffic; OpenSSL's is a fraction of it and stays there.
        SslHandler handler = loaded.context() instanceof OpenSslContext ? loaded.context().newHandler(alloc)
                : loaded.context().newHandler(alloc, HANDSHAKE_TASKS);
        // Both engines prefer their own order unless told otherwise; Erlang's default is the client's.
        SSLEngine engine = handler.engine();
        SSLParameters params = engine.getSSLParameters();
        params.setUseCipherSuitesOrder(options.honorCipherOrder());
        engine.setSSLParameters(params);
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMs);
        return handler;
    }

    /** The engine new connections get: {@link TlsProvider#OPENSSL} or {@link TlsProvider#JDK}, never AUTO. */
    public TlsProvider engine() {
        return current.context() instanceof OpenSslContext ? TlsProvider.OPENSSL : TlsProvider.JDK;
    }

    /** The certificate new connections are served (the first of certfile). */
    public java.security.cert.X509Certificate certificate() {
        return current.certificate();
    }

    /**
     * Why the changed files could not be used, once they stayed broken for two checks; null while
     * the files in use are the ones on disk. Any thread.
     */
    public String reloadProblem() {
        return reloadProblem;
    }

    /** Compares the files with those of the current context and rebuilds it when they changed. Runs on the checker. */
    synchronized void checkFiles() {
        List<Object> stamps = stamps(options);
        if (stamps.equals(current.stamps())) {
            failedStamps = null;
            reloadProblem = null;
            return;
        }
        try {
            current = load(options, stamps);
            warnIfOutOfDate(options, current.certificate());
            failedStamps = null;
            failureLogged = false;
            reloadProblem = null;
            LOG.info("{}: the certificate files changed; new connections get {} (serial {}); open ones keep theirs",
                    options.prefix(), current.certificate().getSubjectX500Principal().getName(),
                    current.certificate().getSerialNumber().toString(16));
        } catch (RuntimeException e) {
            // A file may be caught half-written; only files that stay broken across two checks are reported.
            if (stamps.equals(failedStamps) && !failureLogged) {
                failureLogged = true;
                reloadProblem = e.getMessage();
                LOG.error("{}: the changed TLS files cannot be used, so new connections keep the previous certificate: {}",
                        options.prefix(), e.getMessage());
            } else if (!stamps.equals(failedStamps)) {
                failureLogged = false;
            }
            failedStamps = stamps;
        }
    }

    /** Clients will refuse such a certificate; the broker serves it all the same, as RabbitMQ does. */
    private static void warnIfOutOfDate(TlsOptions o, java.security.cert.X509Certificate cert) {
        try {
            cert.checkValidity();
        } catch (java.security.cert.CertificateException e) {
            LOG.warn("{}.certfile ({}): the certificate {} is valid from {} to {} only; clients that check it will "
                            + "refuse it", o.prefix(), o.certfile(), cert.getSubjectX500Principal().getName(),
                    cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        }
    }

    private static Loaded load(TlsOptions o) {
        return load(o, stamps(o));
    }

    private static Loaded load(TlsOptions o, List<Object> stamps) {
        SslContext context = TlsContexts.build(o);
        java.security.cert.X509Certificate cert = PemFiles.certificates(o.prefix() + ".certfile", o.certfile()).get(0);
        return new Loaded(context, cert, stamps);
    }

    /**
     * A digest of each file's content ("missing" when it cannot be read): a renewal that keeps the
     * size and lands within the file system's timestamp granularity is still seen. The files are
     * a few kilobytes, read once a second.
     */
    private static List<Object> stamps(TlsOptions o) {
        List<Object> out = new ArrayList<>();
        for (Path f : new Path[] {o.cacertfile(), o.certfile(), o.keyfile()}) {
            if (f == null) {
                out.add("none");
                continue;
            }
            try {
                out.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            } catch (IOException e) {
                out.add("missing");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (checks != null) {
            checks.cancel(false);
        }
    }

    private record Loaded(SslContext context, java.security.cert.X509Certificate certificate, List<Object> stamps) {}
}

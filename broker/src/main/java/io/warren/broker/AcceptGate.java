package io.warren.broker;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps accepting AMQP connections from using up the process's file descriptors, on the listening
 * sockets' event loop (one thread for every listener).
 *
 * <p>Accepted sockets are counted, and at the socket limit accepting pauses (auto-read off on
 * every listener, so new clients wait in the kernel's backlog) until one closes; the limit leaves
 * file descriptors for the message store and the journal, so that clients can never take the
 * files they need. Its default is RabbitMQ's file handle cache rule: of the descriptor limit,
 * 103 are reserved, and sockets may have 90 % of the rest less 2 (832 sockets for 1,024).
 *
 * <p>Should accepting still fail for want of descriptors (EMFILE, or ENFILE for the whole
 * system), accepting pauses for a second at a time until it works again, instead of retrying at
 * once. Each episode of either kind is logged once when it begins and once when it ends; an
 * episode at the limit ends when fewer than 90 % of the limit are open, so that sockets closing
 * and being replaced one by one at the limit do not log a line each.
 */
@ChannelHandler.Sharable
final class AcceptGate extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptGate.class);
    /** RabbitMQ's RESERVED_FOR_OTHERS in file_handle_cache: 100, and 3 for Ra. */
    private static final int RESERVED_FOR_OTHERS = 103;
    private static final long RETRY_MS = 1000;

    private final int limit;
    private final AtomicInteger open = new AtomicInteger();
    private final List<Channel> listeners = new ArrayList<>();
    private boolean atLimit;
    // One episode at the limit may pause and resume many times, as each closing socket lets one
    // more in; it is logged when it begins and when the open sockets fall below resumeLogBelow.
    private final int episodeEndsBelow;
    private boolean limitEpisode;
    private long limitEpisodeSince;
    private int pausesInEpisode;
    private boolean outOfDescriptors;
    private boolean pausedAfterFailure;
    private long outOfDescriptorsSince;
    private int failedAccepts;
    private long lastFailedAccept;
    private boolean endCheckScheduled;

    AcceptGate(int maxSockets) {
        this.limit = maxSockets > 0 ? maxSockets : derivedLimit(fileDescriptorLimit());
        this.episodeEndsBelow = limit - Math.max(1, limit / 10);
    }

    /** RabbitMQ's sockets_limit for a descriptor limit ({@code ulimit -n}); no limit when it is unknown. */
    static int derivedLimit(long fileDescriptors) {
        if (fileDescriptors <= 0) {
            return Integer.MAX_VALUE;
        }
        long files = Math.max(2, fileDescriptors - RESERVED_FOR_OTHERS);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, (long) (files * 0.9 - 2)));
    }

    static long fileDescriptorLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u
                ? u.getMaxFileDescriptorCount() : -1;
    }

    int limit() { return limit; }

    int open() { return open.get(); }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        listeners.add(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel child) {
            if (outOfDescriptors) {
                scheduleEndCheck(ctx.channel().eventLoop());
            }
            int now = open.incrementAndGet();
            EventLoop loop = ctx.channel().eventLoop();
            child.closeFuture().addListener(f -> {
                open.decrementAndGet();
                loop.execute(this::maybeResume);
            });
            if (now >= limit && !atLimit) {
                atLimit = true;
                updateAutoRead();
                pausesInEpisode++;
                if (!limitEpisode) {
                    limitEpisode = true;
                    limitEpisodeSince = System.nanoTime();
                    pausesInEpisode = 1;
                    LOG.warn("{} AMQP sockets are open, the limit (ranch_connection_max, by default from the limit of {} "
                            + "file descriptors): accepting pauses whenever it is reached, until fewer than {} are open",
                            now, fileDescriptorLimit(), episodeEndsBelow);
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void maybeResume() {
        int now = open.get();
        if (atLimit && now < limit) {
            atLimit = false;
            updateAutoRead();
        }
        if (limitEpisode && now < episodeEndsBelow) {
            limitEpisode = false;
            LOG.info("accepting AMQP connections again: {} sockets open, the limit of {} was reached {} times in {} ms",
                    now, limit, pausesInEpisode, millisSince(limitEpisodeSince));
        }
    }

    /** Netty reports a failed accept here; a shortage of descriptors pauses, anything else is logged. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!isOutOfDescriptors(cause)) {
            LOG.warn("accepting an AMQP connection failed", cause);
            return;
        }
        failedAccepts = outOfDescriptors ? failedAccepts + 1 : 1;
        lastFailedAccept = System.nanoTime();
        if (!outOfDescriptors) {
            outOfDescriptors = true;
            outOfDescriptorsSince = System.nanoTime();
            LOG.warn("cannot accept AMQP connections: {} ({} of {} file descriptors open, {} of them AMQP sockets); "
                    + "trying again every {} ms", cause.getMessage(), openFileDescriptors(), fileDescriptorLimit(),
                    open.get(), RETRY_MS);
        }
        pauseAfterFailure(ctx.channel().eventLoop());
    }

    /**
     * A descriptor freed for a moment (a file closed, a socket gone) lets one accept through while
     * the next still fails: the episode ends only once accepting has gone on for a retry interval
     * without a failure, so that it is one episode, logged once, not one per freed descriptor.
     */
    private void scheduleEndCheck(EventLoop loop) {
        if (endCheckScheduled) {
            return;
        }
        endCheckScheduled = true;
        loop.schedule(() -> {
            endCheckScheduled = false;
            if (outOfDescriptors && millisSince(lastFailedAccept) >= RETRY_MS) {
                outOfDescriptors = false;
                LOG.info("accepting AMQP connections again: file descriptors were short for {} ms ({} accepts failed)",
                        TimeUnit.NANOSECONDS.toMillis(lastFailedAccept - outOfDescriptorsSince), failedAccepts);
            }
        }, RETRY_MS, TimeUnit.MILLISECONDS);
    }

    private void pauseAfterFailure(EventLoop loop) {
        if (pausedAfterFailure) {
            return;
        }
        pausedAfterFailure = true;
        updateAutoRead();
        loop.schedule(() -> {
            pausedAfterFailure = false;
            updateAutoRead();
        }, RETRY_MS, TimeUnit.MILLISECONDS);
    }

    private void updateAutoRead() {
        boolean read = !atLimit && !pausedAfterFailure;
        for (Channel listener : listeners) {
            if (listener.isOpen()) {
                listener.config().setAutoRead(read);
            }
        }
    }

    static boolean isOutOfDescriptors(Throwable t) {
        // EMFILE (this process) and ENFILE (the whole system); Netty's native transport and the JDK
        // both report them with strerror's words.
        return t instanceof IOException && t.getMessage() != null
                && t.getMessage().contains("Too many open files");
    }

    /** -1 when unknown, as when counting them needs the descriptor that is missing. */
    private static long openFileDescriptors() {
        try {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u
                    ? u.getOpenFileDescriptorCount() : -1;
        } catch (RuntimeException | InternalError e) {
            // The JDK counts them by listing /proc/self/fd, which needs a descriptor itself.
            return -1;
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}

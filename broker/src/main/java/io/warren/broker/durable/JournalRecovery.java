package io.warren.broker.durable;

import io.netty.buffer.Unpooled;
import io.warren.broker.durable.JournalFormat.Frame;
import io.warren.broker.durable.JournalScan.Damage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.List;

/**
 * What opening the journal found, and the rules for acting on it: a torn tail is cut (a crash
 * mid-append: INFO); damage in the middle costs only the damaged records, is logged at ERROR
 * with the file, offset, bytes skipped and records lost, and the damaged file is copied aside
 * before the snapshot replaces it; where no safe recovery exists (a non-empty journal with no
 * valid record, a record that checksums but does not decode, a format version this build does
 * not know, a missing journal beside an existing message store) the journal refuses to open,
 * naming the file and why.
 *
 * @param state   the durable state the valid records rebuild
 * @param scan    the records, damaged regions and torn tail found
 * @param copy    where the damaged file was copied, or null when nothing was damaged
 */
public record JournalRecovery(DurableTopology state, JournalScan scan, Path copy) {
    private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);
    /** The message store's directory beside the journal (see the server's storage layout). */
    static final String MESSAGE_STORE = "messages";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

    /** A journal that cannot be recovered without starting with silently less. */
    public static final class Unrecoverable extends IllegalStateException {
        Unrecoverable(Path file, String why) {
            this(file, why, "restore the file from a backup, or move it away to start this node blank (without any"
                    + " of its durable objects and users)");
        }

        Unrecoverable(Path file, String why, String advice) {
            super("topology journal " + file.toAbsolutePath() + " cannot be recovered safely: " + why
                    + ". Warren does not start with less than it promised: " + advice + ".");
        }
    }

    /** The setting that lets a broker start although damage may have cost a change to users or permissions. */
    public static final String ACCESS_DAMAGE_SETTING = "warren.topology_journal.access_damage";

    /** Damaged regions stepped over in the middle of the file (empty for a clean or merely torn file). */
    public List<Damage> damages() {
        return scan.damages();
    }

    /** Bytes cut at the end as a torn tail, 0 if none. */
    public int tornBytes() {
        return scan.tail() == null ? 0 : scan.tail().length();
    }

    /**
     * Reads {@code file} and applies the rules above; copies it aside when damaged.
     *
     * @param startOnAccessDamage start even when a damaged region may have held a change that
     *                            took access away (see {@link AccessLoss}); otherwise refuse
     */
    static JournalRecovery read(Path file, boolean startOnAccessDamage) throws IOException {
        Path store = file.resolveSibling(MESSAGE_STORE);
        if (!Files.exists(file) && Files.isDirectory(store)) {
            // A blank node would come up with the default user and none of the queues the store holds.
            throw new Unrecoverable(file, "it is missing, yet the data directory holds a message store (" + store
                    + "), so this is not a new node");
        }
        byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        JournalScan scan;
        try {
            scan = JournalScan.read(bytes, payload -> decode(payload) != null);
        } catch (JournalScan.UnknownVersion e) {
            throw new Unrecoverable(file, e.getMessage());
        }
        DurableTopology state = new DurableTopology();
        for (Frame f : scan.records()) {
            try {
                state.apply(TopologyCodec.read(Unpooled.wrappedBuffer(f.payload())));
            } catch (RuntimeException e) {
                throw new Unrecoverable(file, "the record at byte offset " + f.offset() + " has a valid checksum but"
                        + " cannot be read (" + e.getMessage() + "); it may come from a newer version of Warren");
            }
        }
        if (bytes.length > 0 && scan.records().isEmpty() && !scan.neverWritten(bytes)) {
            throw new Unrecoverable(file, "its " + bytes.length + " bytes hold no valid record");
        }
        // A journal written since users are journaled always records the node's set-up, and
        // damage may have hit just that record: whatever it holds, the default user is never
        // created again. (Version 1 journals from before users were journaled keep the old rule.)
        if (scan.version() == 2 && !scan.records().isEmpty() || scan.damaged()) {
            state.markInitialised();
        }
        List<String> accessLost = AccessLoss.of(bytes, scan);
        if (!accessLost.isEmpty() && !startOnAccessDamage) {
            throw new Unrecoverable(file, "the damage may have cost a change that took access away ("
                    + String.join("; ", accessLost) + "), and starting without it would give that access back",
                    "set " + ACCESS_DAMAGE_SETTING + " = start to start with every record that can be read (the file"
                    + " is kept aside), then check users and permissions; or restore the file from a backup");
        }
        if (!accessLost.isEmpty()) {
            LOG.error("topology journal {}: starting although the damage may have cost a change that took access away"
                    + " ({}), as {} = start asks: check users and permissions now", file.toAbsolutePath(),
                    String.join("; ", accessLost), ACCESS_DAMAGE_SETTING);
        }
        Path copy = scan.damaged() ? copyAside(file, bytes) : null;
        JournalRecovery recovery = new JournalRecovery(state, scan, copy);
        recovery.log(file);
        return recovery;
    }

    private void log(Path file) {
        for (Damage d : scan.damages()) {
            String lost = d.recordsLost() < 0 ? "an unknown number of records" : d.recordsLost() + " record(s)";
            String probably = probably(d);
            LOG.error("topology journal {}: damaged at byte offset {}: skipped {} bytes holding {}{}; recovery continued"
                            + " at byte offset {} and kept everything after it. The damaged file is kept as {}",
                    file.toAbsolutePath(), d.offset(), d.length(), lost, probably.isEmpty() ? "" : " (" + probably + ")",
                    d.offset() + d.length(), copy);
        }
        if (scan.damaged()) {
            LOG.error("topology journal {}: the durable objects, users, permissions, policies or parameters recorded in"
                    + " the damaged regions are lost or are back at an earlier state; check them (the lost records"
                    + " are named above where they could be read)", file.toAbsolutePath());
        }
        if (scan.tail() != null) {
            LOG.info("topology journal {}: cut {} bytes of an unfinished write at byte offset {} after {} records"
                            + " (a crash during an append; nothing in it had been confirmed)",
                    file.toAbsolutePath(), scan.tail().length(), scan.tail().offset(), scan.records().size());
        }
        if (scan.version() == 1) {
            LOG.info("topology journal {}: read {} records of format version 1; rewriting it in version {}",
                    file.toAbsolutePath(), scan.records().size(), JournalFormat.VERSION);
        }
    }

    private static String probably(Damage d) {
        if (d.probably() == null) {
            return "";
        }
        TopologyRecord r = decode(d.probably());
        return r == null ? "" : "probably " + describe(r);
    }

    static TopologyRecord decode(byte[] payload) {
        try {
            return TopologyCodec.read(Unpooled.wrappedBuffer(payload));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Names a record for the log, without secrets (a user's password hash stays out). */
    static String describe(TopologyRecord r) {
        String kind = r.getClass().getSimpleName();
        String in = r.vhost() == null ? "" : " in vhost '" + r.vhost() + "'";
        if (r instanceof TopologyRecord.UserPut u) {
            return kind + " of user '" + u.name() + "'";
        }
        if (r instanceof TopologyRecord.UserDeleted u) {
            return kind + " of user '" + u.name() + "'";
        }
        if (r instanceof TopologyRecord.ExchangeDeclared x) {
            return kind + " of exchange '" + x.name() + "'" + in;
        }
        if (r instanceof TopologyRecord.QueueDeclared q) {
            return kind + " of queue '" + q.name() + "'" + in;
        }
        return r.toString();
    }

    /** Keeps the damaged bytes beside the journal, on disk before the snapshot replaces the file. */
    private static Path copyAside(Path file, byte[] bytes) throws IOException {
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
        Path copy = file.resolveSibling(file.getFileName() + ".damaged-" + stamp);
        for (int i = 1; Files.exists(copy); i++) {
            copy = file.resolveSibling(file.getFileName() + ".damaged-" + stamp + "-" + i);
        }
        try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        return copy;
    }
}

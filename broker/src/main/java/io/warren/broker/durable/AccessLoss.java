package io.warren.broker.durable;

import io.warren.broker.durable.JournalScan.Damage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether the records a damaged region cost could bring back access that was taken away.
 *
 * <p>A snapshot (a file's first write) holds only what is live, so losing one of its users,
 * permissions or vhosts takes access away, never gives it: except a topic permission, which
 * restricts. After the snapshot, a lost user deletion, permission change or clearance, vhost
 * deletion, user change (a new password, fewer tags) or topic permission brings the earlier state
 * back. Which record a region held is read from the frame headers in it, unchecked; where that
 * cannot be told, the region counts as a possible loss of access.
 */
final class AccessLoss {
    private static final Set<Integer> AFTER_SNAPSHOT = Set.of(TopologyCodec.VHOST_DELETED, TopologyCodec.USER_PUT,
            TopologyCodec.USER_DELETED, TopologyCodec.PERMISSION_SET, TopologyCodec.PERMISSION_CLEARED,
            TopologyCodec.TOPIC_PERMISSION_SET);
    private static final Set<Integer> IN_SNAPSHOT = Set.of(TopologyCodec.TOPIC_PERMISSION_SET);
    private static final int MAX_TYPE = TopologyCodec.POLICY_DELETED;

    private AccessLoss() {}

    /** For each damaged region that may have cost access that was taken away, why; empty when none did. */
    static List<String> of(byte[] file, JournalScan scan) {
        List<String> out = new ArrayList<>();
        for (Damage d : scan.damages()) {
            if (d.recordsLost() == 0) {
                continue;
            }
            boolean appended = scan.snapshotRecords() < 0 || d.firstLost() < 0
                    || d.firstLost() + d.recordsLost() - 1 > scan.snapshotRecords();
            boolean inSnapshot = scan.snapshotRecords() < 0 || d.firstLost() < 0
                    || d.firstLost() <= scan.snapshotRecords();
            List<Integer> types = lostTypes(file, d);
            if (types == null) {
                out.add("byte offset " + d.offset() + ": " + (d.recordsLost() < 0 ? "records" : d.recordsLost()
                        + " record(s)") + " of unknown kind");
                continue;
            }
            for (int type : types) {
                if (appended && AFTER_SNAPSHOT.contains(type) || inSnapshot && IN_SNAPSHOT.contains(type)) {
                    out.add("byte offset " + d.offset() + ": a record of type " + type + " (" + kind(type) + ")");
                }
            }
        }
        return out;
    }

    private static String kind(int type) {
        return switch (type) {
            case TopologyCodec.VHOST_DELETED -> "a vhost deletion";
            case TopologyCodec.USER_PUT -> "a user's creation or change";
            case TopologyCodec.USER_DELETED -> "a user's deletion";
            case TopologyCodec.PERMISSION_SET -> "a permission set or changed";
            case TopologyCodec.PERMISSION_CLEARED -> "a permission cleared";
            default -> "a topic permission";
        };
    }

    /**
     * The record types the region held, as far as its frame headers tell; null when they do not.
     * A frame of one byte whose byte is no type is a marker or a NodeInitialised (the only
     * one-byte record): neither matters here.
     */
    static List<Integer> lostTypes(byte[] file, Damage d) {
        if (d.recordsLost() < 0) {
            return null;
        }
        int end = d.offset() + d.length();
        List<Integer> types = new ArrayList<>();
        int oneByte = 0;
        int pos = d.offset();
        while (pos < end) {
            byte[] p = JournalFormat.unchecked(file, pos);
            if (p == null || pos + JournalFormat.FRAME_HEADER + p.length > end) {
                // A damaged frame header: if one record is still to be accounted for, its type
                // byte is the first byte after where the header should end.
                int first = pos + JournalFormat.FRAME_HEADER;
                if (types.size() + 1 == d.recordsLost() && first < end && known(file[first] & 0xff)) {
                    types.add(file[first] & 0xff);
                    pos = end;
                }
                break;
            }
            int type = p[0] & 0xff;
            if (p.length == 1 && !known(type)) {
                oneByte++;
            } else if (type != JournalFormat.END_OF_WRITE) {
                types.add(type);
            }
            pos += JournalFormat.FRAME_HEADER + p.length;
        }
        boolean accounted = types.size() <= d.recordsLost() && d.recordsLost() <= types.size() + oneByte;
        return pos >= end && accounted && types.stream().allMatch(AccessLoss::known) ? types : null;
    }

    private static boolean known(int type) {
        return type >= 1 && type <= MAX_TYPE;
    }
}

package io.warren.broker.durable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.warren.broker.durable.JournalFormat.Frame;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal reader against random journals and random damage: what it recovers is exactly the
 * original minus the records whose bytes changed, damage followed by anything valid is reported
 * as damage with the right count of lost records, and a file cut short is only ever a torn tail.
 */
class JournalScanPropertiesTest {

    /** A journal built as the writer builds it: the header, then writes of records, each ending with its marker. */
    record Journal(byte[] bytes, List<int[]> frames, List<String> names) {
        /** {start, end, record index or -1 for a marker} for every frame. */
        static Journal of(List<List<String>> writes) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(JournalFormat.fileHeader(writes.get(0).size()));
            List<int[]> frames = new ArrayList<>();
            List<String> names = new ArrayList<>();
            long seq = 1;
            for (List<String> write : writes) {
                List<byte[]> payloads = new ArrayList<>();
                for (String name : write) {
                    payloads.add(payload(new TopologyRecord.QueueDeclared("/", name, false, Map.of())));
                }
                ByteBuffer b = JournalFormat.write(payloads, seq);
                int base = out.size();
                int at = 0;
                for (int i = 0; i < payloads.size(); i++) {
                    int size = JournalFormat.frameSize(payloads.get(i));
                    frames.add(new int[] {base + at, base + at + size, names.size()});
                    names.add(write.get(i));
                    at += size;
                }
                frames.add(new int[] {base + at, base + at + JournalFormat.FRAME_HEADER + 1, -1});
                out.write(b.array(), 0, b.limit());
                seq += payloads.size();
            }
            return new Journal(out.toByteArray(), frames, names);
        }
    }

    static byte[] payload(TopologyRecord r) {
        ByteBuf buf = Unpooled.buffer();
        try {
            TopologyCodec.write(buf, r);
            byte[] b = new byte[buf.readableBytes()];
            buf.readBytes(b);
            return b;
        } finally {
            buf.release();
        }
    }

    static List<String> names(JournalScan scan) {
        List<String> out = new ArrayList<>();
        for (Frame f : scan.records()) {
            out.add(((TopologyRecord.QueueDeclared) JournalRecovery.decode(f.payload())).name());
        }
        return out;
    }

    static JournalScan scan(byte[] bytes) {
        return JournalScan.read(bytes, p -> JournalRecovery.decode(p) != null);
    }

    @Provide
    Arbitrary<List<List<String>>> writes() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(40);
        return name.list().ofMinSize(1).ofMaxSize(6).list().ofMinSize(1).ofMaxSize(12)
                .filter(ws -> ws.stream().mapToInt(List::size).sum() > 0);
    }

    @Property(tries = 300)
    void aCutFileIsATornTailAndKeepsEveryWholeRecordBeforeTheCut(@ForAll("writes") List<List<String>> writes,
                                                                  @ForAll @IntRange(min = 0, max = 1_000_000) int at) {
        Journal j = Journal.of(writes);
        int cut = JournalFormat.FILE_HEADER + at % (j.bytes().length - JournalFormat.FILE_HEADER + 1);
        JournalScan scan = scan(Arrays.copyOf(j.bytes(), cut));
        List<String> kept = new ArrayList<>();
        int lastEnd = JournalFormat.FILE_HEADER;
        for (int[] f : j.frames()) {
            if (f[1] <= cut) {
                lastEnd = f[1];
                if (f[2] >= 0) {
                    kept.add(j.names().get(f[2]));
                }
            }
        }
        assertEquals(kept, names(scan));
        assertFalse(scan.damaged(), "a cut is never damage in the middle");
        if (lastEnd == cut) {
            assertNull(scan.tail());
        } else {
            assertEquals(cut - lastEnd, scan.tail().length());
        }
    }

    @Provide
    Arbitrary<int[]> damage() {
        // {offset seed, length, xor value}: a flipped byte when the length is 1, a garbled range otherwise
        return Combinators.combine(Arbitraries.integers().between(0, 1_000_000),
                Arbitraries.integers().between(1, 80).edgeCases(c -> c.add(1)),
                Arbitraries.integers().between(1, 255)).as((o, l, x) -> new int[] {o, l, x});
    }

    @Property(tries = 1000)
    void damageCostsExactlyTheRecordsItTouched(@ForAll("writes") List<List<String>> writes,
                                               @ForAll("damage") int[] damage, @ForAll boolean zero) {
        Journal j = Journal.of(writes);
        byte[] bytes = j.bytes().clone();
        int body = bytes.length - JournalFormat.FILE_HEADER;
        int from = JournalFormat.FILE_HEADER + damage[0] % body;
        int to = Math.min(bytes.length, from + damage[1]);
        for (int i = from; i < to; i++) {
            bytes[i] = zero ? 0 : (byte) (bytes[i] ^ damage[2]);
        }
        List<int[]> hit = new ArrayList<>();
        for (int[] f : j.frames()) {
            if (!Arrays.equals(bytes, f[0], f[1], j.bytes(), f[0], f[1])) {
                hit.add(f);
            }
        }
        JournalScan scan = scan(bytes);
        if (hit.isEmpty()) { // zeroing bytes that were zero already
            assertEquals(j.names(), names(scan));
            assertFalse(scan.damaged());
            assertNull(scan.tail());
            return;
        }
        int[] last = j.frames().get(j.frames().size() - 1);
        boolean reachesTheEnd = hit.get(hit.size() - 1) == last;
        List<String> expected = new ArrayList<>();
        long lost = 0;
        for (int[] f : j.frames()) {
            boolean isHit = hit.contains(f);
            boolean gone = isHit || reachesTheEnd && f[0] >= hit.get(0)[0];
            if (f[2] >= 0) {
                if (gone) {
                    lost += isHit ? 1 : 0;
                } else {
                    expected.add(j.names().get(f[2]));
                }
            }
        }
        assertEquals(expected, names(scan), "recovered = original minus the damaged records");
        if (reachesTheEnd) {
            assertFalse(scan.damaged(), "nothing valid after it: a torn tail");
            assertNotNull(scan.tail());
            assertEquals(hit.get(0)[0], scan.tail().offset());
        } else {
            assertEquals(1, scan.damages().size());
            JournalScan.Damage d = scan.damages().get(0);
            assertEquals(hit.get(0)[0], d.offset());
            assertEquals(hit.get(hit.size() - 1)[1], d.offset() + d.length());
            assertEquals(lost, d.recordsLost());
            assertNull(scan.tail());
        }
    }

    @Property(tries = 200)
    void formatVersionOneIsStillRead(@ForAll("writes") List<List<String>> writes,
                                     @ForAll @IntRange(min = 0, max = 1_000_000) int at) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> names = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        for (List<String> write : writes) {
            for (String name : write) {
                byte[] p = payload(new TopologyRecord.QueueDeclared("/", name, false, Map.of()));
                java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                crc.update(p);
                out.writeBytes(ByteBuffer.allocate(8).putInt(p.length).putInt((int) crc.getValue()).array());
                out.writeBytes(p);
                names.add(name);
                ends.add(out.size());
            }
        }
        byte[] whole = out.toByteArray();
        JournalScan scan = scan(whole);
        assertEquals(1, scan.version());
        assertEquals(names, names(scan));
        int cut = at % (whole.length + 1);
        long whole_records = ends.stream().filter(e -> e <= cut).count();
        JournalScan torn = scan(Arrays.copyOf(whole, cut));
        assertEquals(names.subList(0, (int) whole_records), names(torn));
        assertFalse(torn.damaged());
        assertTrue(cut == 0 || whole_records == 0 || torn.tail() == null
                || torn.tail().offset() == ends.get((int) whole_records - 1));
    }
}

package io.warren.queue.store;

/**
 * Where one stored message lives in its queue's log: the segment file, the message's ordinal
 * among the records of that segment, and the byte range of its record. Positions of one log
 * order the same way as the appends that produced them.
 *
 * @param segment  the segment number, increasing with every new segment of the log
 * @param ordinal  the record's index among the sound records of its segment, from 0. Recovery
 *                 skips damaged records, so ack files name a record by its offset instead
 * @param offset   the byte offset of the record inside the segment file
 * @param length   the record's size on disk, frame included
 */
public record SegmentPosition(int segment, int ordinal, int offset, int length)
        implements Comparable<SegmentPosition> {

    @Override
    public int compareTo(SegmentPosition other) {
        int bySegment = Integer.compare(segment, other.segment);
        return bySegment != 0 ? bySegment : Integer.compare(ordinal, other.ordinal);
    }
}

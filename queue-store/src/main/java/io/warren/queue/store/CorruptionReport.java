package io.warren.queue.store;

/**
 * Bytes of a segment that recovery could not use and skipped.
 *
 * @param segment       the segment number
 * @param offset        where the first bad record starts
 * @param droppedBytes  how many bytes from there to the end of the file were not recovered
 * @param tornTail      true for the end of the newest segment, the usual trace of a crash during
 *                      a write (the bytes were cut off the file); false for damage in an older
 *                      segment, whose file is left as it is and whose later segments are recovered
 * @param reason        what was wrong with the record
 */
public record CorruptionReport(int segment, long offset, long droppedBytes, boolean tornTail, String reason) {
}

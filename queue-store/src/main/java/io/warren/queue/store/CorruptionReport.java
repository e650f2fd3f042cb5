package io.warren.queue.store;

import java.nio.file.Path;

/**
 * Bytes of a queue's files that recovery could not use.
 *
 * @param segment         the segment number the file belongs to (segment or ack file)
 * @param file            the damaged file
 * @param offset          where the bad bytes start
 * @param droppedBytes    how many bytes were skipped; -1 for a segment file that is missing
 * @param droppedRecords  how many message records they held: exact when the frames of the bad
 *                        bytes still add up, else -1 (at least one). Always 0 for an ack file,
 *                        whose bad entries lose nothing: their messages come back redelivered
 * @param sequenceBefore  the queue sequence of the sound record before the bad bytes, or -1
 * @param sequenceAfter   the queue sequence of the sound record after them, or -1 if none follows;
 *                        the lost messages' sequences lie strictly between the two
 * @param tornTail        true for bytes a crash leaves at the end of the newest segment (an
 *                        incomplete record or zeros, nothing sound after them): cut off, logged
 *                        at INFO. False for damage, logged at ERROR with a copy of the file kept
 * @param reason          what was wrong
 * @param copy            where the damaged file was copied before recovery changed anything, or null
 */
public record CorruptionReport(int segment, Path file, long offset, long droppedBytes, int droppedRecords,
                               long sequenceBefore, long sequenceAfter, boolean tornTail, String reason, Path copy) {
}

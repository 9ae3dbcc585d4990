package io.contactsync.eventlog;

import java.util.TreeSet;

/**
 * The offsets of one partition taken and not yet recorded. Lanes finish records out of order (different contacts),
 * so the offset that may be committed is the oldest one still unfinished: nothing before it is lost on a restart.
 */
final class PartitionProgress {

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long next = -1;
    private long committed = -1;

    synchronized void taken(long offset) {
        unfinished.add(offset);
        next = Math.max(next, offset + 1);
    }

    synchronized void finished(long offset) {
        unfinished.remove(offset);
    }

    /** Forgets offsets taken but handed to nobody (the partition is read again from {@code offset}). */
    synchronized void rewind(long offset) {
        unfinished.tailSet(offset, true).clear();
        next = unfinished.isEmpty() ? offset : Math.max(offset, unfinished.last() + 1);
    }

    synchronized boolean idle() {
        return unfinished.isEmpty();
    }

    synchronized int unfinishedCount() {
        return unfinished.size();
    }

    /** The offset to commit when it moved since the last commit, else -1. */
    synchronized long toCommit() {
        long position = unfinished.isEmpty() ? next : unfinished.first();
        return position > committed ? position : -1;
    }

    synchronized void committed(long offset) {
        committed = Math.max(committed, offset);
    }
}

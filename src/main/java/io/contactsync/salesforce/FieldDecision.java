package io.contactsync.salesforce;

/**
 * What a field rule decided for one field: {@code SET} writes {@code value} to {@code side}, {@code CLEAR} empties it
 * there, {@code KEEP} writes nothing. The reason goes into the run.
 */
public record FieldDecision(Write write, SyncSide side, String value, String reason) {

    public enum Write {
        SET, CLEAR, KEEP
    }

    static FieldDecision set(SyncSide side, String value, String reason) {
        return new FieldDecision(Write.SET, side, value.trim(), reason);
    }

    static FieldDecision clear(SyncSide side, String reason) {
        return new FieldDecision(Write.CLEAR, side, null, reason);
    }

    static FieldDecision keep(SyncSide side, String reason) {
        return new FieldDecision(Write.KEEP, side, null, reason);
    }

    public boolean writes() {
        return write != Write.KEEP;
    }
}

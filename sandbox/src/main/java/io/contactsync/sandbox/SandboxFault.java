package io.contactsync.sandbox;

/**
 * A fault the sandbox serves instead of a normal answer to the next {@code count} matching API requests.
 *
 * @param status            HTTP status to answer with (429, 5xx, ...); 0 = answer normally, only late
 * @param count             how many matching requests get the fault
 * @param retryAfterSeconds value of the {@code Retry-After} header on 429 answers
 * @param delayMillis       how long to hold the answer back (0 = answer at once)
 * @param pathContains      only requests whose vendor-relative path contains this text; {@code null} = any request
 */
public record SandboxFault(int status, int count, int retryAfterSeconds, long delayMillis, String pathContains) {

    public SandboxFault {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        if (status != 0 && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("status must be 0 or an HTTP error status (4xx/5xx)");
        }
        if (status == 0 && delayMillis <= 0) {
            throw new IllegalArgumentException("status 0 (answer normally) needs a delayMillis above 0");
        }
        if (retryAfterSeconds < 0 || delayMillis < 0) {
            throw new IllegalArgumentException("retryAfterSeconds and delayMillis cannot be negative");
        }
    }

    /** Whether the fault answers with an error status, rather than only delaying a normal answer. */
    public boolean replacesAnswer() {
        return status != 0;
    }

    boolean appliesTo(String path) {
        return pathContains == null || path.contains(pathContains);
    }
}

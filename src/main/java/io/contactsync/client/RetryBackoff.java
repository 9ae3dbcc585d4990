package io.contactsync.client;

/** The wait between two attempts of a failed vendor call: doubling from vendor.retry.initial-backoff up to max-backoff. */
public final class RetryBackoff {

    private RetryBackoff() {
    }

    /** Sleeps before the attempt that follows the given number of failures. */
    public static void sleepAfter(int failures, ClientConfig.Retry retry) {
        long millis = Math.min(retry.initialBackoff().toMillis() << Math.min(failures - 1, 16),
                retry.maxBackoff().toMillis());
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorUnavailableException("interrupted during back-off", e);
        }
    }

    /** A failure as a log or run reason: its type and message. */
    public static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}

package io.contactsync.client;

/** Counts the vendor calls made for the sync run executing on the current thread. */
public final class VendorCallCounter {

    private static final ThreadLocal<int[]> CALLS = ThreadLocal.withInitial(() -> new int[1]);

    private VendorCallCounter() {
    }

    public static void reset() {
        CALLS.get()[0] = 0;
    }

    public static void increment() {
        CALLS.get()[0]++;
    }

    public static int count() {
        return CALLS.get()[0];
    }
}

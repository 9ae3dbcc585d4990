package io.contactsync.client;

/** The vendor refused the request (4xx other than 429); retrying the same request will not help. */
public class VendorRejectedException extends RuntimeException {

    private final int status;

    public VendorRejectedException(String vendor, String operation, int status, String body) {
        super(vendor + " " + operation + " rejected with HTTP " + status + ": " + abbreviate(body));
        this.status = status;
    }

    public int status() {
        return status;
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 500 ? body : body.substring(0, 500) + "...";
    }
}

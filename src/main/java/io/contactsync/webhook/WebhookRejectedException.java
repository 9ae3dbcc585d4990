package io.contactsync.webhook;

/** A webhook request that is refused: the sender gets {@code status} and the message; nothing is stored. */
public class WebhookRejectedException extends RuntimeException {

    private final int status;

    public WebhookRejectedException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static WebhookRejectedException badRequest(String message) {
        return new WebhookRejectedException(400, message);
    }

    public static WebhookRejectedException unauthorized(String message) {
        return new WebhookRejectedException(401, message);
    }
}

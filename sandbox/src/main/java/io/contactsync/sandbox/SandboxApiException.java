package io.contactsync.sandbox;

/** A simulated API's error answer, in the vendor's own error shape. */
public abstract class SandboxApiException extends RuntimeException {

    private final int status;

    protected SandboxApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The JSON body the vendor sends with this error. */
    public abstract Object body();

    public SandboxResponse toResponse() {
        return SandboxResponse.json(status, body());
    }
}

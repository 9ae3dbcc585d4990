package io.contactsync.client;

import java.net.http.HttpHeaders;

/** A vendor's answer that is not a retryable failure: 2xx, or a 4xx the caller decides about. */
public record VendorResponse(int status, String body, HttpHeaders headers) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}

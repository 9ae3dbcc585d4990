package io.contactsync.client.respondio;

import io.contactsync.client.VendorRejectedException;

/**
 * respond.io's {@code 409 {"code":409,"message":"Contact already exists"}}: an email or phone in the written fields
 * is an identifier of another contact (vendor-apis.md section 2; the sandbox's RespondioContactStore answers so).
 */
public class RespondioIdentifierTakenException extends VendorRejectedException {

    static final int STATUS = 409;

    public RespondioIdentifierTakenException(String operation, String body) {
        super("respondio", operation, STATUS, body);
    }
}

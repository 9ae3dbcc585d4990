package io.contactsync.client.brevo;

import java.util.List;

import io.contactsync.client.VendorRejectedException;

/** Brevo's {@code duplicate_parameter}: an identifier (email, SMS, ext_id) already belongs to another contact. */
public class BrevoDuplicateException extends VendorRejectedException {

    private final List<String> identifiers;

    public BrevoDuplicateException(String operation, String body, List<String> identifiers) {
        super("brevo", operation, 400, body);
        this.identifiers = identifiers;
    }

    /** The identifiers Brevo named, upper-cased (e.g. EMAIL, SMS); empty when it named none. */
    public List<String> identifiers() {
        return identifiers;
    }
}

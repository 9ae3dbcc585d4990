package io.contactsync.brevo;

import java.util.Optional;

/**
 * Brevo's SMS attribute: international format with the country code, 6 to 16 digits (R4.9).
 * {@code 0044…} becomes {@code +44…}; a number without either prefix is taken to include its country code.
 */
public final class SmsNumber {

    public static final int MIN_DIGITS = 6;
    public static final int MAX_DIGITS = 16;

    private SmsNumber() {
    }

    /** The number as Brevo wants it, or empty when it does not have 6 to 16 digits. */
    public static Optional<String> international(String raw) {
        String digits = raw.replaceAll("[^0-9]", "");
        if (raw.trim().startsWith("00") && !raw.trim().startsWith("+")) {
            digits = digits.substring(2);
        }
        if (digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS) {
            return Optional.empty();
        }
        return Optional.of("+" + digits);
    }

    public static String problem(String raw) {
        return "phone has " + raw.replaceAll("[^0-9]", "").length() + " digits; Brevo's SMS attribute needs "
                + MIN_DIGITS + " to " + MAX_DIGITS + " (R4.9): the contact was not written";
    }
}

package io.contactsync.webhook;

import java.util.Locale;
import java.util.regex.Pattern;

/** Identity normalisation shared by triggers and routes: emails trimmed and lower-cased, phones as E.164. */
public final class ContactIdentity {

    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()\\-.]{6,24}$");

    private ContactIdentity() {
    }

    /** The normalised email, or null when there is none. */
    public static String email(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return raw.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isValidEmail(String normalised) {
        return normalised != null && EmailAddress.problem(normalised) == null;
    }

    public static boolean isPlausiblePhone(String raw) {
        return raw != null && PHONE.matcher(raw.trim()).matches();
    }

    /** Digits with a leading +, as E.164 writes them; null when there is none. */
    public static String phone(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String trimmed = raw.trim();
        String digits = trimmed.replaceAll("[^0-9]", "");
        if (trimmed.startsWith("00")) {
            digits = digits.substring(2);
        }
        return digits.isEmpty() ? null : "+" + digits;
    }
}

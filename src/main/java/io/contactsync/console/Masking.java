package io.contactsync.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Emails and phone numbers as the console shows them until an operator reveals them: {@code a***@example.com},
 * {@code +44*******56}. In free text (a run's reason, a vendor's error) every email and every international number
 * ({@code +} and at least 6 digits) is masked; vendor ids, which are plain digits, stay readable.
 */
public final class Masking {

    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>\"'(),;:\\[\\]]+@[^\\s@<>\"'(),;:\\[\\]]+");
    private static final Pattern PHONE = Pattern.compile("\\+\\d[\\d ()-]{4,}\\d");

    private Masking() {
    }

    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }

    public static String phone(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        return "+" + digits.substring(0, Math.min(2, digits.length())) + "*".repeat(Math.max(0, digits.length() - 4))
                + digits.substring(Math.max(2, digits.length() - 2));
    }

    /** A row of the admin API (a run, a merge candidate, a dead letter) with its email, reason and error masked. */
    public static Map<String, Object> row(Map<String, Object> row) {
        Map<String, Object> masked = new LinkedHashMap<>(row);
        masked.computeIfPresent("email", (k, v) -> email(v.toString()));
        masked.computeIfPresent("reason", (k, v) -> text(v.toString()));
        masked.computeIfPresent("error", (k, v) -> text(v.toString()));
        return masked;
    }

    /** The text with every email and international phone number masked. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        String masked = text.indexOf('@') < 0 ? text : replace(EMAIL.matcher(text), Masking::email);
        return replace(PHONE.matcher(masked), Masking::phone);
    }

    private static String replace(Matcher m, UnaryOperator<String> mask) {
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(mask.apply(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}

package io.contactsync.webhook;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Whether a normalised email address ({@link ContactIdentity#email}) can be synced, and if not why. Internationalised
 * addresses are valid when each label (between dots and the '@') is written in one script; RFC 5321 lengths are
 * counted in UTF-8 octets, as RFC 6531 mail systems count them.
 */
final class EmailAddress {

    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_OCTETS = 254;
    private static final int MAX_LOCAL_PART_OCTETS = 64;

    private EmailAddress() {
    }

    /** Why the address is refused ("its local part is longer than 64 octets"), or null when it is fine. */
    static String problem(String email) {
        if (octets(email) > MAX_OCTETS) {
            return "it is longer than " + MAX_OCTETS + " octets";
        }
        if (!SHAPE.matcher(email).matches()) {
            return "it is not shaped local@domain.tld";
        }
        if (octets(email.substring(0, email.indexOf('@'))) > MAX_LOCAL_PART_OCTETS) {
            return "its local part is longer than " + MAX_LOCAL_PART_OCTETS + " octets";
        }
        int hidden = email.codePoints().filter(EmailAddress::isInvisible).findFirst().orElse(-1);
        if (hidden >= 0) {
            return "it contains the invisible character " + JsonContent.codePoint(hidden);
        }
        for (String label : email.split("[.@]")) {
            String scripts = UnicodeScripts.mixed(label);
            if (scripts != null) {
                return "'" + label + "' mixes " + scripts + " (a look-alike of another address)";
            }
        }
        return null;
    }

    /** Spaces, line separators, controls and format characters (zero-width space, bidi overrides, soft hyphen). */
    private static boolean isInvisible(int c) {
        return switch (Character.getType(c)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.CONTROL,
                    Character.FORMAT -> true;
            default -> false;
        };
    }

    private static int octets(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}

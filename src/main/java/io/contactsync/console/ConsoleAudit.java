package io.contactsync.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.jboss.logging.Logger;

/**
 * What operators did in the console, one INFO line each on the category {@code io.contactsync.console.audit}: who
 * (the name given at sign-in) and what. Contact data never goes in: a contact is named by a hash of its key.
 */
public final class ConsoleAudit {

    private static final Logger LOG = Logger.getLogger("io.contactsync.console.audit");

    private ConsoleAudit() {
    }

    public static void log(ConsoleSession session, String action) {
        LOG.infof("console: operator '%s' (session %s) %s", session.operator(), hash(session.id()), action);
    }

    /** The first 16 hex digits of the SHA-256 of the lower-cased key: the same contact always hashes the same. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(key.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

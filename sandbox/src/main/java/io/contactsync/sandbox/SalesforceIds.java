package io.contactsync.sandbox;

import java.util.Optional;

/**
 * Salesforce record ids: 15 case-sensitive characters (a 3-character key prefix naming the object, e.g. {@code 00Q}
 * Lead, then instance and record characters), and the 18-character form the API answers with, whose 3 extra
 * characters encode which of the 15 letters are upper case so the id survives case-insensitive handling.
 * The API accepts both forms; it always answers with 18 characters.
 */
final class SalesforceIds {

    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** The simulated org's "instance" characters after the key prefix. */
    private static final String INSTANCE = "8d";

    private SalesforceIds() {
    }

    /** The {@code n}th id (n >= 1) of an object with this key prefix, in 18-character form. */
    static String generate(String keyPrefix, long n) {
        if (keyPrefix.length() != 3 || n < 1) {
            throw new IllegalArgumentException("key prefix of 3 characters and n >= 1 needed");
        }
        StringBuilder digits = new StringBuilder();
        long rest = n;
        while (rest > 0) {
            digits.insert(0, BASE62.charAt((int) (rest % 62)));
            rest /= 62;
        }
        if (digits.length() > 10) {
            throw new IllegalArgumentException("id space exhausted");
        }
        StringBuilder id15 = new StringBuilder(keyPrefix).append(INSTANCE);
        id15.append("0".repeat(10 - digits.length())).append(digits);
        return to18(id15.toString());
    }

    /** Adds the 3-character case suffix to a 15-character id. */
    static String to18(String id15) {
        if (id15.length() != 15) {
            throw new IllegalArgumentException("a 15-character id is needed: " + id15);
        }
        StringBuilder suffix = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int flags = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    flags |= 1 << i;
                }
            }
            suffix.append(SUFFIX_ALPHABET.charAt(flags));
        }
        return id15 + suffix;
    }

    /**
     * The 18-character form of an id as a client may send it: 15 characters (case-sensitive) or 18 (any case: the
     * suffix restores the case of the first 15, as Salesforce does). Empty when it is no well-formed id.
     */
    static Optional<String> normalize(String raw) {
        if (raw == null || !(raw.length() == 15 || raw.length() == 18) || !raw.chars().allMatch(SalesforceIds::isAlnum)) {
            return Optional.empty();
        }
        if (raw.length() == 15) {
            return Optional.of(to18(raw));
        }
        String suffix = raw.substring(15).toUpperCase();
        StringBuilder id15 = new StringBuilder(15);
        for (int chunk = 0; chunk < 3; chunk++) {
            int flags = SUFFIX_ALPHABET.indexOf(suffix.charAt(chunk));
            if (flags < 0) {
                return Optional.empty();
            }
            for (int i = 0; i < 5; i++) {
                char c = raw.charAt(chunk * 5 + i);
                boolean upper = (flags & (1 << i)) != 0;
                if (Character.isLetter(c)) {
                    id15.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                } else if (upper) {
                    return Optional.empty();
                } else {
                    id15.append(c);
                }
            }
        }
        return Optional.of(to18(id15.toString()));
    }

    /** The key prefix of a well-formed id, e.g. {@code 00Q}. */
    static String keyPrefix(String id18) {
        return id18.substring(0, 3);
    }

    private static boolean isAlnum(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}

package io.contactsync.console;

import java.time.Instant;

/**
 * A signed-in operator: the session id, the name given at sign-in (for the audit log), when the session ends, and
 * the session's CSRF token (null when the request came with the bearer token, which a browser never sends by itself).
 */
public record ConsoleSession(String id, String operator, Instant expires, String csrf) {

    public boolean bearer() {
        return csrf == null;
    }
}

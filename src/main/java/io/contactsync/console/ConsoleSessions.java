package io.contactsync.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.contactsync.admin.AdminConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Console sign-in without server-side state: the session cookie is {@code id.expires.operator.signature}, signed
 * with a key derived from {@code admin.token} (HMAC-SHA256), so it holds on every replica and across restarts, and
 * changing the token ends every session. The CSRF token of a session is derived from its id with the same key.
 */
@ApplicationScoped
public class ConsoleSessions {

    public static final String COOKIE = "contactsync_console";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    private static final int MAX_OPERATOR_LENGTH = 60;

    @Inject
    AdminConfig admin;

    @Inject
    ConsoleConfig config;

    private final SecureRandom random = new SecureRandom();

    /** The admin token, when one is configured: without it nobody signs in. */
    public Optional<String> token() {
        return admin.token().filter(t -> !t.isBlank());
    }

    /** True when {@code presented} is the admin token (compared in constant time). */
    public boolean isAdminToken(String presented) {
        return presented != null && token().map(t -> MessageDigest.isEqual(t.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8))).orElse(false);
    }

    /** A new session for the operator; its cookie value is {@link #cookieValue}. */
    public ConsoleSession open(String operator) {
        byte[] id = new byte[18];
        random.nextBytes(id);
        String sessionId = B64.encodeToString(id);
        return session(sessionId, cleanOperator(operator), Instant.now().plus(config.sessionTimeout()));
    }

    public String cookieValue(ConsoleSession session) {
        String unsigned = session.id() + "." + session.expires().getEpochSecond() + "."
                + B64.encodeToString(session.operator().getBytes(StandardCharsets.UTF_8));
        return unsigned + "." + sign("session|" + unsigned);
    }

    /** The session a cookie value stands for, when it is signed with the current key and not expired. */
    public Optional<ConsoleSession> fromCookie(String value) {
        if (value == null || token().isEmpty()) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        String unsigned = parts[0] + "." + parts[1] + "." + parts[2];
        if (!MessageDigest.isEqual(sign("session|" + unsigned).getBytes(StandardCharsets.US_ASCII),
                parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            if (expires.isBefore(Instant.now())) {
                return Optional.empty();
            }
            return Optional.of(session(parts[0], new String(B64_DECODER.decode(parts[2]), StandardCharsets.UTF_8),
                    expires));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A request that carries {@code Authorization: Bearer <admin.token>} (scripts, curl): no cookie, no CSRF. */
    public ConsoleSession bearer() {
        return new ConsoleSession("bearer", "bearer-token", Instant.now().plus(config.sessionTimeout()), null);
    }

    /** True when {@code presented} is the session's CSRF token (compared in constant time). */
    public static boolean csrfMatches(ConsoleSession session, String presented) {
        return session.csrf() != null && presented != null && MessageDigest.isEqual(
                session.csrf().getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    private ConsoleSession session(String id, String operator, Instant expires) {
        return new ConsoleSession(id, operator, expires, sign("csrf|" + id));
    }

    private String sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signing key: derived from admin.token, so the token itself never signs anything a browser holds. */
    private byte[] key() throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(token().orElseThrow().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal("contact-sync console sessions".getBytes(StandardCharsets.UTF_8));
    }

    /** The name for the audit log: printable characters only, at most 60, "operator" when none was given. */
    private static String cleanOperator(String operator) {
        String clean = operator == null ? "" : operator.replaceAll("[^\\p{L}\\p{N} ._@-]", "").trim();
        if (clean.length() > MAX_OPERATOR_LENGTH) {
            clean = clean.substring(0, MAX_OPERATOR_LENGTH);
        }
        return clean.isEmpty() ? "operator" : clean;
    }
}

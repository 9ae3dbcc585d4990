package io.contactsync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The vendors' webhook signature algorithms (docs/vendor-apis.md, "Webhooks"). */
public final class WebhookSignatures {

    private WebhookSignatures() {
    }

    /** HubSpot v1: hex(SHA-256(clientSecret + body)). */
    public static String hubspotV1(String clientSecret, byte[] body) {
        return HexFormat.of().formatHex(sha256(concat(utf8(clientSecret), body)));
    }

    /** HubSpot v2: hex(SHA-256(clientSecret + method + uri + body)). */
    public static String hubspotV2(String clientSecret, String method, String uri, byte[] body) {
        return HexFormat.of().formatHex(sha256(concat(utf8(clientSecret + method + uri), body)));
    }

    /** HubSpot v3: base64(HMAC-SHA256(clientSecret, method + uri + body + timestamp)). */
    public static String hubspotV3(String clientSecret, String method, String uri, byte[] body, String timestamp) {
        byte[] message = concat(concat(utf8(method + uri), body), utf8(timestamp));
        return Base64.getEncoder().encodeToString(hmacSha256(clientSecret, message));
    }

    /** respond.io: base64(HMAC-SHA256(signingKey, body)). */
    public static String respondio(String signingKey, byte[] body) {
        return Base64.getEncoder().encodeToString(hmacSha256(signingKey, body));
    }

    /** Constant-time comparison of an expected and a presented signature. */
    public static boolean matches(String expected, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(utf8(expected), utf8(presented.trim()));
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmacSha256(String key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(utf8(key), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package io.contactsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signatures the simulated vendors put on their webhooks, as the vendors document them (written from their docs,
 * not shared with the app's verifiers, so a misreading on one side shows up as a failed verification).
 */
final class VendorSignatures {

    private VendorSignatures() {
    }

    /** HubSpot v1: hex(SHA-256(client secret + body)). */
    static String hubspotV1(String clientSecret, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(clientSecret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** HubSpot v3: base64(HMAC-SHA256(client secret, method + URI + body + timestamp)). */
    static String hubspotV3(String clientSecret, String method, String uri, byte[] body, String timestamp) {
        Mac mac = hmac(clientSecret);
        mac.update((method + uri).getBytes(StandardCharsets.UTF_8));
        mac.update(body);
        return Base64.getEncoder().encodeToString(mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8)));
    }

    /** respond.io: base64(HMAC-SHA256(signing key, raw body)). */
    static String respondio(String signingKey, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac(signingKey).doFinal(body));
    }

    private static Mac hmac(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}

package io.contactsync.sandbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The org's connected app and its OAuth 2.0 token endpoint ({@code /services/oauth2/token}), and the sessions it
 * issued. Two grants, both running as the integration user (the "Run As" user of client credentials, the
 * {@code sub} of the JWT bearer flow); neither issues a refresh token:
 * <ul>
 *   <li>{@code client_credentials}: {@code client_id} and {@code client_secret} in the form body (or HTTP Basic);</li>
 *   <li>{@code urn:ietf:params:oauth:grant-type:jwt-bearer}: {@code assertion} = a JWT signed RS256 with the app's
 *       private key, verified against the certificate (or public key) uploaded to the app; {@code iss} = the
 *       consumer key, {@code sub} = the username, {@code aud} = {@code https://login.salesforce.com},
 *       {@code https://test.salesforce.com} or the instance URL, {@code exp} in the future (seconds since the
 *       epoch, a JSON number or a string of digits: Salesforce's JWT sample in Java and clients such as Camel's
 *       send the string).</li>
 * </ul>
 * Errors are RFC 6749 400s with Salesforce's descriptions: {@code invalid_client_id} "client identifier invalid",
 * {@code invalid_client} "invalid client credentials", {@code invalid_grant} "audience is invalid" / "expired
 * authorization code" / "user hasn't approved this consumer" / "invalid assertion",
 * {@code unsupported_grant_type} "grant type not supported" (also for the username-password and refresh-token
 * grants, which the sandbox does not model). A JWT whose {@code exp} is further than 3 minutes ahead is accepted
 * (Salesforce asks for at most 3 minutes but does not document refusing more).
 *
 * <p>The answer's {@code signature} is computed as Salesforce documents it: Base64 of HMAC-SHA256 over
 * {@code id + issued_at} keyed with the consumer secret.
 */
final class SalesforceOAuth {

    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Set<String> LOGIN_AUDIENCES = Set.of("https://login.salesforce.com",
            "https://test.salesforce.com");

    /** A session an access token stands for. */
    record Session(String accessToken, String userId, Instant issuedAt) {
    }

    private final Clock clock;
    private final ObjectMapper json;
    private final String clientId;
    private final String clientSecret;
    private final String username;
    private final String orgId;
    private final String userId;
    private final PublicKey configuredKey;
    private volatile PublicKey jwtKey;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    SalesforceOAuth(Clock clock, ObjectMapper json, String clientId, String clientSecret, String username,
                    Optional<String> jwtPublicKeyPem, String orgId, String userId) {
        this.clock = clock;
        this.json = json;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.username = username;
        this.orgId = orgId;
        this.userId = userId;
        this.configuredKey = jwtPublicKeyPem.filter(p -> !p.isBlank()).map(SalesforceOAuth::publicKey).orElse(null);
        this.jwtKey = configuredKey;
    }

    /**
     * Answers a token request: its form parameters and {@code Authorization} header; {@code instanceUrl} is the
     * base URL the client reached the org on (the answer's {@code instance_url}).
     */
    Map<String, Object> token(Map<String, String> params, String authorization, String instanceUrl) {
        String grant = params.get("grant_type");
        if ("client_credentials".equals(grant)) {
            String[] basic = basicCredentials(authorization);
            String id = params.getOrDefault("client_id", basic == null ? null : basic[0]);
            String secret = params.getOrDefault("client_secret", basic == null ? null : basic[1]);
            if (id == null || !constantTimeEquals(id, clientId)) {
                throw new SalesforceOAuthException("invalid_client_id", "client identifier invalid");
            }
            if (secret == null || !constantTimeEquals(secret, clientSecret)) {
                throw new SalesforceOAuthException("invalid_client", "invalid client credentials");
            }
            return issue(instanceUrl);
        }
        if (JWT_BEARER.equals(grant)) {
            verifyAssertion(params.get("assertion"), instanceUrl);
            return issue(instanceUrl);
        }
        throw new SalesforceOAuthException("unsupported_grant_type", "grant type not supported");
    }

    /** The live session an {@code Authorization: Bearer <token>} (or {@code OAuth <token>}) header names. */
    Optional<Session> session(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !(parts[0].equalsIgnoreCase("Bearer") || parts[0].equalsIgnoreCase("OAuth"))) {
            return Optional.empty();
        }
        return Optional.ofNullable(sessions.get(parts[1]));
    }

    /**
     * {@code /services/oauth2/revoke?token=...}: ends the session of that access token. A token of no live session
     * (unknown, expired, already revoked) is 400 {@code unsupported_token_type}, as Salesforce answers it.
     */
    void revoke(String token) {
        if (token == null || sessions.remove(token) == null) {
            throw new SalesforceOAuthException("unsupported_token_type", "this token type is not supported");
        }
    }

    /** Ends every session: their tokens now get 401 INVALID_SESSION_ID (as after a timeout or a revocation). */
    void expireAll() {
        sessions.clear();
    }

    int activeSessions() {
        return sessions.size();
    }

    /** Trusts another certificate / public key (PEM) for JWT assertions, as when the app's certificate is replaced. */
    void trust(String pem) {
        jwtKey = publicKey(pem);
    }

    void reset() {
        sessions.clear();
        jwtKey = configuredKey;
    }

    private Map<String, Object> issue(String instanceUrl) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        // Salesforce access tokens are the 15-character org id, "!", then opaque characters
        String token = orgId.substring(0, 15) + "!AQ" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
                .replace('-', '.').replace('_', '.');
        Instant now = clock.instant();
        sessions.put(token, new Session(token, userId, now));
        String id = "https://login.salesforce.com/id/" + orgId + "/" + userId;
        String issuedAt = String.valueOf(now.toEpochMilli());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", token);
        answer.put("signature", sign(id + issuedAt));
        answer.put("scope", "api");
        answer.put("instance_url", instanceUrl);
        answer.put("id", id);
        answer.put("token_type", "Bearer");
        answer.put("issued_at", issuedAt);
        return answer;
    }

    private void verifyAssertion(String assertion, String instanceUrl) {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.", -1);
        if (parts.length != 3) {
            throw invalidAssertion();
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalidAssertion();
        }
        if (!claims.isObject() || !header.isObject() || !"RS256".equals(header.path("alg").asText())) {
            throw invalidAssertion();
        }
        if (!clientId.equals(claims.path("iss").asText(null))) {
            throw new SalesforceOAuthException("invalid_client_id", "client identifier invalid");
        }
        PublicKey key = jwtKey;
        if (key == null || !signatureValid(key, parts)) {
            throw invalidAssertion();
        }
        JsonNode aud = claims.path("aud");
        boolean audienceOk = false;
        for (JsonNode one : aud.isArray() ? aud : json.createArrayNode().add(aud)) {
            String value = one.asText("").replaceAll("/+$", "");
            audienceOk |= LOGIN_AUDIENCES.contains(value) || value.equals(instanceUrl.replaceAll("/+$", ""));
        }
        if (!audienceOk) {
            throw new SalesforceOAuthException("invalid_grant", "audience is invalid");
        }
        // a JSON number as RFC 7519 has it, or a string of digits as Salesforce's own Java sample sends it
        JsonNode exp = claims.path("exp");
        boolean expIsTime = exp.canConvertToLong() || exp.isTextual() && exp.asText().matches("\\d{1,18}");
        if (!expIsTime || exp.asLong() <= clock.instant().getEpochSecond()) {
            throw new SalesforceOAuthException("invalid_grant", "expired authorization code");
        }
        if (!username.equalsIgnoreCase(claims.path("sub").asText(""))) {
            throw new SalesforceOAuthException("invalid_grant", "user hasn't approved this consumer");
        }
    }

    private static boolean signatureValid(PublicKey key, String[] parts) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static SalesforceOAuthException invalidAssertion() {
        return new SalesforceOAuthException("invalid_grant", "invalid assertion");
    }

    private String sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A public key from PEM: an X.509 certificate or a {@code PUBLIC KEY} (SubjectPublicKeyInfo). */
    static PublicKey publicKey(String pem) {
        String text = pem.trim();
        try {
            if (text.contains("BEGIN CERTIFICATE")) {
                return CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))
                        .getPublicKey();
            }
            String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a PEM certificate or RSA public key: " + e.getMessage(), e);
        }
    }
}

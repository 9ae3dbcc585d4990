package io.contactsync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.json.JsonMapper;

/** The token endpoint issues sessions for the two grants and refuses bad requests with Salesforce's OAuth errors. */
class SalesforceOAuthTest {

    private static final String ORG = SalesforceIds.generate("00D", 1);
    private static final String USER = SalesforceIds.generate("005", 1);
    private static final String INSTANCE = "http://localhost:8089/sandbox/salesforce";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final SalesforceJwtSigner app = new SalesforceJwtSigner();
    private final SalesforceOAuth oauth = new SalesforceOAuth(clock, JsonMapper.builder().build(), "cid", "secret",
            "integration@example.org", Optional.of(app.publicKeyPem()), ORG, USER);
    private final long inTwoMinutes = clock.instant().getEpochSecond() + 120;

    @Test
    void clientCredentialsIssueASessionWithSalesforcesAnswer() throws Exception {
        Map<String, Object> answer = oauth.token(Map.of("grant_type", "client_credentials", "client_id", "cid",
                "client_secret", "secret"), null, INSTANCE);

        String token = (String) answer.get("access_token");
        assertTrue(token.startsWith(ORG.substring(0, 15) + "!"), token);
        assertEquals(INSTANCE, answer.get("instance_url"));
        assertEquals("https://login.salesforce.com/id/" + ORG + "/" + USER, answer.get("id"));
        assertEquals("Bearer", answer.get("token_type"));
        assertEquals(String.valueOf(clock.instant().toEpochMilli()), answer.get("issued_at"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal((answer.get("id") + "" + answer.get("issued_at"))
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, answer.get("signature"));
        assertEquals(USER, oauth.session("Bearer " + token).orElseThrow().userId());
        assertTrue(oauth.session("OAuth " + token).isPresent());
        assertTrue(oauth.session(token).isEmpty());
    }

    @Test
    void clientCredentialsMayComeAsHttpBasic() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("cid:secret".getBytes(StandardCharsets.UTF_8));

        assertTrue(oauth.token(Map.of("grant_type", "client_credentials"), basic, INSTANCE).containsKey("access_token"));
    }

    @Test
    void wrongClientCredentialsGetSalesforcesErrors() {
        assertError("invalid_client", "invalid client credentials", Map.of("grant_type", "client_credentials",
                "client_id", "cid", "client_secret", "wrong"));
        assertError("invalid_client_id", "client identifier invalid", Map.of("grant_type", "client_credentials",
                "client_id", "other", "client_secret", "secret"));
        assertError("unsupported_grant_type", "grant type not supported", Map.of("grant_type", "password",
                "client_id", "cid", "client_secret", "secret", "username", "u", "password", "p"));
        assertError("unsupported_grant_type", "grant type not supported", Map.of());
    }

    @Test
    void aJwtSignedWithTheAppsKeyIsExchangedForASession() {
        String assertion = app.assertion("cid", "integration@example.org", "https://login.salesforce.com", inTwoMinutes);

        Map<String, Object> answer = oauth.token(Map.of("grant_type", SalesforceOAuth.JWT_BEARER, "assertion",
                assertion), null, INSTANCE);

        assertTrue(oauth.session("Bearer " + answer.get("access_token")).isPresent());
        assertTrue(oauth.token(Map.of("grant_type", SalesforceOAuth.JWT_BEARER, "assertion", app.assertion("cid",
                "integration@example.org", "https://test.salesforce.com", inTwoMinutes)), null, INSTANCE)
                .containsKey("access_token"));
    }

    @Test
    void theExpiryMayBeAStringOfDigitsAsSalesforcesJavaSampleSendsIt() {
        String claims = "{\"iss\":\"cid\",\"sub\":\"integration@example.org\",\"aud\":\"https://login.salesforce.com\","
                + "\"exp\":\"%s\"}";

        assertTrue(oauth.token(Map.of("grant_type", SalesforceOAuth.JWT_BEARER, "assertion",
                app.assertion(claims.formatted(inTwoMinutes))), null, INSTANCE).containsKey("access_token"));
        assertJwtError("invalid_grant", "expired authorization code",
                app.assertion(claims.formatted(clock.instant().getEpochSecond() - 1)));
        assertJwtError("invalid_grant", "expired authorization code", app.assertion(claims.formatted("soon")));
    }

    @Test
    void aJwtIsCheckedForIssuerSignatureAudienceExpiryAndSubject() {
        String login = "https://login.salesforce.com";
        assertJwtError("invalid_client_id", "client identifier invalid",
                app.assertion("other", "integration@example.org", login, inTwoMinutes));
        assertJwtError("invalid_grant", "invalid assertion", new SalesforceJwtSigner().assertion("cid",
                "integration@example.org", login, inTwoMinutes));
        assertJwtError("invalid_grant", "audience is invalid",
                app.assertion("cid", "integration@example.org", "https://example.org", inTwoMinutes));
        assertJwtError("invalid_grant", "expired authorization code",
                app.assertion("cid", "integration@example.org", login, clock.instant().getEpochSecond() - 1));
        assertJwtError("invalid_grant", "user hasn't approved this consumer",
                app.assertion("cid", "someone@example.org", login, inTwoMinutes));
        assertJwtError("invalid_grant", "invalid assertion", app.sign("{\"alg\":\"HS256\"}",
                "{\"iss\":\"cid\",\"sub\":\"integration@example.org\",\"aud\":\"" + login + "\",\"exp\":" + inTwoMinutes + "}"));
        assertJwtError("invalid_grant", "invalid assertion", "not-a-jwt");
    }

    @Test
    void expiringSessionsEndsEveryToken() {
        String token = (String) oauth.token(Map.of("grant_type", "client_credentials", "client_id", "cid",
                "client_secret", "secret"), null, INSTANCE).get("access_token");

        oauth.expireAll();

        assertTrue(oauth.session("Bearer " + token).isEmpty());
        assertEquals(0, oauth.activeSessions());
    }

    @Test
    void revokingATokenEndsItsSessionOnly() {
        Map<String, String> grant = Map.of("grant_type", "client_credentials", "client_id", "cid", "client_secret",
                "secret");
        String revoked = (String) oauth.token(grant, null, INSTANCE).get("access_token");
        String kept = (String) oauth.token(grant, null, INSTANCE).get("access_token");

        oauth.revoke(revoked);

        assertTrue(oauth.session("Bearer " + revoked).isEmpty());
        assertTrue(oauth.session("Bearer " + kept).isPresent());
        SalesforceOAuthException again = assertThrows(SalesforceOAuthException.class, () -> oauth.revoke(revoked));
        assertEquals("unsupported_token_type", again.error());
        assertThrows(SalesforceOAuthException.class, () -> oauth.revoke(null));
    }

    @Test
    void withoutATrustedCertificateTheJwtGrantIsRefusedUntilOneIsTrusted() {
        SalesforceOAuth noKey = new SalesforceOAuth(clock, JsonMapper.builder().build(), "cid", "secret",
                "integration@example.org", Optional.empty(), ORG, USER);
        Map<String, String> request = Map.of("grant_type", SalesforceOAuth.JWT_BEARER, "assertion",
                app.assertion("cid", "integration@example.org", "https://login.salesforce.com", inTwoMinutes));

        assertThrows(SalesforceOAuthException.class, () -> noKey.token(request, null, INSTANCE));
        noKey.trust(app.publicKeyPem());
        assertTrue(noKey.token(request, null, INSTANCE).containsKey("access_token"));
    }

    private void assertJwtError(String error, String description, String assertion) {
        assertError(error, description, Map.of("grant_type", SalesforceOAuth.JWT_BEARER, "assertion", assertion));
    }

    private void assertError(String error, String description, Map<String, String> params) {
        SalesforceOAuthException e = assertThrows(SalesforceOAuthException.class,
                () -> oauth.token(params, null, INSTANCE));
        assertEquals(400, e.status());
        assertEquals(Map.of("error", error, "error_description", description), e.body());
    }
}

package io.contactsync.salesforce;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The app with Salesforce enabled on the JWT bearer flow: a key pair made for the test run, the private key given to
 * the app as PEM text (as from an environment variable), the public key to the simulated org's connected app.
 */
public class SalesforceJwtProfile implements QuarkusTestProfile {

    static final KeyPair KEYS = generate();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "salesforce.enabled", "true",
                "salesforce.auth", "jwt-bearer",
                "salesforce.client-secret", "",
                "salesforce.jwt-private-key", pem("PRIVATE KEY", KEYS.getPrivate().getEncoded()),
                "sandbox.salesforce.jwt-public-key", pem("PUBLIC KEY", KEYS.getPublic().getEncoded()));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

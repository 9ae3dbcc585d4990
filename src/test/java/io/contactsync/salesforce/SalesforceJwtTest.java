package io.contactsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.contactsync.client.salesforce.SalesforceClient;
import io.contactsync.sandbox.RecordedRequest;
import io.contactsync.sandbox.SalesforceSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

/** The JWT bearer flow: the app signs its assertion with the PEM private key from configuration. */
@QuarkusTest
@TestProfile(SalesforceJwtProfile.class)
class SalesforceJwtTest {

    @Inject
    SalesforceClient client;

    @Inject
    SalesforceSimulator salesforce;

    @Test
    void theAppLogsInWithASignedAssertionAndAgainWhenTheSessionExpires() {
        salesforce.reset();
        String id = client.createAll("Contact", List.of(Map.of("LastName", "Jwt", "Email", "jwt@example.org")))
                .get(0).id();
        salesforce.expireSessions();

        List<Map<String, Object>> contacts = client.query("SELECT Id, Email FROM Contact");

        assertEquals(id, contacts.get(0).get("Id"));
        List<RecordedRequest> logins = salesforce.requests().stream()
                .filter(r -> r.path().equals("/services/oauth2/token")).toList();
        assertEquals(2, logins.size(), "the first login and one after the expiry");
        for (RecordedRequest login : logins) {
            assertEquals(200, login.status());
            assertTrue(login.body().contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"),
                    login.body());
            assertTrue(login.body().contains("assertion="), login.body());
            assertTrue(!login.body().contains("client_secret"), login.body());
        }
    }
}

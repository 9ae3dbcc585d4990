package io.contactsync.brevo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.contactsync.sandbox.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Test;

/** R4.7 with carry-subscription-status=true: HubSpot's email opt-out reaches Brevo, on the initial import too. */
@QuarkusTest
@TestProfile(CarrySubscriptionStatusTest.Carrying.class)
class CarrySubscriptionStatusTest extends BrevoTestSupport {

    public static class Carrying implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("brevo.integrations.newsletter.carry-subscription-status", "true");
        }
    }

    @Test
    void optedOutMembersAreImportedBlacklistedAtActivationInAnImportOfTheirOwn() {
        String subscribed = uniqueEmail();
        String optedOut = uniqueEmail();
        listMember(Map.of("email", subscribed, "firstname", "Stays"));
        hubspot.unsubscribeFromEmail(listMember(Map.of("email", optedOut, "firstname", "Leaves")));

        activate();

        assertEquals(false, brevoContact(subscribed).get("emailBlacklisted"));
        assertEquals(true, brevoContact(optedOut).get("emailBlacklisted"));
        assertTrue(brevoListEmails().containsAll(List.of(subscribed, optedOut)));
        List<RecordedRequest> imports = brevo.requests().stream().filter(r -> r.path().equals("/contacts/import"))
                .toList();
        assertEquals(2, imports.size(), "one import for the subscribed, one flagged emailBlacklist");
        assertTrue(imports.stream().noneMatch(r -> r.body().contains("emailBlacklisted")),
                "import rows hold only email and attributes");
        assertEquals(1, imports.stream().filter(r -> r.body().contains("\"emailBlacklist\":true")).count());
    }

    @Test
    void anOptOutLaterInHubSpotBlacklistsTheBrevoContact() {
        activate();
        String email = uniqueEmail();
        String id = listMember(Map.of("email", email, "firstname", "Later"));
        poll();
        assertEquals(false, brevoContact(email).get("emailBlacklisted"));

        hubspot.unsubscribeFromEmail(id);
        propertyChanged(id);

        assertEquals(true, brevoContact(email).get("emailBlacklisted"));
    }
}

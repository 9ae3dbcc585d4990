package io.contactsync.brevo;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.contactsync.support.QuotaNoticeReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;

/**
 * R4.5 over HTTP, in months of their own (the quota's clock is moved): the 80 % notice is sent once, the integration
 * pauses at 100 % keeping its work, and raising the limit or a new month sends everything that waited.
 */
@QuarkusTest
class TaskQuotaTest extends BrevoTestSupport {

    @Test
    void r4_5_warnsOnceAt80PercentPausesAt100AndLosesNothingWhenTheLimitIsRaised() {
        QuotaNoticeReceiver.clear();
        quota.setClock(Clock.fixed(Instant.parse("2031-01-15T12:00:00Z"), ZoneOffset.UTC));
        setQuotaLimit(10);
        List<String> emails = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String email = uniqueEmail();
            emails.add(email);
            ids.add(listMember(Map.of("email", email, "firstname", "Member " + i)));
        }

        activate();

        assertEquals(10, brevoListEmails().size(), "10 tasks: 10 contacts written");
        JsonPath usage = quotaUsage();
        assertEquals("2031-01", usage.getString("month"));
        assertEquals(10, usage.getLong("tasks"));
        assertTrue(usage.getBoolean("paused"));
        assertEquals(2, usage.getLong("waitingMembers"), "the 2 over the quota wait, they are not dropped");
        assertEquals(2, status().getInt("initialSync.deferred"));
        assertEquals("paused", status().getString("state"));
        assertEquals(List.of("reached-100", "warning-80"), noticeKinds());
        await().atMost(Duration.ofSeconds(10)).until(() -> QuotaNoticeReceiver.received().size() == 2);
        assertEquals(List.of("reached-100", "warning-80"), QuotaNoticeReceiver.received().stream()
                .map(n -> String.valueOf(n.get("kind"))).sorted().toList(), "both POSTed (asynchronously) to the owner's URL");
        assertTrue(QuotaNoticeReceiver.received().stream().allMatch(n -> "2031-01".equals(n.get("month"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().header("Authorization", ADMIN)
                .get("/admin/brevo/notices").then().extract().jsonPath().getList("delivered", String.class)
                .stream().allMatch(d -> d != null && d.startsWith("HTTP 2")));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("contactsync_brevo_quota_notices_total{kind=\"warning-80\"}"))
                .body(containsString("contactsync_brevo_quota_tasks "));

        String written = brevoListEmails().get(0);
        String writtenId = ids.get(emails.indexOf(written));
        hubspot.updateContactAsUser(writtenId, Map.of("firstname", "Changed while paused"));
        propertyChanged(writtenId);
        assertEquals("deferred", lastBrevoRun(written).get("decision"));
        assertTrue(!"Changed while paused".equals(brevoAttributes(written).get("FIRSTNAME")));
        assertEquals(List.of("reached-100", "warning-80"), noticeKinds(), "each notice is sent once");

        setQuotaLimit(20);

        await().atMost(Duration.ofSeconds(30)).until(() -> brevoListEmails().size() == 12
                && "Changed while paused".equals(brevoAttributes(written).get("FIRSTNAME")));
        awaitInboxDrained();
        usage = quotaUsage();
        assertEquals(13, usage.getLong("tasks"));
        assertEquals(0, usage.getLong("waitingMembers"));
        assertEquals("active", status().getString("state"));
        assertEquals(List.of("reached-100", "warning-80"), noticeKinds(), "13 of 20 is below 80 %: no new notice");
        assertEquals(2, QuotaNoticeReceiver.received().size());
        assertEquals(emails.stream().sorted().toList(), brevoListEmails().stream().sorted().toList());
    }

    @Test
    void r4_5_aNewMonthResumesWhatWaited() {
        quota.setClock(Clock.fixed(Instant.parse("2031-03-31T23:59:00Z"), ZoneOffset.UTC));
        setQuotaLimit(1);
        for (int i = 0; i < 3; i++) {
            listMember(Map.of("email", uniqueEmail(), "firstname", "Month end " + i));
        }
        activate();
        assertEquals(1, brevoListEmails().size());
        assertEquals(2, quotaUsage().getLong("waitingMembers"));

        quota.setClock(Clock.fixed(Instant.parse("2031-04-01T00:01:00Z"), ZoneOffset.UTC));

        await().atMost(Duration.ofSeconds(30)).until(() -> brevoListEmails().size() == 3);
        awaitInboxDrained();
        JsonPath usage = quotaUsage();
        assertEquals("2031-04", usage.getString("month"));
        assertEquals(2, usage.getLong("tasks"));
        assertEquals(100_000, usage.getLong("limit"), "the new month starts at the configured limit");
    }

    private static List<String> noticeKinds() {
        return given().header("Authorization", ADMIN).get("/admin/brevo/notices").then().statusCode(200).extract()
                .jsonPath().getList("kind", String.class);
    }
}

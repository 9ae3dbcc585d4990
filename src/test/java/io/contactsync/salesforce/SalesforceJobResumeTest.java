package io.contactsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.contactsync.store.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Jobs left unfinished by an earlier process (rows without a live lease, as a kill leaves them) are taken up by this
 * one in the order they were accepted: a resync goes on after its checkpoint (the last HubSpot record id recorded)
 * with its counts carried over, and an import accepted after it runs once it is done. A job whose lease another live
 * replica holds is left to it until the lease expires. The kill itself is SalesforceJobResumeIT's.
 */
@QuarkusTest
@TestProfile(SalesforceProfile.class)
class SalesforceJobResumeTest extends SalesforceJobSupport {

    @Test
    void jobsLeftUnfinishedResumeOldestFirstAndAResyncGoesOnAfterItsCheckpoint() {
        hubspot.createList("5101", "Resumed", "MANUAL");
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            members.add(hubspot.createContactAsUser(Map.of("email", "resume" + i + "@example.com", "lastname", "R" + i,
                    "company", "Co", "lifecyclestage", "lead")));
        }
        hubspot.addToList("5101", members);
        members.sort(Comparator.comparing(Long::valueOf));
        String resync = "resync-" + UUID.randomUUID();
        String importJob = "import-" + UUID.randomUUID();
        Instant accepted = Instant.now().minusSeconds(60);

        Jdbc.inTransaction(database, c -> {
            // as a killed process leaves them: the resync recorded its first two members, the import waited behind it
            insertJob(c, importJob, "import", "queued", "{\"objects\":[\"Lead\"]}", 0, 0, null,
                    accepted.plusSeconds(1));
            return insertJob(c, resync, "resync", "running", "{\"listId\":\"5101\"}", 4, 2, members.get(1), accepted);
        });
        JsonPath resynced = awaitJob(resync);
        JsonPath imported = awaitJob(importJob);

        assertEquals("done", resynced.getString("state"), resynced.prettify());
        assertEquals(4, resynced.getInt("total"), "the members recorded before and those left after the checkpoint");
        assertEquals(4, resynced.getInt("processed"));
        assertEquals(4, resynced.getInt("created"), "two carried over, two written now");
        assertEquals(0, salesforce.leadsByEmail("resume0@example.com").size(), "recorded before: not written again");
        assertEquals(0, salesforce.leadsByEmail("resume1@example.com").size());
        assertEquals(1, salesforce.leadsByEmail("resume2@example.com").size());
        assertEquals(1, salesforce.leadsByEmail("resume3@example.com").size());
        assertEquals("done", imported.getString("state"), imported.prettify());
        assertEquals(2, imported.getInt("total"), "the import ran after the resync: it read the two Leads it wrote");
    }

    @Test
    void aJobAnotherLiveReplicaHoldsIsLeftToItUntilItsLeaseExpires() {
        salesforce.createLeadAsUser(Map.of("LastName", "Held", "Company", "Co", "Email", "held@example.com"));
        String id = "import-" + UUID.randomUUID();
        Jdbc.inTransaction(database, c -> {
            insertJob(c, id, "import", "running", "{\"objects\":[\"Lead\"]}", 0, 0, null, Instant.now());
            return Jdbc.update(c, "INSERT INTO lease (name, owner, expires_at) VALUES (?, 'another-replica', ?)",
                    "job-" + id, Instant.now().plusSeconds(3600));
        });
        int calls = salesforceApiCalls().size();

        Awaitility.await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7))
                .until(() -> salesforceApiCalls().size() == calls && job(id).getInt("processed") == 0);
        Jdbc.inTransaction(database, c -> Jdbc.update(c, "UPDATE lease SET expires_at = ? WHERE name = ?",
                Instant.now().minusSeconds(1), "job-" + id));
        JsonPath report = awaitJob(id);

        assertEquals("done", report.getString("state"), report.prettify());
        assertEquals(1, report.getInt("created"), "taken over once the holder's lease expired");
    }

    private static int insertJob(Connection c, String id, String kind, String state, String request,
            long total, long processed, String checkpoint, Instant accepted) throws SQLException {
        return Jdbc.update(c, "INSERT INTO salesforce_job (id, kind, state, request_text, total_records, processed,"
                + " created_count, updated_count, unchanged_count, skipped_count, failed_count, hubspot_calls,"
                + " salesforce_calls, checkpoint, started_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, ?, ?, ?)", id, kind, state, request, total,
                processed, processed, checkpoint, accepted, accepted);
    }
}

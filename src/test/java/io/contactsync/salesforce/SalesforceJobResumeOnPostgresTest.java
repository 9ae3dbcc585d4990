package io.contactsync.salesforce;

import io.contactsync.support.PostgresAvailable;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link SalesforceJobResumeTest} on PostgreSQL, where the jobs' leases are shared by the replicas. */
@QuarkusTest
@TestProfile(SalesforceOnPostgresProfile.class)
@ExtendWith(PostgresAvailable.class)
class SalesforceJobResumeOnPostgresTest extends SalesforceJobResumeTest {
}

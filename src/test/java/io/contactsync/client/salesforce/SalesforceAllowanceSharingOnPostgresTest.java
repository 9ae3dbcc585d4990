package io.contactsync.client.salesforce;

import io.contactsync.support.PostgresAvailable;
import io.contactsync.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link SalesforceAllowanceSharingTest} on PostgreSQL, where replicas really share the database. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@ExtendWith(PostgresAvailable.class)
class SalesforceAllowanceSharingOnPostgresTest extends SalesforceAllowanceSharingTest {
}

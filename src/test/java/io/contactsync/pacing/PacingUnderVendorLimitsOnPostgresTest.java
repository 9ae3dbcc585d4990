package io.contactsync.pacing;

import io.contactsync.support.PostgresAvailable;
import io.contactsync.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link PacingUnderVendorLimitsTest} on PostgreSQL, where every call also takes a token of the shared buckets. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@ExtendWith(PostgresAvailable.class)
class PacingUnderVendorLimitsOnPostgresTest extends PacingUnderVendorLimitsTest {
}

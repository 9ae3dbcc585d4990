package io.contactsync.scenario;

import io.contactsync.support.PostgresAvailable;
import io.contactsync.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RespondioToHubSpotTest} with PostgreSQL as the state store. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@ExtendWith(PostgresAvailable.class)
class RespondioToHubSpotOnPostgresTest extends RespondioToHubSpotTest {
}

package io.contactsync.salesforce;

import io.contactsync.support.PostgresAvailable;
import io.contactsync.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link SalesforceLinkRepositoryTest} on PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@ExtendWith(PostgresAvailable.class)
class SalesforceLinkRepositoryOnPostgresTest extends SalesforceLinkRepositoryTest {
}

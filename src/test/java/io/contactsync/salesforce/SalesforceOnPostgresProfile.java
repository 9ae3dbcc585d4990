package io.contactsync.salesforce;

import java.util.HashMap;
import java.util.Map;

import io.contactsync.support.PostgresProfile;

/** Salesforce enabled, on PostgreSQL (a clean test database). */
public class SalesforceOnPostgresProfile extends PostgresProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.putAll(new SalesforceProfile().getConfigOverrides());
        return overrides;
    }
}

package io.contactsync.client.hubspot;

import java.util.Locale;

/** HubSpot's API allowance by subscription (vendor-apis.md "Rate limits"; daily caps as R4.12 states them). */
public enum HubSpotTier {
    FREE(100, 250_000),
    STARTER(100, 250_000),
    PROFESSIONAL(190, 500_000),
    ENTERPRISE(190, 500_000);

    public final int requestsPer10Seconds;
    public final long requestsPerDay;

    HubSpotTier(int requestsPer10Seconds, long requestsPerDay) {
        this.requestsPer10Seconds = requestsPer10Seconds;
        this.requestsPerDay = requestsPerDay;
    }

    public static HubSpotTier parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "hubspot.tier must be one of free, starter, professional, enterprise; got '" + value + "'");
        }
    }
}

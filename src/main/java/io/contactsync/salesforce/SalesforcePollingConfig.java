package io.contactsync.salesforce;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Salesforce -> HubSpot polling trigger: {@code salesforce.polling.*} (docs/salesforce.md). */
@ConfigMapping(prefix = "salesforce.polling")
public interface SalesforcePollingConfig {

    /** Seconds between two polls of Lead and Contact by SystemModstamp. */
    @WithDefault("60")
    int interval();
}

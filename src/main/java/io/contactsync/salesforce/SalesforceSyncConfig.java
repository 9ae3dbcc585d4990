package io.contactsync.salesforce;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What syncs between HubSpot contacts and Salesforce Leads and Contacts, and how: {@code salesforce.sync.*}
 * (docs/salesforce.md). Values are checked by {@link SalesforceSyncSettings} when Salesforce is enabled.
 */
@ConfigMapping(prefix = "salesforce.sync")
public interface SalesforceSyncConfig {

    /** R3.1: HubSpot lifecycle stages (internal values) whose contacts sync as Leads. */
    @WithDefault("subscriber,lead,marketingqualifiedlead")
    List<String> leadStages();

    /** R3.1: HubSpot lifecycle stages whose contacts sync as Contacts; disjoint from the lead stages (R3.2). */
    @WithDefault("salesqualifiedlead,opportunity,customer,evangelist")
    List<String> contactStages();

    /** Per mapped HubSpot property: prefer-salesforce | always-salesforce | two-way | dont-sync. */
    Map<String, String> fieldRules();

    /** Custom mappings beside the defaults: {@code hubspotProperty:SalesforceField,...}. */
    Optional<List<String>> customFields();

    NewLead newLead();

    /** The Account a new Contact joins; without it a new Contact is not created and the run says why. */
    Optional<String> defaultAccountId();

    /** R2.3: the HubSpot list (ILS id, an active list, R2.6) whose members alone sync; none = every contact. */
    Optional<String> inclusionListId();

    /** R2.5: a new Salesforce Lead or Contact creates (or syncs to) a HubSpot contact even outside the list. */
    @WithDefault("false")
    boolean newSalesforceRecordsCreateHubspotContacts();

    /** How long a looked-up inclusion-list membership is trusted. */
    @WithDefault("5m")
    Duration membershipCacheTtl();

    /** How long the owner table (HubSpot owners and Salesforce users matched by email) is trusted before it is read again. */
    @WithDefault("15m")
    Duration ownersRefresh();

    /**
     * Whether routes/salesforce-owners reads the owner table soon after start-up and again before it is owners-refresh
     * old, so that no run or job waits for it or spends a call on it; off, the first run that needs it reads it.
     */
    @WithDefault("true")
    boolean ownersPrefetch();

    /** A Lead needs LastName and Company: what a new Lead gets when HubSpot has none (recorded in the run). */
    interface NewLead {
        /** Empty: a new Lead without a last name is not created, and the run says why. */
        Optional<String> lastName();

        /** Empty: a new Lead without a company is not created, and the run says why. */
        Optional<String> company();
    }
}

package io.contactsync.salesforce;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * R3: the HubSpot lifecycle stages (internal values) whose contacts sync as Salesforce Leads, and those that sync as
 * Contacts ({@code salesforce.sync.lead-stages}, {@code salesforce.sync.contact-stages}). The sets are disjoint (R3.2).
 */
public final class LifecycleRouting {

    static final String LEAD_KEY = "salesforce.sync.lead-stages";
    static final String CONTACT_KEY = "salesforce.sync.contact-stages";
    /** Internal values: the default stages' lowercase names, or a custom stage's numeric id. */
    private static final Pattern INTERNAL_VALUE = Pattern.compile("[a-z0-9_]+");

    private final Set<String> leadStages;
    private final Set<String> contactStages;

    private LifecycleRouting(Set<String> leadStages, Set<String> contactStages) {
        this.leadStages = Set.copyOf(leadStages);
        this.contactStages = Set.copyOf(contactStages);
    }

    /**
     * @throws IllegalArgumentException naming every stage given to both keys (R3.2) and every value that is not an
     *         internal value (a label such as "Marketing Qualified Lead")
     */
    public static LifecycleRouting of(Collection<String> leadStages, Collection<String> contactStages) {
        List<String> problems = new ArrayList<>();
        Set<String> leads = stages(LEAD_KEY, leadStages, problems);
        Set<String> contacts = stages(CONTACT_KEY, contactStages, problems);
        leads.stream().filter(contacts::contains).forEach(stage -> problems.add("lifecycle stage '" + stage
                + "' is in both " + LEAD_KEY + " and " + CONTACT_KEY + ": a stage syncs either as a Lead or as a"
                + " Contact (R3.2)"));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new LifecycleRouting(leads, contacts);
    }

    /** Lead, Contact, or skipped with the reason, for a contact's {@code lifecyclestage} value. */
    public ObjectChoice objectFor(String lifecycleStage) {
        String stage = lifecycleStage == null ? "" : lifecycleStage.trim().toLowerCase(Locale.ROOT);
        if (stage.isEmpty()) {
            return new ObjectChoice(null, "the contact has no lifecycle stage, so it is in neither " + LEAD_KEY
                    + " nor " + CONTACT_KEY);
        }
        if (leadStages.contains(stage)) {
            return new ObjectChoice(SalesforceObject.LEAD, "lifecycle stage '" + stage + "' is in " + LEAD_KEY);
        }
        if (contactStages.contains(stage)) {
            return new ObjectChoice(SalesforceObject.CONTACT, "lifecycle stage '" + stage + "' is in " + CONTACT_KEY);
        }
        return new ObjectChoice(null, "lifecycle stage '" + stage + "' is in neither " + LEAD_KEY + " nor "
                + CONTACT_KEY);
    }

    public Set<String> leadStages() {
        return leadStages;
    }

    public Set<String> contactStages() {
        return contactStages;
    }

    private static Set<String> stages(String key, Collection<String> values, List<String> problems) {
        Set<String> stages = new LinkedHashSet<>();
        for (String value : values) {
            String stage = value.trim().toLowerCase(Locale.ROOT);
            if (stage.isEmpty()) {
                continue;
            }
            if (INTERNAL_VALUE.matcher(stage).matches()) {
                stages.add(stage);
            } else {
                problems.add(key + ": '" + value.trim() + "' is not a lifecycle stage's internal value (e.g."
                        + " marketingqualifiedlead, or a custom stage's numeric id; not its label)");
            }
        }
        return stages;
    }
}

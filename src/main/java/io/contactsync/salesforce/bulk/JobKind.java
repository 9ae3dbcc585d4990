package io.contactsync.salesforce.bulk;

import java.util.Arrays;

/** The two Salesforce jobs, by the label their ids and reports carry, and the route each runs. */
public enum JobKind {

    IMPORT("import", SalesforceImport.ROUTE),
    RESYNC("resync", SalesforceResync.ROUTE);

    private final String label;
    private final String route;

    JobKind(String label, String route) {
        this.label = label;
        this.route = route;
    }

    public String label() {
        return label;
    }

    String route() {
        return route;
    }

    static JobKind of(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Salesforce job kind " + label));
    }
}

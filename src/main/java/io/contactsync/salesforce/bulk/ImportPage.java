package io.contactsync.salesforce.bulk;

import java.util.List;
import java.util.Map;

import io.contactsync.client.salesforce.QueryPage;
import io.contactsync.salesforce.SalesforceObject;

/** One SOQL batch (up to 2,000 records) of an import, with the campaign names of its records once read. */
public class ImportPage {

    final String job;
    final SalesforceObject object;
    final QueryPage page;
    Map<String, List<String>> campaigns = Map.of();

    ImportPage(String job, SalesforceObject object, QueryPage page) {
        this.job = job;
        this.object = object;
        this.page = page;
    }
}

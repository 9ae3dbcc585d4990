package io.contactsync.salesforce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * R2.9: the default mappings cannot be removed. Each of the four Salesforce mapping files must exist, compile, and,
 * evaluated on a sample holding every default field, produce every default field of its object and direction.
 */
public final class DefaultMappingFiles {

    private static final String FILE_LEAD_OUT = DefaultMappings.FILES.get(0);
    private static final String FILE_CONTACT_OUT = DefaultMappings.FILES.get(1);
    private static final String FILE_LEAD_IN = DefaultMappings.FILES.get(2);
    private static final String FILE_CONTACT_IN = DefaultMappings.FILES.get(3);

    /** The routes hand a mapping parsed JSON (mutable maps that allow null lookups); so does the check. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OWNER_HUBSPOT = "101";
    private static final String OWNER_SALESFORCE = "005000000000101AAA";

    private DefaultMappingFiles() {
    }

    /** What is wrong, one line per file, naming the file and the missing fields; empty when all is well. */
    public static List<String> problems(Path mappingsDir) {
        List<String> problems = new ArrayList<>();
        check(problems, mappingsDir, FILE_LEAD_OUT, hubspotSample(), leadOrContact(SalesforceObject.LEAD));
        check(problems, mappingsDir, FILE_CONTACT_OUT, hubspotSample(),
                leadOrContact(SalesforceObject.CONTACT));
        check(problems, mappingsDir, FILE_LEAD_IN, salesforceSample(SalesforceObject.LEAD),
                hubspotProperties(SalesforceObject.LEAD));
        check(problems, mappingsDir, FILE_CONTACT_IN, salesforceSample(SalesforceObject.CONTACT),
                hubspotProperties(SalesforceObject.CONTACT));
        return problems;
    }

    private static void check(List<String> problems, Path dir, String name, Map<String, Object> sample,
            List<String> expected) {
        Path file = dir.resolve(name);
        String where = "sync.mappings-dir=" + dir.toAbsolutePath() + ": " + name + " ";
        if (!Files.isRegularFile(file)) {
            problems.add(where + "is missing (the default Salesforce mappings cannot be removed, R2.9)");
            return;
        }
        Object output;
        try {
            output = Jsonata.jsonata(Files.readString(file)).evaluate(JSON.convertValue(sample, Object.class));
        } catch (IOException e) {
            problems.add(where + "cannot be read (" + e.getClass().getSimpleName() + ")");
            return;
        } catch (RuntimeException e) {
            problems.add(where + "is not valid JSONata or fails on a sample contact: " + e.getMessage());
            return;
        }
        Map<?, ?> fields = output instanceof Map<?, ?> map ? map : Map.of();
        List<String> missing = expected.stream().filter(field -> fields.get(field) == null).toList();
        if (!missing.isEmpty()) {
            problems.add(where + "does not produce the default field" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " from a sample holding every default field (R2.9)");
        }
    }

    private static List<String> leadOrContact(SalesforceObject object) {
        return DefaultMappings.FIELDS.stream().map(f -> f.fieldOn(object)).filter(f -> f != null).toList();
    }

    private static List<String> hubspotProperties(SalesforceObject object) {
        List<String> properties = new ArrayList<>(DefaultMappings.FIELDS.stream().filter(f -> f.fieldOn(object) != null)
                .map(MappedField::hubspotProperty).toList());
        properties.add(DefaultMappings.CAMPAIGNS_FIELD.hubspotProperty());
        return properties;
    }

    /** A HubSpot contact to be created, holding every default property (HubSpot values are strings). */
    static Map<String, Object> hubspotSample() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (MappedField field : DefaultMappings.FIELDS) {
            properties.put(field.hubspotProperty(), switch (field.kind()) {
                case EMAIL -> "sample@example.com";
                case NUMBER -> "125000.50";
                case INTEGER -> "42";
                case BOOLEAN -> "true";
                case OWNER -> OWNER_HUBSPOT;
                case TEXT, CAMPAIGNS -> "sample " + field.label();
            });
        }
        Map<String, Object> envelope = envelope();
        envelope.put("contact", Map.of("id", "1", "properties", properties));
        envelope.put("fallbacks", Map.of("lastName", "[not provided]", "company", "[not provided]"));
        envelope.put("accountId", "001000000000001AAA");
        return envelope;
    }

    /** A Salesforce Lead or Contact holding every default field, typed as Salesforce returns them. */
    static Map<String, Object> salesforceSample(SalesforceObject object) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("attributes", Map.of("type", object.apiName()));
        for (MappedField field : DefaultMappings.FIELDS) {
            String name = field.fieldOn(object);
            if (name != null) {
                record.put(name, switch (field.kind()) {
                    case EMAIL -> "sample@example.com";
                    case NUMBER -> 125000.5;
                    case INTEGER -> 42;
                    case BOOLEAN -> true;
                    case OWNER -> OWNER_SALESFORCE;
                    case TEXT, CAMPAIGNS -> "sample " + field.label();
                });
            }
        }
        Map<String, Object> envelope = envelope();
        envelope.put("record", record);
        envelope.put("campaigns", List.of("Sample campaign"));
        return envelope;
    }

    private static Map<String, Object> envelope() {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("customFields", Map.of());
        envelope.put("owners", List.of(Map.of("hubspot", OWNER_HUBSPOT, "salesforce", OWNER_SALESFORCE)));
        return envelope;
    }
}

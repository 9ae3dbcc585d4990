package io.contactsync.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R2.9: the shipped default mapping files pass the start-up check; a removed file or field is named. */
class DefaultMappingFilesTest {

    private static final Path MAPPINGS = Path.of("mappings");

    @TempDir
    Path dir;

    @Test
    void theShippedMappingsProduceEveryDefaultField() {
        assertEquals(List.of(), DefaultMappingFiles.problems(MAPPINGS));
    }

    @Test
    void aRemovedFileIsNamed() throws IOException {
        copyMappings();
        Files.delete(dir.resolve("salesforce-contact-to-hubspot.jsonata"));

        assertEquals(List.of("sync.mappings-dir=" + dir + ": salesforce-contact-to-hubspot.jsonata is missing (the"
                + " default Salesforce mappings cannot be removed, R2.9)"), DefaultMappingFiles.problems(dir));
    }

    @Test
    void aRemovedDefaultFieldIsNamedWithItsFile() throws IOException {
        copyMappings();
        Path lead = dir.resolve("hubspot-to-salesforce-lead.jsonata");
        Files.writeString(lead, Files.readString(lead).replace("\"Fax\": $text($p.fax),", "")
                .replace("\"Rating\": $text($p.salesforce_rating),", ""));
        Path contact = dir.resolve("salesforce-contact-to-hubspot.jsonata");
        Files.writeString(contact, Files.readString(contact).replace("\"salesforce_campaigns\":", "\"campaigns\":"));

        assertEquals(List.of("sync.mappings-dir=" + dir + ": hubspot-to-salesforce-lead.jsonata does not produce the"
                + " default fields Fax, Rating from a sample holding every default field (R2.9)",
                "sync.mappings-dir=" + dir + ": salesforce-contact-to-hubspot.jsonata does not produce the default"
                        + " field salesforce_campaigns from a sample holding every default field (R2.9)"),
                DefaultMappingFiles.problems(dir));
    }

    @Test
    void aFileThatIsNotJsonataIsNamed() throws IOException {
        copyMappings();
        Files.writeString(dir.resolve("salesforce-lead-to-hubspot.jsonata"), "{ \"email\": record.Email ");

        List<String> problems = DefaultMappingFiles.problems(dir);

        assertEquals(1, problems.size(), problems.toString());
        assertEquals(true, problems.get(0).startsWith("sync.mappings-dir=" + dir + ": salesforce-lead-to-hubspot.jsonata"
                + " is not valid JSONata or fails on a sample contact: "), problems.get(0));
    }

    private void copyMappings() throws IOException {
        for (String name : DefaultMappings.FILES) {
            Files.copy(MAPPINGS.resolve(name), dir.resolve(name));
        }
    }
}

package io.contactsync.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import io.contactsync.sandbox.RecordedRequest;

/**
 * Validates the requests contact-sync sent to a simulator against the vendor's OpenAPI document, read from
 * ../shared/specs (never copied into the project). A malformed request fails the test.
 */
public final class SpecValidator {

    private static final Path SPECS = Path.of("..", "shared", "specs");

    private final OpenApiInteractionValidator validator;
    private final String basePath;

    private SpecValidator(String specFile, String basePath) {
        Path spec = SPECS.resolve(specFile);
        if (!Files.exists(spec)) {
            throw new IllegalStateException("vendor spec not found at " + spec.toAbsolutePath()
                    + ": the shared folder must sit beside the project");
        }
        this.validator = OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString())
                .withLevelResolver(LevelResolver.create()
                        // the specs' security schemes are artefacts (docs/vendor-apis.md); bearer auth is asserted separately
                        .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        this.basePath = basePath;
    }

    public static SpecValidator hubspot() {
        return new SpecValidator("hubspot/crm-contacts-v3.relaxed.json", "");
    }

    public static SpecValidator respondio() {
        return new SpecValidator("respondio/respondio-v2-contacts.HAND-DERIVED.json", "/v2");
    }

    public void assertValid(List<RecordedRequest> requests) {
        StringBuilder problems = new StringBuilder();
        for (RecordedRequest r : requests) {
            ValidationReport report = validator.validateRequest(toRequest(r));
            if (report.hasErrors()) {
                problems.append(r.method()).append(' ').append(r.path()).append(" -> ")
                        .append(report.getMessages()).append('\n');
            }
            String auth = r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
                    .map(java.util.Map.Entry::getValue).findFirst().orElse("");
            if (!auth.startsWith("Bearer ")) {
                problems.append(r.method()).append(' ').append(r.path()).append(" -> no bearer token\n");
            }
        }
        if (!problems.isEmpty()) {
            fail("requests that do not match the vendor spec:\n" + problems);
        }
    }

    private Request toRequest(RecordedRequest r) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(r.method(), basePath + r.path());
        if (r.query() != null && !r.query().isEmpty()) {
            for (String pair : r.query().split("&")) {
                String[] kv = pair.split("=", 2);
                b.withQueryParam(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        r.headers().forEach(b::withHeader);
        if (r.body() != null && !r.body().isEmpty()) {
            b.withBody(r.body());
        }
        return b.build();
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}

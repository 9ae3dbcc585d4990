package io.contactsync.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.quarkus.qute.TemplateExtension;

/**
 * How the console's templates write values: {@code {run.startedAt.utc}} gives "2025-01-31 14:05:09 UTC",
 * {@code {q.queryParam}} the text encoded for a URL's query string, {@code {error.truncated}} a summary.
 */
@TemplateExtension
public final class TemplateFormats {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private TemplateFormats() {
    }

    static String utc(Instant instant) {
        return UTC.format(instant);
    }

    /** The first line, at most 120 characters ("…" when cut): a long error's summary. */
    static String truncated(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() <= 120 && line.length() == text.length() ? line
                : line.substring(0, Math.min(120, line.length())) + "…";
    }

    static String queryParam(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** An ISO-8601 instant as the admin API writes it; any other text is left as it is. */
    static String utc(String iso) {
        try {
            return UTC.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}

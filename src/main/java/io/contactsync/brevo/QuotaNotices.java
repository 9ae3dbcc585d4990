package io.contactsync.brevo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.store.Database;
import io.contactsync.store.Jdbc;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Tells the owner about the quota (R4.5): a WARN log line, a metric, a row the admin API lists, and an optional
 * JSON POST to {@code brevo.quota.notify-url} (whose outcome is kept with the notice).
 */
@ApplicationScoped
public class QuotaNotices {

    private static final Logger LOG = Logger.getLogger(QuotaNotices.class);

    @Inject
    BrevoConfig config;

    @Inject
    Database database;

    @Inject
    MeterRegistry metrics;

    @Inject
    ObjectMapper mapper;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public void send(String kind, String month, String message) {
        LOG.warnf("Brevo quota %s: %s", kind, message);
        metrics.counter("contactsync.brevo.quota.notices", "kind", kind).increment();
        long id = Jdbc.inTransaction(database, c -> {
            Jdbc.update(c, "INSERT INTO brevo_notice (kind, quota_month, message, created_at) VALUES (?, ?, ?, ?)", kind,
                    month, message, Instant.now());
            return Jdbc.query(c, "SELECT MAX(id) FROM brevo_notice WHERE kind = ? AND quota_month = ?",
                    rs -> rs.getLong(1), kind, month).get(0);
        });
        config.quota().notifyUrl().filter(url -> !url.isBlank()).ifPresent(url -> post(id, url, kind, month, message));
    }

    public List<Map<String, Object>> list() {
        return Jdbc.inTransaction(database, c -> Jdbc.query(c, "SELECT id, kind, quota_month, message,"
                + " delivered, created_at FROM brevo_notice ORDER BY id DESC LIMIT 100", Jdbc::camelCaseRow));
    }

    private void post(long id, String url, String kind, String month, String message) {
        String body;
        try {
            body = mapper.writeValueAsString(Map.of("source", "contact-sync", "kind", kind, "month", month,
                    "message", message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> failure == null ? "HTTP " + response.statusCode()
                        : "failed: " + failure.getClass().getSimpleName())
                .thenAccept(outcome -> Jdbc.inTransaction(database,
                        c -> Jdbc.update(c, "UPDATE brevo_notice SET delivered = ? WHERE id = ?", outcome, id)));
    }
}

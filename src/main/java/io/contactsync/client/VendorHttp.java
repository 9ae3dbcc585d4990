package io.contactsync.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Every vendor call goes through here: it waits for the vendor's shared rate budget, honours 429 waits,
 * retries 5xx, 425, timeouts and connection errors with exponential back-off, and counts the call.
 */
@ApplicationScoped
public class VendorHttp {

    private static final Logger LOG = Logger.getLogger(VendorHttp.class);
    private static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(10);
    /** Brevo's "425 Too Early": the contact is still being processed; the same request succeeds later. */
    private static final int TOO_EARLY = 425;

    @Inject
    ClientConfig config;

    @Inject
    SharedRateBudgets shared;

    @Inject
    MeterRegistry metrics;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * Sends the request and returns any non-retryable answer (2xx or 4xx other than 425 and 429).
     *
     * @throws VendorUnavailableException when retries or the rate-limit wait are exhausted
     */
    public VendorResponse send(RateBudget budget, String operation, HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(config.http().timeout()).build();
        long rateLimitedMillis = 0;
        int failures = 0;
        while (true) {
            Exception failure;
            try {
                budget.acquire();
                shared.acquire(budget);
                VendorCallCounter.increment();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                count(budget.vendor(), operation, response.statusCode());
                if (response.statusCode() == 429) {
                    long wait = RetryAfter.of(response.headers(), DEFAULT_RATE_LIMIT_WAIT).toMillis();
                    rateLimitedMillis += wait;
                    if (rateLimitedMillis > config.rateLimit().maxWait().toMillis()) {
                        throw new VendorUnavailableException(budget.vendor() + " " + operation
                                + " still rate limited after waiting " + rateLimitedMillis + " ms", null);
                    }
                    LOG.warnf("%s answered 429 to %s; all %s calls wait %d ms", budget.vendor(), operation,
                            budget.vendor(), wait);
                    budget.pauseFor(wait);
                    continue;
                }
                if (response.statusCode() < 500 && response.statusCode() != TOO_EARLY) {
                    return new VendorResponse(response.statusCode(), response.body(), response.headers());
                }
                failure = new IOException("HTTP " + response.statusCode());
            } catch (IOException e) {
                count(budget.vendor(), operation, 0);
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VendorUnavailableException("interrupted while calling " + budget.vendor(), e);
            }
            failures++;
            if (failures >= config.retry().maxAttempts()) {
                throw new VendorUnavailableException(budget.vendor() + " " + operation + " failed after "
                        + failures + " attempts: " + describe(failure), failure);
            }
            LOG.warnf("%s %s failed (%s), attempt %d of %d", budget.vendor(), operation, describe(failure), failures,
                    config.retry().maxAttempts());
            sleep(backoff(failures));
        }
    }

    private long backoff(int failures) {
        long millis = config.retry().initialBackoff().toMillis() << Math.min(failures - 1, 16);
        return Math.min(millis, config.retry().maxBackoff().toMillis());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorUnavailableException("interrupted during back-off", e);
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private void count(String vendor, String operation, int status) {
        metrics.counter("contactsync.vendor.calls", "vendor", vendor, "operation", operation, "status",
                status == 0 ? "error" : Integer.toString(status)).increment();
    }
}

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
 * Every vendor call goes through here: it waits for the vendor's shared rate budget (or makes the call on the
 * reservation of the route's {@code vendor-budget} step), tells the budget what the answer's rate headers said,
 * waits out 429s as the budget says, retries 5xx, 425, timeouts and connection errors with exponential back-off,
 * and counts the call.
 */
@ApplicationScoped
public class VendorHttp {

    private static final Logger LOG = Logger.getLogger(VendorHttp.class);
    /** Brevo's "425 Too Early": the contact is still being processed; the same request succeeds later. */
    private static final int TOO_EARLY = 425;

    @Inject
    ClientConfig config;

    @Inject
    RateBudgets budgets;

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
        RatePermit permit = BudgetReservations.take(budget.vendor());
        while (true) {
            Exception failure;
            int status = 0;
            HttpResponse<String> response = null;
            try {
                if (permit == null) {
                    permit = budgets.acquire(budget);
                }
                VendorCallCounter.increment();
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                count(budget.vendor(), operation, status);
                if (status == 429) {
                    long wait = budget.answered(permit, status, response.headers(), response.body());
                    permit = null;
                    rateLimitedMillis += wait;
                    if (rateLimitedMillis > config.rateLimit().maxWait().toMillis()) {
                        throw new VendorUnavailableException(budget.vendor() + " " + operation
                                + " still rate limited after waiting " + rateLimitedMillis + " ms", null);
                    }
                    LOG.warnf("%s answered 429 to %s; all %s calls wait %d ms", budget.vendor(), operation,
                            budget.vendor(), wait);
                    continue;
                }
                if (status < 500 && status != TOO_EARLY) {
                    return new VendorResponse(status, response.body(), response.headers());
                }
                failure = new IOException("HTTP " + status);
            } catch (IOException e) {
                count(budget.vendor(), operation, 0);
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VendorUnavailableException("interrupted while calling " + budget.vendor(), e);
            } finally {
                if (permit != null) {
                    budget.answered(permit, status, response == null ? null : response.headers(),
                            response == null ? null : response.body());
                    permit = null;
                }
            }
            failures++;
            if (failures >= config.retry().maxAttempts()) {
                throw new VendorUnavailableException(budget.vendor() + " " + operation + " failed after "
                        + failures + " attempts: " + RetryBackoff.describe(failure), failure);
            }
            LOG.warnf("%s %s failed (%s), attempt %d of %d", budget.vendor(), operation, RetryBackoff.describe(failure), failures,
                    config.retry().maxAttempts());
            RetryBackoff.sleepAfter(failures, config.retry());
        }
    }

    private void count(String vendor, String operation, int status) {
        metrics.counter("contactsync.vendor.calls", "vendor", vendor, "operation", operation, "status",
                status == 0 ? "error" : Integer.toString(status)).increment();
    }
}

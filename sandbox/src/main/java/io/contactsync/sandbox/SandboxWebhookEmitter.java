package io.contactsync.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;


import org.jboss.logging.Logger;

/**
 * Delivers the simulators' webhooks asynchronously, retrying a few times with growing pauses until the receiver
 * answers 2xx. Never blocks the caller.
 */
public class SandboxWebhookEmitter {

    private static final Logger LOG = Logger.getLogger(SandboxWebhookEmitter.class);
    static final int MAX_ATTEMPTS = 4;
    private static final long FIRST_PAUSE_MILLIS = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    /**
     * Sends a webhook.
     *
     * @param description      what is delivered, for the log (must not contain personal data)
     * @param requestForAttempt builds the request for attempt 0, 1, ... (vendors re-sign, HubSpot counts attempts)
     */
    public void deliver(String description, IntFunction<HttpRequest> requestForAttempt) {
        attempt(description, requestForAttempt, 0);
    }

    private void attempt(String description, IntFunction<HttpRequest> requestForAttempt, int attempt) {
        client.sendAsync(requestForAttempt.apply(attempt), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> {
                    if (failure == null && response.statusCode() / 100 == 2) {
                        return;
                    }
                    String outcome = failure != null ? failure.toString() : "HTTP " + response.statusCode();
                    if (attempt + 1 >= MAX_ATTEMPTS) {
                        LOG.warnf("Sandbox webhook %s not delivered after %d attempts (last: %s)", description, MAX_ATTEMPTS, outcome);
                        return;
                    }
                    LOG.debugf("Sandbox webhook %s attempt %d failed (%s); retrying", description, attempt, outcome);
                    long pause = FIRST_PAUSE_MILLIS << (2 * attempt);
                    CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS)
                            .execute(() -> attempt(description, requestForAttempt, attempt + 1));
                });
    }

    /** A JSON POST with the request timeout every sandbox webhook uses. */
    static HttpRequest.Builder jsonPost(String url, byte[] body) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
}

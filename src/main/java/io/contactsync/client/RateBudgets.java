package io.contactsync.client;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.brevo.BrevoConfig;
import io.contactsync.client.hubspot.HubSpotConfig;
import io.contactsync.client.hubspot.HubSpotTier;
import io.contactsync.client.respondio.RespondioConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The rate budget of each vendor account, built from configuration (README, "Pacing"), and the one place a call is
 * granted: the vendor's in-memory budget, then (several replicas) the shared buckets in the database. Every budget
 * is in the metrics with a {@code vendor} tag.
 */
@ApplicationScoped
public class RateBudgets {

    @Inject
    HubSpotConfig hubspot;

    @Inject
    RespondioConfig respondio;

    @Inject
    BrevoConfig brevo;

    @Inject
    SharedRateBudgets shared;

    @Inject
    MeterRegistry metrics;

    private final Map<String, RateBudget> byVendor = new LinkedHashMap<>();

    @PostConstruct
    void init() {
        Clock clock = Clock.systemUTC();
        HubSpotTier tier = HubSpotTier.parse(hubspot.tier());
        add(new RateBudget("hubspot", RateHeaders.HUBSPOT,
                List.of(new RateBudget.Limit("10s", hubspot.rateLimit().per10Seconds().orElse(tier.requestsPer10Seconds),
                        10_000)),
                hubspot.rateLimit().daily().orElse(tier.requestsPerDay), clock));
        add(new RateBudget("respondio", RateHeaders.RESPONDIO,
                List.of(new RateBudget.Limit("1s", respondio.requestsPerSecond(), 1000)), Long.MAX_VALUE, clock));
        add(new RateBudget("brevo", RateHeaders.BREVO, List.of(new RateBudget.Limit("1s", brevo.requestsPerSecond(), 1000),
                new RateBudget.Limit("1h", brevo.requestsPerHour(), 3_600_000)), Long.MAX_VALUE, clock));
    }

    /** The budget of a vendor account: hubspot, respondio or brevo. */
    public RateBudget get(String vendor) {
        RateBudget budget = byVendor.get(vendor);
        if (budget == null) {
            throw new IllegalArgumentException("no rate budget '" + vendor + "'; there are " + byVendor.keySet());
        }
        return budget;
    }

    public Collection<RateBudget> all() {
        return byVendor.values();
    }

    /** Blocks until the vendor's budget (and, with several replicas, the shared one) grants a call. */
    public RatePermit acquire(RateBudget budget) throws InterruptedException {
        RatePermit permit = budget.acquire();
        try {
            shared.acquire(budget);
        } catch (InterruptedException | RuntimeException e) {
            budget.cancel(permit);
            throw e;
        }
        return permit;
    }

    /** A granted call that will not be made goes back to the budgets. */
    public void cancel(RatePermit permit) {
        if (permit.open()) {
            permit.budget().cancel(permit);
            shared.giveBack(permit.budget());
        }
    }

    private void add(RateBudget budget) {
        byVendor.put(budget.vendor(), budget);
        Tags tags = Tags.of("vendor", budget.vendor());
        Gauge.builder("contactsync.rate.budget.limit", budget, b -> b.snapshot().maxPerWindow()).tags(tags)
                .description("Calls allowed in the vendor's first window now (configured, lowered by its headers)")
                .register(metrics);
        Gauge.builder("contactsync.rate.budget.configured.limit", budget, b -> b.snapshot().configuredPerWindow())
                .tags(tags).description("Calls per first window as configured").register(metrics);
        Gauge.builder("contactsync.rate.budget.window.seconds", budget, b -> b.snapshot().windowMillis() / 1000.0)
                .tags(tags).description("Length of the vendor's first window").register(metrics);
        Gauge.builder("contactsync.rate.budget.window.calls", budget, b -> b.snapshot().callsInWindow()).tags(tags)
                .description("Calls counted in the first window now").register(metrics);
        Gauge.builder("contactsync.rate.budget.remaining", budget, b -> b.snapshot().remaining()).tags(tags)
                .description("Calls left in the first window now").register(metrics);
        Gauge.builder("contactsync.rate.budget.daily.calls", budget, b -> b.snapshot().callsToday()).tags(tags)
                .description("Calls made this UTC day").register(metrics);
        Gauge.builder("contactsync.rate.budget.daily.cap", budget, b -> b.dailyCap() == Long.MAX_VALUE ? -1 : b.dailyCap())
                .tags(tags).description("Calls allowed per day (-1: no cap)").register(metrics);
        Gauge.builder("contactsync.rate.budget.paused.seconds", budget, b -> b.snapshot().pausedForMillis() / 1000.0)
                .tags(tags).description("How long every call still waits after a 429").register(metrics);
        FunctionCounter.builder("contactsync.rate.budget.calls", budget, b -> b.snapshot().calls()).tags(tags)
                .description("Calls granted by the budget").register(metrics);
        FunctionCounter.builder("contactsync.rate.budget.too.many.requests", budget, b -> b.snapshot().tooManyRequests())
                .tags(tags).description("429 answers from the vendor").register(metrics);
    }
}

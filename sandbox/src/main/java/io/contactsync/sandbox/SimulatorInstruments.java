package io.contactsync.sandbox;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What a simulator watches and steers besides its contacts: journal, faults, rate limit and call counter. */
public final class SimulatorInstruments {

    private final SandboxJournal journal = new SandboxJournal();
    private final FaultInjector faults = new FaultInjector();
    private final ApiCallLimiter rateLimiter;
    private final AtomicLong apiCalls = new AtomicLong();
    /** Answered API calls by HTTP method, by "METHOD /route/template", and those answered with a non-2xx status. */
    private final ConcurrentHashMap<String, LongAdder> byMethod = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
    private final LongAdder non2xx = new LongAdder();
    private final LongAdder tooManyRequests = new LongAdder();
    private volatile boolean rateHeaders = true;

    SimulatorInstruments(int rateLimitPerWindow, long windowMillis) {
        this(new RequestRateLimiter(rateLimitPerWindow, windowMillis, Clock.systemUTC()));
    }

    SimulatorInstruments(ApiCallLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    SandboxJournal journal() {
        return journal;
    }

    FaultInjector faults() {
        return faults;
    }

    ApiCallLimiter rateLimiter() {
        return rateLimiter;
    }

    /** Enforces a sliding window of this many calls from now on (0 = unthrottled). */
    void limitRate(int perWindow) {
        if (!(rateLimiter instanceof RequestRateLimiter window)) {
            throw new UnsupportedOperationException("this simulator's allowance is not a rate window");
        }
        window.limit(perWindow);
    }

    boolean sendsRateHeaders() {
        return rateHeaders;
    }

    void sendRateHeaders(boolean send) {
        rateHeaders = send;
    }

    void countApiCall() {
        apiCalls.incrementAndGet();
    }

    long apiCalls() {
        return apiCalls.get();
    }

    /** Counts one answered API call (cheap: no journal copy), for {@link #stats()}. */
    void countAnswer(String method, String endpoint, int status) {
        byMethod.computeIfAbsent(method, m -> new LongAdder()).increment();
        byEndpoint.computeIfAbsent(method + " " + endpoint, e -> new LongAdder()).increment();
        if (status < 200 || status > 299) {
            non2xx.increment();
        }
        if (status == 429) {
            tooManyRequests.increment();
        }
    }

    /**
     * Counters since the last reset: {@code apiCalls}, {@code byMethod} (GET, POST, PATCH, PUT always present),
     * {@code byEndpoint} ("METHOD /route/template" relative to the vendor base), {@code non2xx},
     * {@code tooManyRequests} (429 answers) and {@code faultsServed} (requests an injected fault answered or delayed).
     */
    Map<String, Object> stats() {
        Map<String, Long> methods = new LinkedHashMap<>();
        for (String method : List.of("GET", "POST", "PATCH", "PUT")) {
            methods.put(method, 0L);
        }
        byMethod.forEach((method, count) -> methods.put(method, count.sum()));
        Map<String, Long> endpoints = new TreeMap<>();
        byEndpoint.forEach((endpoint, count) -> endpoints.put(endpoint, count.sum()));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("apiCalls", apiCalls.get());
        stats.put("byMethod", methods);
        stats.put("byEndpoint", endpoints);
        stats.put("non2xx", non2xx.sum());
        stats.put("tooManyRequests", tooManyRequests.sum());
        stats.put("faultsServed", faults.served());
        return stats;
    }

    void reset() {
        journal.clear();
        faults.reset();
        rateLimiter.reset();
        rateHeaders = true;
        apiCalls.set(0);
        byMethod.clear();
        byEndpoint.clear();
        non2xx.reset();
        tooManyRequests.reset();
    }
}

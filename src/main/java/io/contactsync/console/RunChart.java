package io.contactsync.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.pipeline.RunHistory;

/**
 * Runs per minute and failed runs over the last hour as bars of an inline SVG chart (drawn by the home template):
 * one bar per minute, oldest left, scaled to the busiest minute, and a sentence saying the same for screen readers.
 */
public record RunChart(List<Bar> bars, long runs, long failed, long busiest, String summary) {

    public static final int MINUTES = 60;
    /** Drawing area of the template's SVG (viewBox 0 0 WIDTH HEIGHT, the last 16 units for the time axis). */
    public static final int WIDTH = 600;
    public static final int PLOT_HEIGHT = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** One minute: position and heights in SVG units, and its label ("14:05 UTC: 12 runs, 1 failed"). */
    public record Bar(int x, int width, int runsY, int runsHeight, int failedY, int failedHeight, String label) {
    }

    public static Instant since(Instant now) {
        return now.minusSeconds(60L * (MINUTES - 1)).truncatedTo(ChronoUnit.MINUTES);
    }

    public static RunChart of(List<RunHistory.Minute> minutes, Instant now) {
        long first = since(now).getEpochSecond() / 60;
        Map<Long, RunHistory.Minute> byMinute = new HashMap<>();
        minutes.forEach(m -> byMinute.put(m.epochMinute(), m));
        long busiest = 0;
        long runs = 0;
        long failed = 0;
        for (RunHistory.Minute m : minutes) {
            if (m.epochMinute() >= first) {
                busiest = Math.max(busiest, m.runs());
                runs += m.runs();
                failed += m.failed();
            }
        }
        int slot = WIDTH / MINUTES;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < MINUTES; i++) {
            RunHistory.Minute m = byMinute.getOrDefault(first + i, new RunHistory.Minute(first + i, 0, 0));
            int runsHeight = scaled(m.runs(), busiest);
            int failedHeight = scaled(m.failed(), busiest);
            bars.add(new Bar(i * slot + 1, slot - 2, PLOT_HEIGHT - runsHeight, runsHeight, PLOT_HEIGHT - failedHeight,
                    failedHeight, TIME.format(Instant.ofEpochSecond((first + i) * 60)) + " UTC: " + m.runs()
                            + " runs, " + m.failed() + " failed"));
        }
        String summary = runs + " runs in the last hour, " + failed + " failed; busiest minute: " + busiest + " runs";
        return new RunChart(bars, runs, failed, busiest, summary);
    }

    /** Time labels under the bars: the first minute, every 15 minutes, "now". */
    public List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < MINUTES; i += 15) {
            ticks.add(new Tick(bars.get(i).x(), bars.get(i).label().substring(0, 5)));
        }
        ticks.add(new Tick(WIDTH - 24, "now"));
        return ticks;
    }

    public record Tick(int x, String text) {
    }

    private static int scaled(long value, long max) {
        if (value == 0 || max == 0) {
            return 0;
        }
        return (int) Math.max(2, Math.round(PLOT_HEIGHT * (double) value / max));
    }
}

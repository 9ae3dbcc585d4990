package io.contactsync.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.pipeline.RunHistory;

/**
 * Runs per minute and failed runs over the last hour as bars of an inline SVG chart (drawn by the home template,
 * viewBox 600 x 116: bars in the top 100 units, time labels below): one bar per minute, oldest left, scaled to the
 * busiest minute, each with a tooltip, and a sentence saying the same for screen readers.
 */
public record RunChart(List<Bar> bars, List<Tick> ticks, long runs, long failed, String summary) {

    private static final int MINUTES = 60;
    private static final int WIDTH = 600;
    private static final int PLOT_HEIGHT = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** One minute: position and heights in SVG units, and its tooltip ("14:05 UTC: 12 runs, 1 failed"). */
    public record Bar(int x, int width, int runsY, int runsHeight, int failedY, int failedHeight, String label) {
    }

    /** A time label under the bars. */
    public record Tick(int x, String text) {
    }

    /** The first minute the chart shows. */
    public static Instant since(Instant now) {
        return now.minusSeconds(60L * (MINUTES - 1)).truncatedTo(ChronoUnit.MINUTES);
    }

    public static RunChart of(List<RunHistory.Minute> minutes, Instant now) {
        long first = since(now).getEpochSecond() / 60;
        Map<Long, RunHistory.Minute> byMinute = new HashMap<>();
        long busiest = 0;
        long runs = 0;
        long failed = 0;
        for (RunHistory.Minute m : minutes) {
            if (m.epochMinute() >= first) {
                byMinute.put(m.epochMinute(), m);
                busiest = Math.max(busiest, m.runs());
                runs += m.runs();
                failed += m.failed();
            }
        }
        int slot = WIDTH / MINUTES;
        List<Bar> bars = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < MINUTES; i++) {
            RunHistory.Minute m = byMinute.getOrDefault(first + i, new RunHistory.Minute(first + i, 0, 0));
            String time = TIME.format(Instant.ofEpochSecond((first + i) * 60));
            int runsHeight = scaled(m.runs(), busiest);
            int failedHeight = scaled(m.failed(), busiest);
            bars.add(new Bar(i * slot + 1, slot - 2, PLOT_HEIGHT - runsHeight, runsHeight, PLOT_HEIGHT - failedHeight,
                    failedHeight, time + " UTC: " + m.runs() + " runs, " + m.failed() + " failed"));
            if (i % 15 == 0) {
                ticks.add(new Tick(i * slot + 1, time));
            }
        }
        ticks.add(new Tick(WIDTH - 24, "now"));
        return new RunChart(bars, ticks, runs, failed, runs + " runs in the last hour, " + failed
                + " failed; busiest minute: " + busiest + " runs");
    }

    private static int scaled(long value, long max) {
        return value == 0 || max == 0 ? 0 : (int) Math.max(2, Math.round(PLOT_HEIGHT * (double) value / max));
    }
}

package io.contactsync.brevo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.dashjoin.jsonata.Jsonata;

/**
 * What a HubSpot -> Brevo mapping file reads and writes, found without a contact: the HubSpot properties it names
 * ({@code $p.name} or {@code properties.name}) are read from HubSpot, and evaluating it on a probe contact that has
 * every one of them set shows which Brevo fields it fills (R4.3, R4.10 checks).
 */
public final class BrevoMapping {

    private static final Pattern PROPERTY = Pattern.compile("(?:\\$p|properties)\\.([A-Za-z0-9_]+)");
    private static final String PROBE = "probe";

    private final String file;
    private final List<String> hubspotProperties;
    private final Map<String, Object> probeOutput;

    private BrevoMapping(String file, List<String> hubspotProperties, Map<String, Object> probeOutput) {
        this.file = file;
        this.hubspotProperties = hubspotProperties;
        this.probeOutput = probeOutput;
    }

    /** @throws IllegalArgumentException naming the file and the problem when it cannot be read or evaluated */
    public static BrevoMapping load(Path mappingsDir, String file) {
        Path path = mappingsDir.resolve(file);
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("mapping file " + path + " cannot be read: " + e.getMessage());
        }
        Set<String> properties = new LinkedHashSet<>();
        Matcher m = PROPERTY.matcher(text.replaceAll("(?s)/\\*.*?\\*/", ""));
        while (m.find()) {
            properties.add(m.group(1));
        }
        properties.add("email");
        Map<String, Object> probe = new LinkedHashMap<>();
        properties.forEach(p -> probe.put(p, PROBE));
        Object output;
        try {
            output = Jsonata.jsonata(text).evaluate(Map.of("contact", Map.of("id", "0", "properties", probe)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("mapping file " + path + " does not evaluate: " + e.getMessage());
        }
        if (!(output instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("mapping file " + path + " must produce an object {email, attributes}");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) map;
        return new BrevoMapping(file, List.copyOf(properties), result);
    }

    public String file() {
        return file;
    }

    public List<String> hubspotProperties() {
        return hubspotProperties;
    }

    public boolean mapsEmail() {
        return probeOutput.get("email") != null;
    }

    /** The Brevo attribute names the mapping fills, as written in the file. */
    public Set<String> attributes() {
        return probeOutput.get("attributes") instanceof Map<?, ?> a ? castKeys(a) : Set.of();
    }

    private static Set<String> castKeys(Map<?, ?> map) {
        Set<String> keys = new LinkedHashSet<>();
        map.keySet().forEach(k -> keys.add(String.valueOf(k)));
        return keys;
    }
}

package io.contactsync.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.dashjoin.jsonata.Jsonata;

import io.contactsync.pipeline.SyncConfig;

/**
 * The mapping files the scenario routes read on every run ({@code sync.mappings-dir}): each must be a readable file
 * that compiles as JSONata. A Brevo integration's own mapping is checked with the integration (IntegrationValidator).
 */
@ApplicationScoped
public class MappingFiles {

    static final List<String> REQUIRED = List.of("respondio-to-hubspot.jsonata", "hubspot-to-respondio.jsonata",
            "hubspot-to-brevo.jsonata");

    @Inject
    SyncConfig sync;

    /** What is wrong, one line per problem, each naming the key and the path; empty when all is well. */
    public List<String> problems() {
        Path dir = Path.of(sync.mappingsDir()).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            return List.of("sync.mappings-dir=" + dir + ": " + (Files.exists(dir) ? "not a folder" : "no such folder"));
        }
        List<String> problems = new ArrayList<>();
        for (String name : REQUIRED) {
            Path file = dir.resolve(name);
            String problem = problem(file);
            if (problem != null) {
                problems.add("sync.mappings-dir=" + dir + ": " + name + " " + problem);
            }
        }
        return problems;
    }

    private static String problem(Path file) {
        if (!Files.exists(file)) {
            return "is missing";
        }
        if (!Files.isRegularFile(file)) {
            return "is not a file";
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return "cannot be read (" + e.getClass().getSimpleName() + ")";
        }
        try {
            Jsonata.jsonata(text);
            return null;
        } catch (RuntimeException e) {
            return "is not valid JSONata: " + e.getMessage();
        }
    }
}

package io.contactsync.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the kustomize manifests under kubernetes/ without a cluster or a kustomize binary.
 *
 * <p>Every resource and patch must parse into a typed fabric8 object with no unknown field; the
 * Deployment must wire port, probes, secrets and the routes/kamelets/mappings ConfigMaps the way the
 * app reads them; and because configMapGenerator has no globs, its file lists must name exactly the
 * files in the top-level routes/, kamelets/ and mappings/ folders. The generators are rendered here (name,
 * data keys, contents) the way kustomize renders them, minus the hash suffix.
 */
class KubernetesManifestsTest {

    private static final Path KUBERNETES = Path.of("kubernetes");
    private static final Path BASE = KUBERNETES.resolve("base");
    private static final Path POSTGRESQL = KUBERNETES.resolve("overlays/postgresql");
    private static final Path KAFKA = KUBERNETES.resolve("overlays/kafka");
    private static final Path ROUTES = Path.of("routes");
    private static final Path MAPPINGS = Path.of("mappings");
    private static final Path KAMELETS = Path.of("kamelets");

    private static final String APP_SECRET = "contact-sync-secrets";
    private static final Set<String> APP_SECRET_KEYS = Set.of("HUBSPOT_ACCESS_TOKEN", "HUBSPOT_CLIENT_SECRET",
            "RESPONDIO_API_TOKEN", "RESPONDIO_WEBHOOK_SIGNING_KEY", "ADMIN_TOKEN", "BREVO_API_KEY");
    private static final String POSTGRESQL_SECRET = "contact-sync-postgresql";
    private static final Map<String, Set<String>> SECRET_KEYS = Map.of(
            APP_SECRET, APP_SECRET_KEYS,
            POSTGRESQL_SECRET, Set.of("username", "password"));
    private static final Pattern SECRET_LIKE = Pattern.compile(".*(TOKEN|SECRET|PASSWORD|SIGNING_KEY).*");

    private static final Map<String, String> LABELS = Map.of(
            "app.kubernetes.io/name", "contact-sync",
            "app.kubernetes.io/version", "0.1.0");
    private static final String IMAGE = "ghcr.io/contact-sync/contact-sync";

    /** kubectl apply (client side) copies the object into an annotation, and annotations are capped at 256 KiB. */
    private static final int MAX_GENERATED_CONFIGMAP_BYTES = 200 * 1024;

    private static final KubernetesSerialization KUBERNETES_YAML = new KubernetesSerialization();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    // --- kustomization.yaml, as far as these manifests use it (an unknown field fails the parse) ---

    record Kustomization(String apiVersion, String kind, List<LabelSet> labels, List<String> resources,
            List<Image> images, List<Generator> configMapGenerator, List<Patch> patches) {
        Kustomization {
            labels = orEmpty(labels);
            resources = orEmpty(resources);
            images = orEmpty(images);
            configMapGenerator = orEmpty(configMapGenerator);
            patches = orEmpty(patches);
        }
    }

    record LabelSet(Map<String, String> pairs, boolean includeSelectors, boolean includeTemplates) {
    }

    record Image(String name, String newName, String newTag) {
    }

    record Generator(String name, String behavior, List<String> literals, List<String> files) {
        Generator {
            literals = orEmpty(literals);
            files = orEmpty(files);
        }
    }

    record Patch(String path) {
    }

    /** What a kustomization deploys: its resources (delete patches applied) and generated ConfigMaps by name. */
    record Rendered(List<HasMetadata> resources, Map<String, ConfigMap> configMaps) {
    }

    static Stream<Path> kustomizations() throws IOException {
        try (Stream<Path> files = Files.walk(KUBERNETES)) {
            return files.filter(file -> file.getFileName().toString().equals("kustomization.yaml"))
                    .map(Path::getParent)
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void baseAndOverlaysAreFound() throws IOException {
        assertTrue(kustomizations().toList().containsAll(List.of(BASE, POSTGRESQL, KAFKA)));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void kustomizationIsWellFormedAndLabelsItsResources(Path dir) {
        Kustomization kustomization = kustomization(dir);
        assertEquals("kustomize.config.k8s.io/v1beta1", kustomization.apiVersion(), dir + " apiVersion");
        assertEquals("Kustomization", kustomization.kind(), dir + " kind");
        if (!localResourceFiles(dir, kustomization).isEmpty()) {
            Map<String, String> labels = new TreeMap<>();
            kustomization.labels().forEach(set -> labels.putAll(set.pairs()));
            assertEquals(new TreeMap<>(LABELS), labels, dir + " labels the resources it adds");
        }
        kustomization.labels().forEach(set -> assertFalse(set.includeSelectors(),
                dir + ": selectors are immutable and spelled out in the manifests, keep version out of them"));
        for (String resource : kustomization.resources()) {
            assertTrue(Files.exists(dir.resolve(resource)), dir + ": resource " + resource + " does not exist");
        }
        for (Patch patch : kustomization.patches()) {
            assertTrue(Files.isRegularFile(dir.resolve(patch.path())), dir + ": patch " + patch.path() + " does not exist");
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void resourcesAndPatchesAreTypedKubernetesObjects(Path dir) {
        Kustomization kustomization = kustomization(dir);
        for (Path file : localResourceFiles(dir, kustomization)) {
            HasMetadata resource = load(file);
            assertValidObject(file, resource, false);
            assertInstanceOfKnownKind(file, resource);
        }
        for (Patch patch : kustomization.patches()) {
            Path file = dir.resolve(patch.path());
            HasMetadata target = load(file);
            assertValidObject(file, target, true);
            assertInstanceOfKnownKind(file, target);
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void secretsComeOnlyFromSecretKeyRefs(Path dir) {
        Kustomization kustomization = kustomization(dir);
        for (Generator generator : kustomization.configMapGenerator()) {
            for (String key : literals(generator).keySet()) {
                assertFalse(SECRET_LIKE.matcher(key).matches(),
                        dir + ": " + key + " looks secret; it belongs in a Secret, not in ConfigMap " + generator.name());
            }
        }
        List<Path> files = new ArrayList<>(localResourceFiles(dir, kustomization));
        kustomization.patches().forEach(patch -> files.add(dir.resolve(patch.path())));
        for (Path file : files) {
            HasMetadata object = load(file);
            assertFalse(object.getKind().equals("Secret"), file + ": no Secret in the repository, create it in the cluster");
            if (object instanceof Deployment deployment) {
                deployment.getSpec().getTemplate().getSpec().getContainers()
                        .forEach(container -> container.getEnv().forEach(env -> assertSecretSafe(file, env)));
            }
        }
    }

    @Test
    void baseDeploymentRunsTheAppAsItExpects() {
        Kustomization kustomization = kustomization(BASE);
        Rendered base = render(BASE);
        Deployment deployment = single(base.resources(), Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();

        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        deployment.getSpec().getSelector().getMatchLabels().forEach((key, value) ->
                assertEquals(value, podLabels.get(key), "pod template must carry selector label " + key));
        assertTrue(pod.getSecurityContext().getRunAsNonRoot(), "runAsNonRoot");

        Container container = single(pod.getContainers(), Container.class);
        assertEquals(IMAGE, container.getImage(), "image without tag: the kustomization's images: sets it");
        Image image = single(kustomization.images(), Image.class);
        assertEquals(IMAGE, image.name());
        assertNotNull(image.newTag(), "images: must pin a tag");

        ContainerPort port = single(container.getPorts(), ContainerPort.class);
        assertEquals(8080, port.getContainerPort());
        assertEquals("http", port.getName(), "probes and the Service use the port by name");
        assertHttpProbe("liveness", container.getLivenessProbe(), "/q/health/live");
        assertHttpProbe("readiness", container.getReadinessProbe(), "/q/health/ready");
        assertNotNull(container.getResources().getRequests().get("memory"), "memory request");
        assertNotNull(container.getResources().getLimits().get("memory"), "memory limit");

        Set<String> appSecretEnv = container.getEnv().stream()
                .filter(env -> secretRef(env) != null && APP_SECRET.equals(secretRef(env).getName()))
                .map(EnvVar::getName)
                .collect(Collectors.toSet());
        assertEquals(APP_SECRET_KEYS, appSecretEnv, "every secret of " + APP_SECRET + " reaches the container");

        assertEquals(List.of("contact-sync-config"), container.getEnvFrom().stream()
                .map(source -> source.getConfigMapRef().getName()).toList());
        Map<String, String> config = base.configMaps().get("contact-sync-config").getData();
        assertEquals(Set.of("HUBSPOT_BASE_URL", "HUBSPOT_TIER", "HUBSPOT_APP_ID", "RESPONDIO_BASE_URL",
                "BREVO_BASE_URL", "WEBHOOK_PUBLIC_BASE_URL", "SANDBOX_ENABLED", "STORE_DATA_DIR"), config.keySet());
        assertConfigMapMountedAt(base, container, "contact-sync-integrations", "/deployments/config");

        assertConfigMapMountedAt(base, container, "contact-sync-routes", envValue(container, "SYNC_ROUTES_DIR"));
        assertConfigMapMountedAt(base, container, "contact-sync-mappings", envValue(container, "SYNC_MAPPINGS_DIR"));
        assertConfigMapMountedAt(base, container, "contact-sync-kamelets", envValue(container, "SYNC_KAMELETS_DIR"));

        Service service = single(base.resources(), Service.class);
        assertEquals(deployment.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
        assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
    }

    @Test
    void baseKeepsTheH2DatabaseOnOneVolumeAndOnePod() {
        Rendered base = render(BASE);
        Deployment deployment = single(base.resources(), Deployment.class);
        assertEquals(1, deployment.getSpec().getReplicas(), "a file database serves one pod");
        assertEquals("Recreate", deployment.getSpec().getStrategy().getType(), "the old pod must release the file first");

        PersistentVolumeClaim claim = single(base.resources(), PersistentVolumeClaim.class);
        assertEquals(List.of("ReadWriteOnce"), claim.getSpec().getAccessModes());
        var pod = deployment.getSpec().getTemplate().getSpec();
        Volume data = pod.getVolumes().stream()
                .filter(volume -> volume.getPersistentVolumeClaim() != null
                        && claim.getMetadata().getName().equals(volume.getPersistentVolumeClaim().getClaimName()))
                .findFirst().orElseThrow(() -> new AssertionError("no volume uses the claim"));
        String dataDir = base.configMaps().get("contact-sync-config").getData().get("STORE_DATA_DIR");
        assertEquals(dataDir, mountPath(single(pod.getContainers(), Container.class), data.getName()));
    }

    @Test
    void postgresqlOverlayScalesWithoutTheVolume() {
        Rendered overlay = render(POSTGRESQL);
        assertTrue(overlay.resources().stream().noneMatch(PersistentVolumeClaim.class::isInstance), "PVC deleted");
        String jdbcUrl = overlay.configMaps().get("contact-sync-config").getData().get("QUARKUS_DATASOURCE_PG_JDBC_URL");
        assertTrue(jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql://"), "JDBC URL in contact-sync-config: " + jdbcUrl);

        Deployment patch = (Deployment) load(POSTGRESQL.resolve("deployment-patch.yaml"));
        assertEquals(3, patch.getSpec().getReplicas(), "replicas sharing the inbox through leases");
        assertTrue(patch.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds() >= 40,
                "time to finish requests (quarkus.shutdown.timeout) and hand the leases back");
        assertEquals("RollingUpdate", patch.getSpec().getStrategy().getType());
        var pod = patch.getSpec().getTemplate().getSpec();
        Container container = single(pod.getContainers(), Container.class);
        assertEquals("prod,postgresql", envValue(container, "QUARKUS_PROFILE"));
        assertEquals(POSTGRESQL_SECRET, secretRef(env(container, "QUARKUS_DATASOURCE_PG_USERNAME")).getName());
        assertEquals(POSTGRESQL_SECRET, secretRef(env(container, "QUARKUS_DATASOURCE_PG_PASSWORD")).getName());
        Volume data = single(pod.getVolumes(), Volume.class);
        assertNull(data.getPersistentVolumeClaim(), "the patch removes the claim from the data volume");
        assertNotNull(data.getEmptyDir(), "the data volume becomes an emptyDir");

        PodDisruptionBudget budget = single(overlay.resources(), PodDisruptionBudget.class);
        Deployment base = single(overlay.resources(), Deployment.class);
        assertEquals(base.getSpec().getSelector(), budget.getSpec().getSelector());
    }

    @Test
    void kafkaOverlayRunsThreeReplicasOnPostgresqlWithTheEventLog() {
        assertEquals(List.of("../postgresql"), kustomization(KAFKA).resources(),
                "the postgresql overlay: 3 replicas, the PodDisruptionBudget, no volume");
        Rendered overlay = render(KAFKA);
        Map<String, String> config = overlay.configMaps().get("contact-sync-config").getData();
        assertEquals("kafka", config.get("SYNC_INBOX"));
        assertFalse(isBlank(config.get("SYNC_KAFKA_BOOTSTRAP_SERVERS")), "the broker's address");
        assertTrue(config.get("QUARKUS_DATASOURCE_PG_JDBC_URL").startsWith("jdbc:postgresql://"),
                "PostgreSQL keeps the state and the event-id dedupe");
        assertTrue(overlay.resources().stream().noneMatch(PersistentVolumeClaim.class::isInstance), "PVC deleted");
        PodDisruptionBudget budget = single(overlay.resources(), PodDisruptionBudget.class);
        Deployment deployment = single(overlay.resources(), Deployment.class);
        assertEquals(deployment.getSpec().getSelector(), budget.getSpec().getSelector());
        assertHttpProbe("readiness", single(deployment.getSpec().getTemplate().getSpec().getContainers(),
                Container.class).getReadinessProbe(), "/q/health/ready");

        Deployment patch = (Deployment) load(KAFKA.resolve("deployment-patch.yaml"));
        long revoke = java.time.Duration.parse("PT" + config.get("SYNC_KAFKA_REVOKE_TIMEOUT").toUpperCase()).toSeconds();
        assertTrue(patch.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds() >= 30 + revoke + 10,
                "time to answer the webhooks in flight (quarkus.shutdown.timeout 30 s), then to record the runs of"
                        + " the partitions and commit them (sync.kafka.revoke-timeout) before the pod is killed");
    }

    @Test
    void generatorsListExactlyTheRouteKameletAndMappingFiles() throws IOException {
        Kustomization kustomization = kustomization(BASE);
        assertGeneratorFiles(kustomization, "contact-sync-routes", ROUTES, ".camel.yaml");
        assertGeneratorFiles(kustomization, "contact-sync-kamelets", KAMELETS, ".kamelet.yaml");
        assertGeneratorFiles(kustomization, "contact-sync-mappings", MAPPINGS, ".jsonata");
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void generatedConfigMapsCarryTheCurrentFiles(Path dir) throws IOException {
        Map<String, ConfigMap> configMaps = render(dir).configMaps();
        assertConfigMapHoldsFolder(configMaps.get("contact-sync-routes"), ROUTES, ".camel.yaml");
        assertConfigMapHoldsFolder(configMaps.get("contact-sync-kamelets"), KAMELETS, ".kamelet.yaml");
        assertConfigMapHoldsFolder(configMaps.get("contact-sync-mappings"), MAPPINGS, ".jsonata");
        for (ConfigMap configMap : configMaps.values()) {
            int bytes = configMap.getData().entrySet().stream()
                    .mapToInt(entry -> (entry.getKey() + entry.getValue()).getBytes(StandardCharsets.UTF_8).length)
                    .sum();
            assertTrue(bytes < MAX_GENERATED_CONFIGMAP_BYTES, configMap.getMetadata().getName() + " is too large for kubectl apply");
        }
    }

    // --- rendering: what kustomize builds, without strategic-merge patches and hash suffixes ---

    private static Rendered render(Path dir) {
        Kustomization kustomization = kustomization(dir);
        List<HasMetadata> resources = new ArrayList<>();
        Map<String, ConfigMap> configMaps = new LinkedHashMap<>();
        for (String entry : kustomization.resources()) {
            Path path = dir.resolve(entry).normalize();
            if (Files.isDirectory(path)) {
                Rendered base = render(path);
                resources.addAll(base.resources());
                configMaps.putAll(base.configMaps());
            } else {
                resources.add(load(path));
            }
        }
        for (Generator generator : kustomization.configMapGenerator()) {
            Map<String, String> data = new TreeMap<>();
            if ("merge".equals(generator.behavior())) {
                ConfigMap base = configMaps.get(generator.name());
                assertNotNull(base, dir + ": merge into unknown ConfigMap " + generator.name());
                data.putAll(base.getData());
            } else {
                assertNull(generator.behavior(), dir + ": behavior " + generator.behavior() + " is not rendered by this test");
                assertFalse(configMaps.containsKey(generator.name()), dir + ": " + generator.name() + " generated twice");
            }
            data.putAll(literals(generator));
            for (Path file : generatorFiles(dir, generator)) {
                String key = file.getFileName().toString();
                assertNull(data.put(key, read(file)), dir + ": two files named " + key + " in " + generator.name());
            }
            configMaps.put(generator.name(), new ConfigMapBuilder()
                    .withNewMetadata().withName(generator.name()).endMetadata()
                    .withData(data)
                    .build());
        }
        for (Patch patch : kustomization.patches()) {
            Path file = dir.resolve(patch.path());
            HasMetadata target = load(file);
            if (isDeletePatch(file)) {
                assertTrue(resources.removeIf(resource -> resource.getKind().equals(target.getKind())
                        && resource.getMetadata().getName().equals(target.getMetadata().getName())),
                        dir + ": " + patch.path() + " deletes nothing");
            }
        }
        return new Rendered(resources, configMaps);
    }

    private static Kustomization kustomization(Path dir) {
        try {
            return YAML.readValue(dir.resolve("kustomization.yaml").toFile(), Kustomization.class);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + "/kustomization.yaml", e);
        }
    }

    private static List<Path> localResourceFiles(Path dir, Kustomization kustomization) {
        return kustomization.resources().stream()
                .map(dir::resolve)
                .filter(Files::isRegularFile)
                .toList();
    }

    private static List<Path> generatorFiles(Path dir, Generator generator) {
        List<Path> files = new ArrayList<>();
        for (String entry : generator.files()) {
            assertFalse(entry.contains("="), generator.name() + ": key=path entries are not rendered by this test");
            Path file = dir.resolve(entry).normalize();
            assertTrue(Files.isRegularFile(file), generator.name() + " lists missing file " + file);
            files.add(file);
        }
        return files;
    }

    private static Map<String, String> literals(Generator generator) {
        Map<String, String> literals = new TreeMap<>();
        for (String literal : generator.literals()) {
            int separator = literal.indexOf('=');
            assertTrue(separator > 0, generator.name() + ": literal without key: " + literal);
            literals.put(literal.substring(0, separator), literal.substring(separator + 1));
        }
        return literals;
    }

    private static HasMetadata load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Object object = KUBERNETES_YAML.unmarshal(in);
            return assertInstanceOf(HasMetadata.class, object, file + " must hold exactly one Kubernetes object");
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    private static boolean isDeletePatch(Path file) {
        try {
            return YAML.readTree(file.toFile()).path("$patch").asText().equals("delete");
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    // --- assertions ---

    private static void assertValidObject(Path file, HasMetadata object, boolean patch) {
        assertFalse(isBlank(object.getApiVersion()), file + ": apiVersion");
        assertFalse(isBlank(object.getKind()), file + ": kind");
        assertFalse(isBlank(object.getMetadata() == null ? null : object.getMetadata().getName()), file + ": metadata.name");
        List<String> unknown = unknownFields(object, object.getKind());
        if (patch) {
            unknown.remove(object.getKind() + ".$patch");
        }
        assertEquals(List.of(), unknown, file + ": fields unknown to the Kubernetes model (typo?)");
    }

    private static void assertInstanceOfKnownKind(Path file, HasMetadata resource) {
        assertFalse(resource instanceof GenericKubernetesResource, file + ": unknown kind " + resource.getKind());
    }

    private static void assertHttpProbe(String name, Probe probe, String path) {
        assertNotNull(probe, name + " probe");
        assertEquals(path, probe.getHttpGet().getPath(), name + " probe path");
        assertEquals("http", probe.getHttpGet().getPort().getStrVal(), name + " probe port");
    }

    private static void assertSecretSafe(Path file, EnvVar env) {
        SecretKeySelector ref = secretRef(env);
        if (ref == null) {
            assertFalse(SECRET_LIKE.matcher(env.getName()).matches(), file + ": " + env.getName() + " must come from a Secret");
            return;
        }
        assertTrue(SECRET_KEYS.containsKey(ref.getName()), file + ": " + env.getName() + " refers to unknown Secret " + ref.getName());
        assertTrue(SECRET_KEYS.get(ref.getName()).contains(ref.getKey()),
                file + ": " + env.getName() + " refers to unknown key " + ref.getKey() + " of " + ref.getName());
        assertEquals(Boolean.FALSE, ref.getOptional(), file + ": " + env.getName() + " must not be optional");
        if (ref.getName().equals(APP_SECRET)) {
            assertEquals(env.getName(), ref.getKey(), file + ": env name and Secret key differ");
        }
    }

    private static void assertConfigMapMountedAt(Rendered base, Container container, String configMap, String path) {
        assertNotNull(base.configMaps().get(configMap), configMap + " is generated (so kustomize adds its hash)");
        Deployment deployment = single(base.resources(), Deployment.class);
        Volume volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(candidate -> candidate.getConfigMap() != null && configMap.equals(candidate.getConfigMap().getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no volume for ConfigMap " + configMap));
        assertEquals(path, mountPath(container, volume.getName()), configMap + " mount");
    }

    private static void assertGeneratorFiles(Kustomization kustomization, String name, Path folder, String suffix)
            throws IOException {
        Generator generator = kustomization.configMapGenerator().stream()
                .filter(candidate -> candidate.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no configMapGenerator " + name));
        List<Path> listed = generatorFiles(BASE, generator);
        assertEquals(folderFiles(folder, suffix), new TreeSet<>(listed),
                name + " in " + BASE + "/kustomization.yaml must list every " + folder + "/*" + suffix + " file (kustomize has no globs)");
    }

    private static void assertConfigMapHoldsFolder(ConfigMap configMap, Path folder, String suffix) throws IOException {
        assertNotNull(configMap, "ConfigMap for " + folder);
        Map<String, String> expected = new TreeMap<>();
        for (Path file : folderFiles(folder, suffix)) {
            expected.put(file.getFileName().toString(), read(file));
        }
        assertEquals(expected, new TreeMap<>(configMap.getData()), configMap.getMetadata().getName() + " data");
    }

    // --- helpers ---

    private static Set<Path> folderFiles(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix))
                    .map(Path::normalize)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * Fields fabric8 does not know land in additionalProperties rather than failing the parse; collect
     * them (as dotted paths) by walking the model's JSON properties.
     */
    private static List<String> unknownFields(Object node, String path) {
        List<String> unknown = new ArrayList<>();
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknown.addAll(unknownFields(item, path + "[" + index++ + "]"));
            }
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknown.addAll(unknownFields(value, path + "." + key)));
        } else if (node instanceof KubernetesResource) {
            for (Method getter : node.getClass().getMethods()) {
                if (getter.getParameterCount() > 0) {
                    continue;
                }
                if (getter.isAnnotationPresent(JsonAnyGetter.class)) {
                    ((Map<?, ?>) invoke(getter, node)).keySet().forEach(key -> unknown.add(path + "." + key));
                } else if (getter.isAnnotationPresent(JsonProperty.class)) {
                    unknown.addAll(unknownFields(invoke(getter, node), path + "." + getter.getAnnotation(JsonProperty.class).value()));
                }
            }
        }
        return unknown;
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter.toString(), e);
        }
    }

    private static <T> T single(List<?> items, Class<T> type) {
        List<T> matches = items.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, matches.size(), "expected exactly one " + type.getSimpleName() + " in " + items);
        return matches.get(0);
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(env -> env.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static String envValue(Container container, String name) {
        return env(container, name).getValue();
    }

    private static SecretKeySelector secretRef(EnvVar env) {
        return env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
    }

    private static String mountPath(Container container, String volume) {
        return container.getVolumeMounts().stream()
                .filter(mount -> mount.getName().equals(volume))
                .map(VolumeMount::getMountPath)
                .findFirst().orElseThrow(() -> new AssertionError("volume " + volume + " is not mounted"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return Objects.requireNonNullElse(list, List.of());
    }
}

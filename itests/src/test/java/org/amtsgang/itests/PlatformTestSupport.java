package org.amtsgang.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.BundleContext;

/**
 * Boots the project's own distribution once for the whole suite (PerSuite), on free ports, and
 * gives tests an HTTP client for its API. Tests run inside the container.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public abstract class PlatformTestSupport {

    static final String HTTP_PORT = "amtsgang.itest.http.port";
    /** The key the sandbox provider signs its notifications with in the tests. */
    static final String SANDBOX_SECRET = "itest-sandbox-secret";

    static final String IMAP_PORT = "amtsgang.itest.imap.port";
    static final String OIDC_ISSUER = "amtsgang.itest.oidc.issuer";
    static final String HUNDESTEUER_JAR = "amtsgang.hundesteuer.jar";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] configuration() throws IOException {
        String http = String.valueOf(TestServers.freePort());
        TestServers.start();
        String oidc = "etc/org.amtsgang.identity.oidc-" + TestServers.OIDC_ISSUER_ID + ".cfg";
        String staffOidc = "etc/org.amtsgang.identity.oidc-" + TestServers.STAFF_ISSUER_ID + ".cfg";
        return options(
                // -Damtsgang.itest.keep=true keeps target/exam/<id> (logs!) after the run
                Boolean.getBoolean("amtsgang.itest.keep")
                        ? org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder()
                        : org.ops4j.pax.exam.CoreOptions.composite(),
                karafDistributionConfiguration()
                        .frameworkUrl(new File(System.getProperty("amtsgang.assembly"))
                                .toURI()
                                .toString())
                        .karafVersion(System.getProperty("karaf.version"))
                        .name("Amtsgang")
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", http),
                editConfigurationFilePut(
                        "etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(TestServers.freePort())),
                editConfigurationFilePut(
                        "etc/org.apache.karaf.management.cfg",
                        "rmiRegistryPort",
                        String.valueOf(TestServers.freePort())),
                editConfigurationFilePut(
                        "etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(TestServers.freePort())),
                editConfigurationFilePut(
                        "etc/org.ops4j.pax.url.mvn.cfg",
                        "org.ops4j.pax.url.mvn.localRepository",
                        System.getProperty("org.ops4j.pax.url.mvn.localRepository")),
                // the demo accounts are the suite's fixtures
                editConfigurationFilePut("etc/org.amtsgang.identity.cfg", "demo", "true"),
                // the sandbox provider calls back and sends payers back on the test's port
                editConfigurationFilePut(
                        "etc/org.amtsgang.payment.sandbox.cfg",
                        "callbackUrl",
                        "http://127.0.0.1:" + http + "/api/v1/payments/callbacks/sandbox"),
                editConfigurationFilePut(
                        "etc/org.amtsgang.payment.sandbox.cfg", "publicUrl", "http://127.0.0.1:" + http),
                editConfigurationFilePut("etc/org.amtsgang.payment.sandbox.cfg", "secret", SANDBOX_SECRET),
                editConfigurationFilePut(
                        "etc/org.amtsgang.payment.cfg", "returnUrlPrefixes", "http://127.0.0.1:" + http + "/"),
                editConfigurationFilePut(
                        "etc/org.amtsgang.payment.cfg", "portalUrl", "http://127.0.0.1:" + http + "/portal"),
                editConfigurationFilePut("etc/org.amtsgang.notification.smtp.cfg", "host", "127.0.0.1"),
                editConfigurationFilePut(
                        "etc/org.amtsgang.notification.smtp.cfg", "port", String.valueOf(TestServers.smtpPort())),
                editConfigurationFilePut("etc/org.amtsgang.notification.smtp.cfg", "startTls", "false"),
                editConfigurationFilePut(oidc, "id", TestServers.OIDC_ISSUER_ID),
                editConfigurationFilePut(oidc, "name", "BundID (Test)"),
                editConfigurationFilePut(oidc, "issuer", TestServers.oidcIssuer()),
                editConfigurationFilePut(oidc, "clientId", "amtsgang"),
                editConfigurationFilePut(oidc, "clientSecret", "test-secret"),
                editConfigurationFilePut(
                        oidc,
                        "redirectUri",
                        "http://127.0.0.1:" + http + "/api/v1/auth/oidc/" + TestServers.OIDC_ISSUER_ID + "/callback"),
                editConfigurationFilePut(oidc, "acrMapping", "substantial=SUBSTANTIAL,high=HIGH"),
                editConfigurationFilePut(staffOidc, "id", TestServers.STAFF_ISSUER_ID),
                editConfigurationFilePut(staffOidc, "name", "Dienstkonto (Test)"),
                editConfigurationFilePut(staffOidc, "issuer", TestServers.oidcIssuer(TestServers.STAFF_ISSUER_ID)),
                editConfigurationFilePut(staffOidc, "clientId", "amtsgang-staff"),
                editConfigurationFilePut(staffOidc, "clientSecret", "test-secret"),
                editConfigurationFilePut(
                        staffOidc,
                        "redirectUri",
                        "http://127.0.0.1:" + http + "/api/v1/auth/oidc/" + TestServers.STAFF_ISSUER_ID + "/callback"),
                editConfigurationFilePut(staffOidc, "audience", "STAFF"),
                // the probe waits for Pax Exam's own services, which start with the boot features: on a
                // busy machine that takes longer than the default 10 s
                systemProperty("pax.exam.service.timeout").value("180000"),
                org.ops4j.pax.exam.CoreOptions.systemTimeout(180_000),
                systemProperty(HTTP_PORT).value(http),
                systemProperty(IMAP_PORT).value(String.valueOf(TestServers.imapPort())),
                systemProperty(OIDC_ISSUER).value(TestServers.oidcIssuer()),
                systemProperty(HUNDESTEUER_JAR).value(System.getProperty(HUNDESTEUER_JAR)),
                // STACK pitfall 10: the flags bin/karaf passes on Java 17, which Pax Exam does not;
                // without the spec locator in java.base, JavaMail's activation lookups fail
                vmOption("--add-reads=java.xml=java.logging"),
                vmOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
                vmOption("--patch-module=java.base=lib/endorsed/org.apache.karaf.specs.locator-"
                        + System.getProperty("karaf.version") + ".jar"),
                vmOption("--patch-module=java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-"
                        + System.getProperty("karaf.version") + ".jar"),
                vmOption("--add-opens=java.base/java.security=ALL-UNNAMED"),
                vmOption("--add-opens=java.base/java.net=ALL-UNNAMED"),
                vmOption("--add-opens=java.base/java.lang=ALL-UNNAMED"),
                vmOption("--add-opens=java.base/java.util=ALL-UNNAMED"),
                vmOption("--add-opens=java.naming/javax.naming.spi=ALL-UNNAMED"),
                vmOption("--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED"),
                mavenBundle(maven("org.hamcrest", "hamcrest", "2.2")),
                mavenBundle(maven("org.awaitility", "awaitility", System.getProperty("awaitility.version"))));
    }

    /**
     * Every test starts on a platform that is up: the API answers, the demo offices' services are
     * listed and the identity area serves. Immediate after the first test.
     */
    @org.junit.Before
    public void platformIsUp() {
        // Once the platform failed to come up, every later test fails at once with the same reason
        // (instead of each waiting 90 s: 50 tests would hold CI for more than an hour).
        if (platformDown != null) {
            throw new AssertionError("the platform was not up for an earlier test: " + platformDown);
        }
        // the first test also waits for the boot, which takes longer on a busy machine
        Duration patience = Duration.ofSeconds(wasUp ? 90 : 240);
        try {
            org.awaitility.Awaitility.await("platform up")
                    .atMost(patience)
                    .ignoreExceptions()
                    .until(() -> answers("/v1/auth/providers")
                            && answers("/v1/services/buergeramt-meldebescheinigung")
                            && answers("/v1/services/steueramt-hundesteuer-anmeldung")
                            && servesEveryArea());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            platformDown = "no 200 within " + patience.toSeconds() + " s; last answer: " + lastAnswer + "; karaf.log: "
                    + firstErrors();
            throw new AssertionError(platformDown, e);
        }
        wasUp = true;
    }

    /**
     * Whether the API serves the resources of every platform area. An area that starts late makes
     * the API rebuild, and requests meanwhile get 503: without this, the first test after the boot
     * sometimes met that rebuild (seen when a test class ran alone).
     */
    private static boolean servesEveryArea() {
        HttpResponse<String> response = get("/openapi.json");
        lastAnswer = "/openapi.json -> " + response.statusCode();
        if (response.statusCode() != 200) {
            return false;
        }
        String paths = response.body();
        for (String area : List.of("/v1/cases", "/v1/payments", "/v1/documents", "/v1/postfach", "/v1/me")) {
            if (!paths.contains("\"" + area)) {
                lastAnswer = "/openapi.json has no " + area + " yet";
                return false;
            }
        }
        return true;
    }

    private static volatile boolean wasUp;
    private static volatile String platformDown;
    private static volatile String lastAnswer = "none";

    private static boolean answers(String path) {
        try {
            HttpResponse<String> response = get(path);
            String body = response.body() == null ? "" : response.body().replaceAll("\\s+", " ");
            lastAnswer = path + " -> " + response.statusCode() + " " + body.substring(0, Math.min(300, body.length()));
            return response.statusCode() == 200;
        } catch (RuntimeException e) {
            lastAnswer = path + " -> " + e;
            throw e;
        }
    }

    /** The first ERROR lines of the container's log, so that a CI report says why. */
    private static String firstErrors() {
        Path log = karafBase().resolve("data/log/karaf.log");
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log)) {
            return lines.filter(line -> line.contains("| ERROR |"))
                    .limit(3)
                    .map(line -> line.substring(0, Math.min(400, line.length())))
                    .reduce((a, b) -> a + " || " + b)
                    .orElse("no ERROR lines");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "unreadable (" + e + ")";
        }
    }

    /**
     * The container's log lines that mention any of the words (the last 20), for a failure message
     * that says what the platform did meanwhile.
     */
    protected static String logLines(String... words) {
        Path log = karafBase().resolve("data/log/karaf.log");
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log)) {
            List<String> hits = lines.filter(
                            line -> java.util.Arrays.stream(words).anyMatch(line::contains))
                    .map(line -> line.substring(0, Math.min(400, line.length())))
                    .collect(java.util.stream.Collectors.toList());
            return hits.isEmpty()
                    ? "no log line mentions " + java.util.Arrays.toString(words)
                    : String.join("\n", hits.subList(Math.max(0, hits.size() - 20), hits.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "karaf.log unreadable (" + e + ")";
        }
    }

    /** A GET of the platform API, path relative to {@code /api}. */
    protected static HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.GET().build());
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static URI api(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty(HTTP_PORT) + "/api" + path);
    }

    protected static Path karafBase() {
        return Path.of(System.getProperty("karaf.base"));
    }
}

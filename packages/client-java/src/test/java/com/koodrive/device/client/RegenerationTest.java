package com.koodrive.device.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a spec edit does to Java callers, with no hand edit: `npm run generate` runs the generator on edited copies of
 * the spec (scripts/regeneration-variants.mjs) into packages/integration-tests/fixtures/regenerated/VARIANT/
 * java/generated. Each is compiled here with this package's hand-written code and a caller (the consumer project
 * of test:java-consumer, which reads every device field): an added optional field reaches BoundDeviceEntity as a
 * getter the client fills in; a renamed required field fails the build exactly where the caller reads it. The
 * growth variants (a parameter, an operation) are SpecGrowthTest's, which uses the helpers here.
 */
class RegenerationTest {
  private static final Path ROOT = MockServerProcess.repoRoot();
  private static final Path FIXTURES = ROOT.resolve("packages/integration-tests/fixtures/regenerated");
  private static final Path CALLER = ROOT.resolve("scripts/java-consumer/src/main/java");
  private static final Path FACADE = ROOT.resolve("packages/client-java/src/main/java");

  private static String added;
  private static String renamedFrom;

  @BeforeAll
  static void readTheVariantsFieldNames() throws Exception {
    // The field names come from the variants module: the added one is additiveField(today's spec), the first
    // candidate the spec does not have yet; the renamed one is RENAMED_REQUIRED_FIELD.
    String script =
        "const m = await import(process.argv[1]);"
            + "const { parse } = await import('yaml');"
            + "const { readFileSync } = await import('node:fs');"
            + "const added = m.additiveField(parse(readFileSync(process.argv[2], 'utf8'))).name;"
            + "console.log(JSON.stringify({ added, renamed: m.RENAMED_REQUIRED_FIELD }));";
    Process node =
        new ProcessBuilder(
                "node", "--input-type=module", "-e", script,
                ROOT.resolve("scripts/regeneration-variants.mjs").toUri().toString(),
                ROOT.resolve("openapi/koodrive-device.yaml").toString())
            .directory(ROOT.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    JsonNode names = new ObjectMapper().readTree(node.getInputStream());
    assertThat(node.waitFor()).isZero();
    added = names.get("added").asText();
    renamedFrom = names.get("renamed").get("from").asText();
  }

  private static String getter(String field) {
    return "get" + field.substring(0, 1).toUpperCase(Locale.ROOT) + field.substring(1);
  }

  static List<File> javaFiles(Path... roots) throws IOException {
    List<File> files = new ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(path -> path.toString().endsWith(".java")).forEach(path -> files.add(path.toFile()));
      }
    }
    return files;
  }

  /** The test classpath without this package's own classes: only the client's dependencies. */
  static List<String> dependencyClasspath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.replace('\\', '/').matches(".*/target/(test-)?classes/?"))
        .collect(Collectors.toList());
  }

  static DiagnosticCollector<JavaFileObject> compile(String variant, Path out, Path... extra)
      throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<Path> roots = new ArrayList<>(List.of(FIXTURES.resolve(variant).resolve("java").resolve("generated"), FACADE, CALLER));
    roots.addAll(List.of(extra));
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of("-d", out.toString(), "-classpath", String.join(File.pathSeparator, dependencyClasspath()),
              "--release", "17", "-proc:none", "-nowarn");
      compiler.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromFiles(javaFiles(
          roots.toArray(Path[]::new)))).call();
    }
    return diagnostics;
  }

  static List<Diagnostic<? extends JavaFileObject>> errors(DiagnosticCollector<JavaFileObject> diagnostics) {
    return diagnostics.getDiagnostics().stream()
        .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
        .collect(Collectors.toList());
  }

  @Test
  void anAddedOptionalFieldReachesBoundDeviceEntityAsAGetterWithNoHandEdit(@TempDir Path scratch) throws Exception {
    Path probeDir = scratch.resolve("probe/com/koodrive/device/client");
    Files.createDirectories(probeDir);
    Files.writeString(
        probeDir.resolve("AddedFieldProbe.java"),
        "package com.koodrive.device.client;\n"
            + "public final class AddedFieldProbe {\n"
            + "  public static String firstDevicesField(String baseUrl) {\n"
            + "    return KooDriveClient.builder().baseUrl(baseUrl).accessToken(\"t\").userId(\"u\").build()\n"
            + "        .listBoundDevices().get(0)." + getter(added) + "();\n"
            + "  }\n"
            + "}\n");
    Path out = Files.createDirectories(scratch.resolve("classes"));

    DiagnosticCollector<JavaFileObject> diagnostics = compile("additive-optional-field", out, scratch.resolve("probe"));

    assertThat(errors(diagnostics)).isEmpty();
    String device = FakeKooDrive.TWO_DEVICES.replaceFirst("\\{\"deviceId\"", "{\"" + added + "\":\"MGI-AN00\",\"deviceId\"");
    try (FakeKooDrive server = new FakeKooDrive().then(FakeKooDrive.json(200, device));
        URLClassLoader loader = isolatedLoader(out)) {
      Method probe = loader.loadClass("com.koodrive.device.client.AddedFieldProbe").getMethod("firstDevicesField",
          String.class);
      assertThat(probe.invoke(null, server.url())).isEqualTo("MGI-AN00");
    }
  }

  @Test
  void aRenamedRequiredFieldFailsTheBuildWhereACallerReadsIt(@TempDir Path scratch) throws Exception {
    DiagnosticCollector<JavaFileObject> diagnostics = compile("renamed-required-field", scratch);

    List<Diagnostic<? extends JavaFileObject>> errors = errors(diagnostics);
    assertThat(errors).isNotEmpty();
    for (Diagnostic<? extends JavaFileObject> error : errors) {
      assertThat(error.getSource().getName()).endsWith("ListDevices.java");
      String line = Files.readAllLines(Path.of(error.getSource().toUri())).get((int) error.getLineNumber() - 1);
      assertThat(line).contains(getter(renamedFrom) + "()");
    }
  }

  /** The compiled variant with the client's dependencies, not this package's own (current) classes. */
  static URLClassLoader isolatedLoader(Path classes) throws IOException {
    List<URL> urls = new ArrayList<>();
    urls.add(classes.toUri().toURL());
    for (String entry : dependencyClasspath()) urls.add(Path.of(entry).toUri().toURL());
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }
}

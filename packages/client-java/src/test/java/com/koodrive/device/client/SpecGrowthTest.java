package com.koodrive.device.client;

import static com.koodrive.device.client.FakeKooDrive.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec grows, and Java callers reach the growth with no hand edit: for each growth variant of
 * scripts/regeneration-variants.mjs (`npm run generate` wrote its Java into packages/integration-tests/fixtures/
 * regenerated/VARIANT/java/generated), the variant's generated code, this package's hand-written code and the
 * consumer project compile together, and a caller of the new shape (a probe, compiled with them) sends what the spec
 * says over the wire: method, path, query, body, the three signed headers, and retries by method.
 */
class SpecGrowthTest {
  private static final String DEVICE = FakeKooDrive.TWO_DEVICES.substring(9, FakeKooDrive.TWO_DEVICES.indexOf('}') + 1);

  /** Compiles the variant with a probe class Probe (static String methods taking the base URL); loads it. */
  private static URLClassLoader withProbe(String variant, Path scratch, String methods) throws Exception {
    Path probeDir = scratch.resolve("probe/com/koodrive/device/client");
    Files.createDirectories(probeDir);
    Files.writeString(
        probeDir.resolve("Probe.java"),
        "package com.koodrive.device.client;\n"
            + "import com.koodrive.device.client.model.*;\n"
            + "import java.util.*;\n"
            + "public final class Probe {\n"
            + "  static KooDriveClient client(String url) {\n"
            + "    return KooDriveClient.builder().baseUrl(url).accessToken(\"growth-token\").userId(\"demo-user\")\n"
            + "        .random(() -> 0.0).build();\n"
            + "  }\n"
            + "  static String failure(Runnable call) {\n"
            + "    try { call.run(); return \"no failure\"; }\n"
            + "    catch (KooDriveException e) { return e.kind() + \" \" + e.status().orElse(0) + \" after \" + e.attempts(); }\n"
            + "    catch (IllegalArgumentException e) { return e.getMessage(); }\n"
            + "  }\n"
            + methods
            + "}\n");
    Path out = Files.createDirectories(scratch.resolve("classes"));
    assertThat(RegenerationTest.errors(RegenerationTest.compile(variant, out, scratch.resolve("probe")))).isEmpty();
    return RegenerationTest.isolatedLoader(out);
  }

  private static String run(URLClassLoader loader, String method, String url) throws Exception {
    return (String) loader.loadClass("com.koodrive.device.client.Probe").getMethod(method, String.class)
        .invoke(null, url);
  }

  private static void assertSigned(FakeKooDrive.Seen seen) {
    assertThat(seen.header("X-User-Id")).isEqualTo("demo-user");
    assertThat(seen.header("X-Date")).matches("\\d{8}T\\d{6}Z");
    assertThat(seen.header("Authorization")).isEqualTo("Bearer growth-token");
  }

  @Test
  void anOptionalQueryParameterIsSentWhenSetAndLeftOutWhenNot(@TempDir Path scratch) throws Exception {
    String methods =
        "  public static String filtered(String url) {\n"
            + "    List<BoundDeviceEntity> some = client(url).listBoundDevices(\n"
            + "        ListBoundDevicesParameters.builder().deviceOS(\"harmony os\").build());\n"
            + "    return some.size() + \" \" + client(url).listBoundDevicesAsync(\n"
            + "        ListBoundDevicesParameters.builder().deviceOS(\"android\").build()).join().size();\n"
            + "  }\n"
            + "  public static String all(String url) { return \"\" + client(url).listBoundDevices().size(); }\n";
    try (FakeKooDrive server = new FakeKooDrive().then(json(500, ""), json(200, FakeKooDrive.TWO_DEVICES));
        URLClassLoader loader = withProbe("additive-query-parameter", scratch, methods)) {
      assertThat(run(loader, "filtered", server.url())).isEqualTo("2 2");
      assertThat(run(loader, "all", server.url())).isEqualTo("2");

      assertThat(server.seen).extracting(seen -> seen.method + " " + seen.path + " " + seen.query)
          .containsExactly(
              "GET /koodrive/ose/v1/backup/device deviceOS=harmony%20os", // a 500, retried: GET is idempotent
              "GET /koodrive/ose/v1/backup/device deviceOS=harmony%20os",
              "GET /koodrive/ose/v1/backup/device deviceOS=android",
              "GET /koodrive/ose/v1/backup/device null");
      server.seen.forEach(SpecGrowthTest::assertSigned);
    }
  }

  @Test
  void aDeleteOperationWithAPathParameterReturnsNothingAndIsRetried(@TempDir Path scratch) throws Exception {
    String methods =
        "  public static String unbind(String url) {\n"
            + "    client(url).unbindDevice(UnbindDeviceParameters.builder().deviceId(\"17/75 \u00fc\").build());\n"
            + "    Void done = client(url).unbindDeviceAsync(UnbindDeviceParameters.builder().deviceId(\"1775\").build())\n"
            + "        .join();\n"
            + "    return \"unbound \" + done;\n"
            + "  }\n"
            + "  public static String missing(String url) {\n"
            + "    return failure(() -> UnbindDeviceParameters.builder().build());\n"
            + "  }\n";
    String ok = FakeKooDrive.envelope(0, "success");
    try (FakeKooDrive server = new FakeKooDrive().then(json(503, ""), json(200, ok));
        URLClassLoader loader = withProbe("new-delete-operation", scratch, methods)) {
      assertThat(run(loader, "unbind", server.url())).isEqualTo("unbound null");
      assertThat(run(loader, "missing", server.url())).contains("deviceId");

      assertThat(server.seen).extracting(seen -> seen.method + " " + seen.path + " " + seen.query + " " + seen.body)
          .containsExactly(
              "DELETE /koodrive/ose/v1/backup/device/17%2F75%20%C3%BC null ", // a 503, retried
              "DELETE /koodrive/ose/v1/backup/device/17%2F75%20%C3%BC null ",
              "DELETE /koodrive/ose/v1/backup/device/1775 null ");
      server.seen.forEach(SpecGrowthTest::assertSigned);
    }
  }

  @Test
  void aPostOperationSendsItsJsonBodyAndIsRetriedOnlyWhenTheServerDidNotTakeIt(@TempDir Path scratch)
      throws Exception {
    String methods =
        "  static RenameDeviceParameters rename() {\n"
            + "    return RenameDeviceParameters.builder().deviceId(\"1775406005920779393\")\n"
            + "        .deviceRename(new DeviceRename().deviceName(\"Magic \u00e9\")).build();\n"
            + "  }\n"
            + "  public static String renamed(String url) {\n"
            + "    BoundDeviceEntity device = client(url).renameDevice(rename());\n"
            + "    return device.getDeviceName() + \" \" + client(url).renameDeviceAsync(rename()).join().getDeviceId();\n"
            + "  }\n"
            + "  public static String failing(String url) { return failure(() -> client(url).renameDevice(rename())); }\n"
            + "  public static String missingBody(String url) {\n"
            + "    return failure(() -> RenameDeviceParameters.builder().deviceId(\"1\").build());\n"
            + "  }\n";
    String ok = "{\"code\":0,\"msg\":\"success\",\"data\":" + DEVICE + "}";
    try (FakeKooDrive server = new FakeKooDrive();
        URLClassLoader loader = withProbe("new-post-operation", scratch, methods)) {
      server.then(json(429, ""), json(200, ok));
      assertThat(run(loader, "renamed", server.url())).isEqualTo("Magic v3 1775406005920779393");
      for (int status : new int[] {500, 502, 504}) {
        server.then(json(status, ""));
        assertThat(run(loader, "failing", server.url())).isEqualTo("HTTP " + status + " after 1");
      }
      server.then(json(503, ""), json(503, ""), json(503, ""));
      assertThat(run(loader, "failing", server.url())).isEqualTo("HTTP 503 after 3");
      assertThat(run(loader, "missingBody", server.url())).contains("deviceRename");

      assertThat(server.seen).hasSize(3 + 3 + 3).allSatisfy(seen -> {
        assertThat(seen.method + " " + seen.path + " " + seen.query)
            .isEqualTo("POST /koodrive/ose/v1/backup/device/1775406005920779393/name null");
        assertThat(seen.header("Content-Type")).isEqualTo("application/json");
        assertThat(seen.body).isEqualTo("{\"deviceName\":\"Magic \u00e9\"}");
        assertSigned(seen);
      });
    }
  }

  @Test
  void aParameterTheClientCannotSendFailsGenerationWithASentenceInsteadOfBeingDropped() throws Exception {
    // generator/operations.mjs prepares the spec for the template; a cookie parameter is one the client cannot send.
    String script =
        "const { prepareSpec } = await import(process.argv[1]);"
            + "const { parse, stringify } = await import('yaml');"
            + "const { readFileSync } = await import('node:fs');"
            + "const spec = parse(readFileSync(process.argv[2], 'utf8'));"
            + "spec.paths['/koodrive/ose/v1/backup/device'].get.parameters.push("
            + "  { name: 'session', in: 'cookie', schema: { type: 'string' } });"
            + "try { prepareSpec(stringify(spec)); console.log('generated'); } catch (e) { console.log(e.message); }";
    Path root = MockServerProcess.repoRoot();
    Process node =
        new ProcessBuilder(
                "node", "--input-type=module", "-e", script,
                root.resolve("packages/client-java/generator/operations.mjs").toUri().toString(),
                root.resolve("openapi/koodrive-device.yaml").toString())
            .directory(root.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String said = new String(node.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    assertThat(node.waitFor()).isZero();
    assertThat(said).isEqualTo(
        "GET /koodrive/ose/v1/backup/device (listBoundDevices): the Java client does not send cookie parameter session"
            + " yet");
  }

  @Test
  void everyGrowthVariantKeepsTodaysCallsCompiling(@TempDir Path scratch) throws Exception {
    for (String variant : List.of("additive-query-parameter", "new-delete-operation", "new-post-operation")) {
      Path out = Files.createDirectories(scratch.resolve(variant));
      assertThat(RegenerationTest.errors(RegenerationTest.compile(variant, out))).as(variant).isEmpty();
    }
  }
}

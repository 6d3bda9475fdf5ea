package org.hotroom.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.hotroom.host.bench.LogicJars;
import org.junit.jupiter.api.Test;

/** A reload that fails at any stage is refused with a clear error, and the old logic keeps serving. */
class BrokenJarTest extends ServerTestBase {

    private void assertRefused(byte[] jar, String stage, String messagePart) throws Exception {
        String before = serverVersion();
        int generation = server.generations().active().number();
        java.util.List<String> storedBefore = storedJars();
        HttpResponse<String> r = admin("POST", "logic", jar);
        assertEquals(400, r.statusCode(), r.body());
        JsonNode body = json(r);
        assertEquals("ORG.HOTROOM_RELOAD_FAILED", body.path("errcode").asText(), r.body());
        assertEquals(stage, body.path("stage").asText(), r.body());
        assertTrue(body.path("error").asText().contains(messagePart), r.body());
        assertEquals(before, serverVersion());
        assertEquals(generation, server.generations().active().number());
        JsonNode status = json(admin("GET", "logic", null));
        assertEquals("failed", status.path("history").get(0).path("outcome").asText());
        assertTrue(status.path("history").get(0).path("error").asText().contains(messagePart));
        // nothing of the refused bundle stays installed
        long logicBundles = java.util.Arrays.stream(server.frameworkContext().getBundles())
                .filter(b -> "org.hotroom.logic".equals(b.getSymbolicName())).count();
        assertEquals(1, logicBundles);
        assertEquals(storedBefore, storedJars(), "a refused jar is not stored for restarts");
    }

    /** The files in the data dir's logic directory that hold jars (or are being written). */
    private java.util.List<String> storedJars() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(data.resolve("logic"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".jar")).sorted().toList();
        }
    }

    @Test
    void bytesThatAreNoJarAreRefused() throws Exception {
        assertRefused("certainly not a zip file".getBytes(), "bad_jar", "not a jar");
    }

    @Test
    void aJarThatIsNoBundleIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.jar.JarOutputStream j = new java.util.jar.JarOutputStream(out, manifest("Plain: jar"))) {
            j.putNextEntry(new java.util.zip.ZipEntry("x.txt"));
            j.write(1);
        }
        assertRefused(out.toByteArray(), "bad_jar", "Bundle-SymbolicName");
    }

    @Test
    void unresolvedImportsAreRefused() throws Exception {
        byte[] jar = LogicJars.rewrite(read(builtInLogic()), "META-INF/MANIFEST.MF", mf -> {
            Manifest m = parse(mf);
            Attributes a = m.getMainAttributes();
            a.putValue("Import-Package", a.getValue("Import-Package") + ",org.hotroom.nonexistent;version=\"[1,2)\"");
            return write(m);
        });
        assertRefused(jar, "unresolved", "org.hotroom.nonexistent");
    }

    @Test
    void aLogicWhoseActivatorFailsIsRefused() throws Exception {
        byte[] jar = LogicJars.rewrite(read(builtInLogic()), "META-INF/MANIFEST.MF", mf -> {
            Manifest m = parse(mf);
            m.getMainAttributes().putValue("Bundle-Activator", "org.hotroom.logic.Missing");
            return write(m);
        });
        assertRefused(jar, "activation", "failed to start");
    }

    @Test
    void aComponentThatCannotActivateIsRefused() throws Exception {
        // a logic bundle may register its Logic through Declarative Services instead; SCR's reason
        // for a component that cannot activate is reported
        byte[] jar = LogicJars.rewrite(read(builtInLogic()), "META-INF/MANIFEST.MF", mf -> {
            Manifest m = parse(mf);
            m.getMainAttributes().remove(new Attributes.Name("Bundle-Activator"));
            m.getMainAttributes().putValue("Service-Component", "OSGI-INF/logic.xml");
            return write(m);
        });
        jar = with(jar, "OSGI-INF/logic.xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"logic\">\n"
                + "  <service><provide interface=\"org.hotroom.api.Logic\"/></service>\n"
                + "  <implementation class=\"org.hotroom.logic.Missing\"/>\n"
                + "</scr:component>\n").getBytes(StandardCharsets.UTF_8));
        assertRefused(jar, "activation", "failed to activate");
    }

    @Test
    void aLogicThatActivatesButCannotServeIsRefused() throws Exception {
        // the JSON helper is first needed when a request is answered, not at activation
        assertRefused(without(read(builtInLogic()), "org/hotroom/logic/json/Json.class"), "smoke",
                "failed its first step");
    }

    @Test
    void aBundleWithoutLogicIsRefused() throws Exception {
        assertRefused(read(HotroomServer.defaultBundlesDir().resolve("caffeine.jar")), "no_logic_service",
                "registers no org.hotroom.api.Logic");
    }

    @Test
    void anEmptyBodyIsRefused() throws Exception {
        HttpResponse<String> r = admin("POST", "logic", new byte[0]);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(serverVersion().length() > 0);
    }

    private static byte[] without(byte[] jar, String entry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean found = false;
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(jar));
             java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    found = true;
                    continue;
                }
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        assertTrue(found, entry);
        return out.toByteArray();
    }

    private static byte[] with(byte[] jar, String entry, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(jar));
             java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                zip.write(in.readAllBytes());
                zip.closeEntry();
            }
            zip.putNextEntry(new java.util.zip.ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static Manifest manifest(String line) throws IOException {
        return new Manifest(new ByteArrayInputStream(("Manifest-Version: 1.0\n" + line + "\n")
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static Manifest parse(byte[] bytes) {
        try {
            return new Manifest(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(Manifest m) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.hotroom.host.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Makes builds of the logic bundle that answer differently, from one built jar: the copy gets a
 * different {@code variant} in its {@code build.properties}, which the logic reports in its
 * version. Used by the reload benchmark and tests to alternate two distinguishable builds.
 */
public final class LogicJars {

    static final String BUILD_PROPERTIES = "org/hotroom/logic/build.properties";

    private LogicJars() {}

    /** A copy of {@code jar} whose logic reports variant {@code variant}. */
    public static byte[] withVariant(Path jar, String variant) throws IOException {
        return rewrite(Files.readAllBytes(jar), BUILD_PROPERTIES, bytes -> {
            Properties p = new Properties();
            try {
                p.load(new ByteArrayInputStream(bytes));
                p.setProperty("variant", variant);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                p.store(out, null);
                return out.toByteArray();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A copy of {@code jar} with entry {@code name} transformed; the entry must exist. */
    public static byte[] rewrite(byte[] jar, String name, UnaryOperator<byte[]> change) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jar.length + 256);
        boolean found = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(name)) {
                    bytes = change.apply(bytes);
                    found = true;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                zip.putNextEntry(copy);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        if (!found) {
            throw new IOException("the jar has no entry " + name);
        }
        return out.toByteArray();
    }

    /** The text of an entry, for checks. */
    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

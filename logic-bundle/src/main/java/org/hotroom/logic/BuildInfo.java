package org.hotroom.logic;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The build's identity, from the bundle-local resource {@value #RESOURCE} (written by Maven
 * resource filtering). It is read through this bundle's own class loader, so two logic bundles
 * installed side by side each report their own.
 */
public final class BuildInfo {

    public static final String RESOURCE = "org/hotroom/logic/build.properties";
    public static final String STANDARD = "standard";

    private BuildInfo() {}

    /** {@code version}, plus {@code " (variant)"} unless the variant is {@value #STANDARD}. */
    public static String version() {
        Properties p = new Properties();
        ClassLoader loader = HotroomLogic.class.getClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "unknown";
        }
        String version = p.getProperty("version", "unknown").trim();
        String variant = p.getProperty("variant", STANDARD).trim();
        return variant.isEmpty() || variant.equals(STANDARD) ? version : version + " (" + variant + ")";
    }
}

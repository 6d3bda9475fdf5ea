package org.hotroom.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.hotroom.host.config.HostConfig;

/**
 * The admin token: the config's {@code admin_token} if set, else the one stored in the data dir,
 * else a new one, stored there (owner-only) and printed once.
 */
public final class AdminToken {

    static final String FILE = "admin_token";

    private AdminToken() {}

    /** The token a running instance with this config uses, or null if none exists yet. */
    public static String find(HostConfig config) throws IOException {
        if (config.adminToken() != null) {
            return config.adminToken();
        }
        Path file = config.dataDir().resolve(FILE);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
    }

    /** The token to use, creating and announcing it on first start. */
    static String ensure(HostConfig config) throws IOException {
        String token = find(config);
        if (token != null) {
            return token;
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path file = config.dataDir().resolve(FILE);
        Path tmp = config.dataDir().resolve(FILE + ".tmp");
        Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the data dir's own permissions protect it
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("hotroom: generated an admin token (stored in " + file + "; shown only this once):");
        System.out.println("  " + token);
        return token;
    }
}

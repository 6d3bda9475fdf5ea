package org.hotroom.host;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hotroom.host.config.HostConfig;
import org.hotroom.host.tls.TlsMaterial;

/**
 * The client side of the admin API for the command line: finds the running instance and its
 * admin token through the same configuration the server was started with.
 */
final class AdminClient {

    private AdminClient() {}

    static int command(String command, HostConfig config, List<String> args, PrintStream out, PrintStream err)
            throws Exception {
        String token = AdminToken.find(config);
        if (token == null) {
            err.println("hotroom: no admin token: set admin_token in the config or start the server once (it stores"
                    + " one in " + config.dataDir() + ")");
            return 1;
        }
        HttpRequest.Builder request;
        String base = baseUri(config) + "/_hotroom/admin/v1/";
        switch (command) {
            case "reload" -> {
                if (args.size() != 1) {
                    throw new Main.UsageException("reload needs exactly one JAR argument");
                }
                Path jar = Path.of(args.get(0));
                if (!Files.isRegularFile(jar)) {
                    err.println("hotroom: " + jar + " is not a file");
                    return 1;
                }
                request = HttpRequest.newBuilder(URI.create(base + "logic"))
                        .header("content-type", "application/java-archive")
                        .POST(HttpRequest.BodyPublishers.ofFile(jar));
            }
            case "rollback" -> request = HttpRequest.newBuilder(URI.create(base + "logic/rollback"))
                    .POST(HttpRequest.BodyPublishers.noBody());
            default -> request = HttpRequest.newBuilder(URI.create(base + "logic")).GET();
        }
        if (!command.equals("reload") && !args.isEmpty()) {
            throw new Main.UsageException("unexpected arguments: " + String.join(" ", args));
        }
        HttpClient client = HttpClient.newBuilder().sslContext(TlsMaterial.clientContext(false))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request.header("authorization", "Bearer " + token)
                    .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("hotroom: no server is listening at " + baseUri(config) + " (is it running with this config?)");
            return 1;
        } catch (IOException e) {
            err.println("hotroom: " + baseUri(config) + ": " + e);
            return 1;
        }
        (response.statusCode() == 200 ? out : err).println(response.body());
        return response.statusCode() == 200 ? 0 : 1;
    }

    static String baseUri(HostConfig config) {
        String host = config.client().bind();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return (config.client().tls() ? "https://" : "http://") + host + ":" + config.client().port();
    }
}

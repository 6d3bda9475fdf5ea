package org.hotroom.host.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the configuration: embedded defaults, then a YAML file, then overrides (from command-line
 * flags), each layer replacing keys of the one below. Every key of a layer must be known and
 * every value valid; the first problem is reported as a {@link ConfigException} naming the key,
 * so the server never starts on a config it misunderstands.
 */
public final class ConfigLoader {

    /** Where the embedded defaults live on the class path (the felix-conf jar). */
    public static final String DEFAULTS_RESOURCE = "/felix-conf/default-config.yaml";

    // server_name: a host (DNS name, IPv4, or [IPv6]) and an optional port, per the spec's grammar.
    private static final Pattern SERVER_NAME = Pattern.compile(
            "^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253})|\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.]{2,45}\\])(?::\\d{1,5})?$");
    // the storage bundle's state store strategies (see org.hotroom.storage.state.StateStores)
    private static final Pattern STATE_STORE = Pattern.compile("^(hotroom|blocks|synapse(:\\d+)?|levels(:\\d+(,\\d+)*)?)$");
    private static final Pattern ADMIN_TOKEN = Pattern.compile("^[A-Za-z0-9._~+/=-]{16,256}$");

    /** The logic's rate-limited endpoint classes (org.hotroom.logic.ratelimit.LimitClass). */
    static final List<String> RATE_LIMIT_CLASSES = List.of("login", "registration", "message", "create_room", "join");

    /** Every known key, as a dotted path, with the type it must have. */
    private static final Map<String, JsonNodeType> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("server_name", JsonNodeType.STRING);
        KEYS.put("data_dir", JsonNodeType.STRING);
        KEYS.put("admin_token", JsonNodeType.STRING);
        KEYS.put("listeners", JsonNodeType.OBJECT);
        for (String l : List.of("client", "federation")) {
            KEYS.put("listeners." + l, JsonNodeType.OBJECT);
            KEYS.put("listeners." + l + ".bind", JsonNodeType.STRING);
            KEYS.put("listeners." + l + ".port", JsonNodeType.NUMBER);
            KEYS.put("listeners." + l + ".tls", JsonNodeType.BOOLEAN);
        }
        KEYS.put("federation", JsonNodeType.OBJECT);
        KEYS.put("federation.verify_tls", JsonNodeType.BOOLEAN);
        KEYS.put("limits", JsonNodeType.OBJECT);
        KEYS.put("limits.max_body_bytes", JsonNodeType.NUMBER);
        KEYS.put("logic", JsonNodeType.OBJECT);
        KEYS.put("logic.deploy_dir", JsonNodeType.STRING);
        KEYS.put("storage", JsonNodeType.OBJECT);
        KEYS.put("storage.map_size_mb", JsonNodeType.NUMBER);
        KEYS.put("storage.sync", JsonNodeType.BOOLEAN);
        KEYS.put("storage.state_store", JsonNodeType.STRING);
        KEYS.put("rate_limits", JsonNodeType.OBJECT);
        for (String c : RATE_LIMIT_CLASSES) {
            KEYS.put("rate_limits." + c, JsonNodeType.OBJECT);
            KEYS.put("rate_limits." + c + ".per_second", JsonNodeType.NUMBER);
            KEYS.put("rate_limits." + c + ".burst", JsonNodeType.NUMBER);
        }
    }

    private final ObjectMapper yaml;

    public ConfigLoader() {
        YAMLFactory factory = YAMLFactory.builder().build();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.yaml = new ObjectMapper(factory);
    }

    /**
     * Loads the configuration.
     *
     * @param file      a YAML file, or null for the embedded defaults alone
     * @param overrides dotted keys to values (strings are converted to the key's type)
     */
    public HostConfig load(Path file, Map<String, String> overrides) throws ConfigException {
        ObjectNode merged = defaults();
        if (file != null) {
            JsonNode fromFile;
            try {
                byte[] bytes = Files.readAllBytes(file);
                fromFile = bytes.length == 0 ? yaml.createObjectNode() : yaml.readTree(bytes);
            } catch (NoSuchFileException e) {
                throw new ConfigException("config file " + file + " does not exist");
            } catch (JacksonException e) {
                throw new ConfigException("config file " + file + " is not valid YAML: " + e.getOriginalMessage()
                        + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
            } catch (IOException e) {
                throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage(), e);
            }
            if (fromFile == null || fromFile.isMissingNode() || fromFile.isNull()) {
                fromFile = yaml.createObjectNode();
            }
            if (!fromFile.isObject()) {
                throw new ConfigException("config file " + file + " must be a YAML mapping of keys to values");
            }
            check("", fromFile);
            merge(merged, (ObjectNode) fromFile);
        }
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            override(merged, o.getKey(), o.getValue());
        }
        return build(merged);
    }

    /** Loads the embedded defaults with no file and no overrides. */
    public HostConfig defaultsOnly() throws ConfigException {
        return load(null, Map.of());
    }

    private ObjectNode defaults() throws ConfigException {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new ConfigException("embedded defaults " + DEFAULTS_RESOURCE + " are missing from the class path");
            }
            JsonNode node = yaml.readTree(in);
            check("", node);
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new ConfigException("embedded defaults are unreadable: " + e.getMessage(), e);
        }
    }

    private static void check(String prefix, JsonNode node) throws ConfigException {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = prefix + f.getKey();
            JsonNodeType expected = KEYS.get(key);
            if (expected == null) {
                throw new ConfigException("unknown config key '" + key + "'" + suggestion(key));
            }
            JsonNode v = f.getValue();
            if (v.getNodeType() != expected) {
                throw new ConfigException("config key '" + key + "' must be " + describe(expected) + ", not "
                        + describe(v.getNodeType()) + (v.isValueNode() ? " (" + v.asText() + ")" : ""));
            }
            if (expected == JsonNodeType.OBJECT) {
                check(key + ".", v);
            }
        }
    }

    private static String suggestion(String key) {
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        List<String> near = new ArrayList<>();
        for (String k : KEYS.keySet()) {
            if (k.endsWith("." + leaf) || k.equals(leaf)) {
                near.add(k);
            }
        }
        return near.isEmpty() ? "" : " (did you mean '" + String.join("' or '", near) + "'?)";
    }

    private static String describe(JsonNodeType t) {
        return switch (t) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case OBJECT -> "a mapping";
            case ARRAY -> "a list";
            case NULL -> "empty";
            default -> t.name().toLowerCase();
        };
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(f -> {
            JsonNode existing = into.get(f.getKey());
            if (existing instanceof ObjectNode o && f.getValue() instanceof ObjectNode n) {
                merge(o, n);
            } else {
                into.set(f.getKey(), f.getValue());
            }
        });
    }

    private void override(ObjectNode root, String key, String value) throws ConfigException {
        JsonNodeType type = KEYS.get(key);
        if (type == null || type == JsonNodeType.OBJECT) {
            throw new ConfigException("unknown config key '" + key + "'");
        }
        String[] parts = key.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
        }
        String leaf = parts[parts.length - 1];
        switch (type) {
            case NUMBER -> {
                try {
                    node.put(leaf, Long.parseLong(value));
                } catch (NumberFormatException e) {
                    try {
                        // a fraction is checked like one from a file (whole-number keys refuse it)
                        node.put(leaf, new java.math.BigDecimal(value));
                    } catch (NumberFormatException notANumber) {
                        throw new ConfigException("config key '" + key + "' must be a number, not '" + value + "'");
                    }
                }
            }
            case BOOLEAN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new ConfigException("config key '" + key + "' must be true or false, not '" + value + "'");
                }
                node.put(leaf, Boolean.parseBoolean(value));
            }
            default -> node.set(leaf, TextNode.valueOf(value));
        }
    }

    private static HostConfig build(ObjectNode c) throws ConfigException {
        String serverName = c.path("server_name").asText();
        if (!SERVER_NAME.matcher(serverName).matches()) {
            throw new ConfigException("config key 'server_name' is not a valid Matrix server name: '" + serverName
                    + "' (expected a host name or IP literal with an optional :port)");
        }
        int colon = serverName.lastIndexOf(':');
        if (colon > serverName.lastIndexOf(']')) {
            int port = Integer.parseInt(serverName.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new ConfigException("config key 'server_name' has a port out of range: " + port);
            }
        }
        String dataDirText = c.path("data_dir").asText();
        if (dataDirText.isBlank()) {
            throw new ConfigException("config key 'data_dir' must not be empty");
        }
        Path dataDir = Path.of(dataDirText).toAbsolutePath().normalize();
        String adminToken = c.hasNonNull("admin_token") ? c.get("admin_token").asText() : null;
        if (adminToken != null && !ADMIN_TOKEN.matcher(adminToken).matches()) {
            throw new ConfigException("config key 'admin_token' must be 16 to 256 characters of letters, digits"
                    + " and ._~+/=-");
        }
        HostConfig.ListenerConfig client = listener(c, "client");
        HostConfig.ListenerConfig federation = listener(c, "federation");
        if (client.port() != 0 && client.port() == federation.port() && client.bind().equals(federation.bind())) {
            throw new ConfigException("config keys 'listeners.client.port' and 'listeners.federation.port' are both "
                    + client.port() + " on " + client.bind() + "; the listeners need different ports");
        }
        long maxBody = wholeNumber(c, "limits.max_body_bytes", 1024, 1L << 31);
        String deploy = c.path("logic").path("deploy_dir").asText("");
        Path deployDir = deploy.isBlank() ? dataDir.resolve("deploy") : Path.of(deploy).toAbsolutePath().normalize();
        long mapSize = wholeNumber(c, "storage.map_size_mb", 1, 1L << 24);
        String stateStore = c.path("storage").path("state_store").asText();
        if (!STATE_STORE.matcher(stateStore).matches()) {
            throw new ConfigException("config key 'storage.state_store' must be hotroom, blocks, synapse[:HOPS] or"
                    + " levels[:N,N,...], not '" + stateStore + "'");
        }
        return new HostConfig(serverName, dataDir, adminToken, client, federation,
                c.path("federation").path("verify_tls").asBoolean(), maxBody, deployDir, mapSize,
                c.path("storage").path("sync").asBoolean(), stateStore, rateLimits(c));
    }

    private static Map<String, HostConfig.RateLimit> rateLimits(ObjectNode c) throws ConfigException {
        Map<String, HostConfig.RateLimit> limits = new LinkedHashMap<>();
        for (String name : RATE_LIMIT_CLASSES) {
            JsonNode l = c.path("rate_limits").path(name);
            if (l.isMissingNode()) {
                continue; // not limited
            }
            String key = "rate_limits." + name;
            if (!l.has("per_second") || !l.has("burst")) {
                throw new ConfigException("config key '" + key + "' needs both per_second and burst");
            }
            double perSecond = l.get("per_second").asDouble();
            if (!(perSecond >= 0) || perSecond > 1e9) {
                throw new ConfigException("config key '" + key + ".per_second' must be between 0 (no limit) and 1e9, not "
                        + l.get("per_second").asText());
            }
            long burst = wholeNumber(c, key + ".burst", 1, 1_000_000_000);
            limits.put(name, new HostConfig.RateLimit(perSecond, (int) burst));
        }
        return limits;
    }

    private static HostConfig.ListenerConfig listener(ObjectNode c, String name) throws ConfigException {
        JsonNode l = c.path("listeners").path(name);
        String bind = l.path("bind").asText("");
        if (bind.isBlank() || bind.contains(" ")) {
            throw new ConfigException("config key 'listeners." + name + ".bind' must be an address to listen on");
        }
        int port = (int) wholeNumber(c, "listeners." + name + ".port", 0, 65535);
        return new HostConfig.ListenerConfig(bind, port, l.path("tls").asBoolean(false));
    }

    private static long wholeNumber(ObjectNode c, String key, long min, long max) throws ConfigException {
        JsonNode node = c;
        for (String part : key.split("\\.")) {
            node = node.path(part);
        }
        if (!node.isIntegralNumber()) {
            throw new ConfigException("config key '" + key + "' must be a whole number, not " + node.asText());
        }
        long v = node.asLong();
        if (v < min || v > max) {
            throw new ConfigException("config key '" + key + "' must be between " + min + " and " + max + ", not " + v);
        }
        return v;
    }
}

package io.releasegate.config.poolfile;

import io.releasegate.config.Addresses;
import io.releasegate.config.ConfigFile;
import io.releasegate.config.ConfigFormat;
import io.releasegate.config.ConfigParseException;
import io.releasegate.config.ConfigParser;
import io.releasegate.config.Pool;
import io.releasegate.config.Server;
import io.releasegate.config.SourceResolver;
import io.releasegate.config.YamlNode;
import io.releasegate.config.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Release Gate's pool file (YAML or JSON), for pools defined outside HAProxy and nginx (cloud load balancers,
 * DNS). Format, documented in docs/policy.md:
 * <pre>
 * pools:
 *   web:
 *     algorithm: roundrobin          # optional, default roundrobin
 *     healthCheck: http GET /health  # optional description of the check
 *     servers:
 *       web-01: {address: 10.0.0.1:8080, weight: 1, check: true}
 *       web-02: {address: 10.0.0.2:8080, backup: true, disabled: false}
 * </pre>
 */
public final class PoolFileParser implements ConfigParser {
    private static final int MAX_WEIGHT = 1_000_000;

    @Override
    public ConfigFormat format() {
        return ConfigFormat.POOLFILE;
    }

    @Override
    public ConfigFile parse(String path, String content, SourceResolver resolver) throws ConfigParseException {
        YamlNode root = YamlReader.read(path, content);
        root.entries();
        root.requireOnly("pools", "version");
        YamlNode pools = root.get("pools").orElseThrow(() -> root.error("a pool file needs a 'pools' mapping"));
        List<Pool> result = new ArrayList<>();
        for (Map.Entry<String, YamlNode> entry : pools.entries().entrySet()) {
            result.add(pool(path, entry.getKey(), entry.getValue()));
        }
        return new ConfigFile(path, ConfigFormat.POOLFILE, result, List.of());
    }

    private static Pool pool(String path, String name, YamlNode node) throws ConfigParseException {
        node.requireOnly("algorithm", "healthCheck", "servers");
        String algorithm = node.get("algorithm").isPresent() ? node.get("algorithm").get().asText() : "roundrobin";
        String healthCheck = node.get("healthCheck").isPresent() ? node.get("healthCheck").get().asText() : "";
        YamlNode servers = node.get("servers").orElseThrow(() -> node.error("pool '" + name + "' has no 'servers'"));
        List<Server> result = new ArrayList<>();
        for (Map.Entry<String, YamlNode> entry : servers.entries().entrySet()) {
            result.add(server(entry.getKey(), entry.getValue()));
        }
        if (result.isEmpty()) {
            throw servers.error("pool '" + name + "' has no servers");
        }
        return new Pool(name, algorithm, healthCheck, path, node.line(), result);
    }

    private static Server server(String name, YamlNode node) throws ConfigParseException {
        node.requireOnly("address", "weight", "backup", "disabled", "check");
        YamlNode address = node.get("address").orElseThrow(() -> node.error("server '" + name + "' has no address"));
        Addresses.HostPort hostPort;
        try {
            hostPort = Addresses.split(address.asText(), 0);
        } catch (IllegalArgumentException e) {
            throw address.error(e.getMessage());
        }
        Server.Builder builder = Server.builder(name).address(hostPort.host(), hostPort.port()).line(node.line());
        if (node.get("weight").isPresent()) {
            builder.weight(node.get("weight").get().asInt(0, MAX_WEIGHT));
        }
        if (node.get("backup").isPresent()) {
            builder.backup(node.get("backup").get().asBoolean());
        }
        if (node.get("disabled").isPresent()) {
            builder.disabled(node.get("disabled").get().asBoolean());
        }
        if (node.get("check").isPresent()) {
            builder.healthCheck(node.get("check").get().asBoolean());
        }
        return builder.build();
    }
}

package io.releasegate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A real nginx (Debian package) in the foreground on 127.0.0.1, with its prefix in a temp directory. */
public final class NginxProcess extends ManagedProcess {
    private final int port;

    private NginxProcess(Path dir, Path configFile, int port) {
        super(List.of(binary(), "-p", dir.toString() + "/", "-c", configFile.toString(),
                "-e", "stderr", "-g", "daemon off; master_process on; pid " + dir.resolve("nginx.pid") + ";"),
                dir, "nginx");
        this.port = port;
        awaitPort(port, Duration.ofSeconds(10));
    }

    /** The nginx binary: {@code $NGINX_BIN}, else {@code /usr/sbin/nginx}, else {@code nginx} on PATH. */
    public static String binary() {
        String fromEnv = System.getenv("NGINX_BIN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    }

    /** Writes {@code configText} to {@code dir/nginx.conf} and starts nginx, waiting until {@code port} listens. */
    public static NginxProcess start(Path dir, String configText, int port) {
        Path config = dir.resolve("nginx.conf");
        try {
            Files.createDirectories(dir.resolve("logs"));
            Files.createDirectories(dir.resolve("tmp"));
            Files.writeString(config, configText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NginxProcess(dir, config, port);
    }

    /**
     * A complete nginx.conf: upstream {@code pool} with the given servers ({@code host:port} to weight), a server on
     * {@code port} proxying to it and exposing the answering upstream in {@code X-Upstream}.
     */
    public static String config(String pool, int port, String balancer, Map<String, Integer> servers) {
        StringBuilder text = new StringBuilder()
                .append("worker_processes 1;\n")
                .append("error_log stderr warn;\n")
                .append("events { worker_connections 512; }\n")
                .append("http {\n")
                .append("    access_log off;\n")
                .append("    client_body_temp_path tmp/body;\n")
                .append("    proxy_temp_path tmp/proxy;\n")
                .append("    fastcgi_temp_path tmp/fastcgi;\n")
                .append("    uwsgi_temp_path tmp/uwsgi;\n")
                .append("    scgi_temp_path tmp/scgi;\n")
                .append("    upstream ").append(pool).append(" {\n");
        if (balancer != null && !balancer.isBlank()) {
            text.append("        ").append(balancer).append(";\n");
        }
        servers.forEach((address, weight) -> text.append("        server ").append(address)
                .append(" weight=").append(weight).append(" max_fails=0;\n"));
        text.append("        keepalive 16;\n")
                .append("    }\n")
                .append("    server {\n")
                .append("        listen 127.0.0.1:").append(port).append(";\n")
                .append("        location / {\n")
                .append("            proxy_http_version 1.1;\n")
                .append("            proxy_set_header Connection \"\";\n")
                .append("            proxy_next_upstream off;\n")
                .append("            proxy_pass http://").append(pool).append(";\n")
                .append("            add_header X-Upstream $upstream_addr always;\n")
                .append("        }\n")
                .append("    }\n")
                .append("}\n");
        return text.toString();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }
}

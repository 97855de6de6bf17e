package io.releasegate.verify.probe;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive HTTP/1.1 connection: writes a GET, reads status, headers and a length-delimited or chunked body.
 * TLS uses the JVM's default trust store and verifies the host name ({@code HTTPS} endpoint identification).
 */
final class Http11Connection implements Closeable {
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;

    private final Socket socket;
    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private final OutputStream out;
    private final String hostHeader;
    private long deadlineNanos;
    private boolean reusable = true;
    private boolean used;

    private Http11Connection(Socket socket, String hostHeader) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.hostHeader = hostHeader;
    }

    static Http11Connection open(URI uri, int timeoutMillis) throws IOException {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String host = uri.getHost();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            if (tls) {
                SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, host, port, true);
                ssl.setSoTimeout(timeoutMillis);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
                socket = ssl;
            }
            boolean defaultPort = uri.getPort() < 0;
            return new Http11Connection(socket, defaultPort ? host : host + ":" + port);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    boolean used() {
        return used;
    }

    boolean reusable() {
        return reusable && !socket.isClosed();
    }

    ProbeResponse get(URI uri, int timeoutMillis) throws IOException {
        used = true;
        deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000L;
        socket.setSoTimeout(timeoutMillis);
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        String authorization = uri.getRawUserInfo() == null ? "" : "Authorization: Basic " + java.util.Base64
                .getEncoder().encodeToString(java.net.URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8)
                        .getBytes(StandardCharsets.UTF_8)) + "\r\n";
        String request = "GET " + target + " HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nUser-Agent: release-gate-verify\r\nAccept: */*\r\n" + authorization + "\r\n";
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        while (true) {
            String statusLine = readLine();
            if (statusLine == null) {
                throw new EOFException("connection closed before the status line");
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP response: " + abbreviate(statusLine));
            }
            int status = parseStatus(parts[1], statusLine);
            Map<String, List<String>> headers = readHeaders();
            if (status >= 100 && status < 200) {
                continue;
            }
            if (parts[0].equals("HTTP/1.0") && !hasToken(headers, "connection", "keep-alive")
                    || hasToken(headers, "connection", "close")) {
                reusable = false;
            }
            String body = readBody(status, headers);
            return new ProbeResponse(status, headers, body);
        }
    }

    private static int parseStatus(String code, String line) throws IOException {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + abbreviate(line), e);
        }
    }

    private Map<String, List<String>> readHeaders() throws IOException {
        Map<String, List<String>> headers = new HashMap<>();
        for (int i = 0; i < MAX_HEADERS; i++) {
            String line = readLine();
            if (line == null) {
                throw new EOFException("connection closed in the headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>(1)).add(line.substring(colon + 1).trim());
            }
        }
        throw new IOException("more than " + MAX_HEADERS + " header lines");
    }

    private String readBody(int status, Map<String, List<String>> headers) throws IOException {
        BoundedText body = new BoundedText();
        if (status == 204 || status == 304) {
            return "";
        }
        if (hasToken(headers, "transfer-encoding", "chunked")) {
            while (true) {
                String sizeLine = readLine();
                if (sizeLine == null) {
                    throw new EOFException("connection closed in a chunked body");
                }
                int semicolon = sizeLine.indexOf(';');
                long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    while (true) {
                        String trailer = readLine();
                        if (trailer == null || trailer.isEmpty()) {
                            return body.text();
                        }
                    }
                }
                copy(size, body);
                readLine();
            }
        }
        List<String> length = headers.get("content-length");
        if (length != null && !length.isEmpty()) {
            copy(Long.parseLong(length.get(0).trim()), body);
            return body.text();
        }
        reusable = false;
        copy(Long.MAX_VALUE, body);
        return body.text();
    }

    private void copy(long size, BoundedText body) throws IOException {
        long left = size;
        while (left > 0) {
            if (position == limit && !fill()) {
                if (size == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException("connection closed in the body");
            }
            int take = (int) Math.min(limit - position, left);
            body.add(buffer, position, take);
            position += take;
            left -= take;
        }
    }

    /** Reads more bytes into the empty buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        checkDeadline();
        int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (position == limit && !fill()) {
                return line == null || line.length() == 0 ? null : line.toString();
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            boolean complete = position < limit;
            int end = position;
            if (complete) {
                position++;
            }
            if (complete && line == null) {
                int stop = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
                return new String(buffer, start, stop - start, StandardCharsets.ISO_8859_1);
            }
            String part = new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
            line = line == null ? new StringBuilder(part) : line.append(part);
            if (line.length() > MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            if (complete) {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
        }
    }

    private void checkDeadline() throws SocketTimeoutException {
        if (System.nanoTime() > deadlineNanos) {
            throw new SocketTimeoutException("response took longer than the timeout");
        }
    }

    private static boolean hasToken(Map<String, List<String>> headers, String name, String token) {
        for (String value : headers.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (part.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    @Override
    public void close() {
        reusable = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** The first {@link ProbeResponse#MAX_BODY} bytes of a body as UTF-8 text. */
    private static final class BoundedText {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);

        void add(byte[] buffer, int offset, int length) {
            int room = ProbeResponse.MAX_BODY - bytes.size();
            if (room > 0) {
                bytes.write(buffer, offset, Math.min(room, length));
            }
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}

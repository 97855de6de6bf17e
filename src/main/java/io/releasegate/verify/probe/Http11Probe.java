package io.releasegate.verify.probe;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A lean HTTP/1.1 client over plain or TLS sockets with a keep-alive pool per origin: one connection per concurrent
 * request, reused afterwards, so a run costs about one TCP handshake per worker. A pooled connection that the
 * server closed meanwhile is retried once on a fresh one.
 */
public final class Http11Probe implements HttpProbe {
    private final Map<String, ConcurrentLinkedDeque<Http11Connection>> idle = new ConcurrentHashMap<>();
    private final Set<Http11Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    @Override
    public ProbeResponse get(URI uri, Duration timeout) throws IOException {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        String origin = uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
        ConcurrentLinkedDeque<Http11Connection> pool = idle.computeIfAbsent(origin, k -> new ConcurrentLinkedDeque<>());
        Http11Connection pooled = pool.pollFirst();
        if (pooled != null) {
            try {
                return exchange(pooled, uri, millis, pool);
            } catch (EOFException | SocketException stale) {
                // the server closed an idle keep-alive connection: retry once on a new one
                if (closed) {
                    throw stale;
                }
            }
        }
        return exchange(connect(uri, millis), uri, millis, pool);
    }

    private Http11Connection connect(URI uri, int millis) throws IOException {
        if (closed) {
            throw new SocketException("probe closed");
        }
        Http11Connection connection = Http11Connection.open(uri, millis);
        open.add(connection);
        if (closed) {
            discard(connection);
            throw new SocketException("probe closed");
        }
        return connection;
    }

    private ProbeResponse exchange(Http11Connection connection, URI uri, int millis,
            ConcurrentLinkedDeque<Http11Connection> pool) throws IOException {
        try {
            ProbeResponse response = connection.get(uri, millis);
            if (connection.reusable() && !closed) {
                pool.offerFirst(connection);
            } else {
                discard(connection);
            }
            return response;
        } catch (IOException | RuntimeException e) {
            discard(connection);
            throw e;
        }
    }

    private void discard(Http11Connection connection) {
        open.remove(connection);
        connection.close();
    }

    /** Closes every connection, idle or in use (a request in flight fails at once). */
    @Override
    public void close() {
        closed = true;
        for (Http11Connection connection : open) {
            discard(connection);
        }
        idle.clear();
    }
}
